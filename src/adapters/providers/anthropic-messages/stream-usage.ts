import { isObject, type JsonObject } from "../../../domain/json.ts";

/**
 * Merges a `message_delta` usage into what `message_start` reported. The counts in a stream are
 * cumulative, so for each count the larger value is the current one; `message_delta` often
 * carries only `output_tokens`, and replacing the usage wholesale (as the reference gateway did)
 * would lose the input and cache counts. Non-numeric fields take the latest non-null value.
 *
 * @example
 * mergeUsage({ input_tokens: 12, cache_read_input_tokens: 4000, output_tokens: 1 }, { output_tokens: 230 });
 * // { input_tokens: 12, cache_read_input_tokens: 4000, output_tokens: 230 }
 */
export function mergeUsage(base: JsonObject | undefined, update: unknown): JsonObject | undefined {
  if (!isObject(update)) return base;
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(update)) {
    if (value === null || value === undefined) continue;
    const previous = merged[key];
    merged[key] = typeof value === "number" && typeof previous === "number" ? Math.max(previous, value) : value;
  }
  return merged;
}
