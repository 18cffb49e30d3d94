/**
 * Turning arbitrary observed values into the shapes ATIF allows: `arguments` must be a JSON
 * object and observation `content` a string. Nothing is dropped on the way; a value that does
 * not fit is wrapped or serialised.
 */
import { isObject, type JsonObject } from "../json.ts";

export type { JsonObject };

/**
 * Tool-call arguments as an object: JSON text is parsed, other values are wrapped.
 *
 * @example
 * toArguments('{"cmd":"ls"}'); // { cmd: "ls" }
 * toArguments("not json");     // { raw: "not json" }
 * toArguments([1, 2]);         // { value: [1, 2] }
 */
export function toArguments(value: unknown): JsonObject {
  if (value === undefined || value === null) return {};
  if (isObject(value)) return value;
  if (typeof value === "string") {
    if (value.trim() === "") return {};
    try {
      const parsed: unknown = JSON.parse(value);
      return isObject(parsed) ? parsed : { value: parsed };
    } catch {
      return { raw: value };
    }
  }
  return { value };
}

/**
 * Observation content as a string: strings stay as they are, structured results are
 * serialised; undefined/null mean "no content".
 *
 * @example
 * toContent({ stdout: "ok" }); // '{"stdout":"ok"}'
 */
export function toContent(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** ISO 8601 / RFC 3339 UTC timestamp for an epoch-millisecond time. */
export function isoTime(at: number): string {
  // A step carries up to four instants, mostly the same millisecond as the last step's: the
  // last one is remembered rather than formatted again (a Date and a string each time).
  if (at !== lastIso.at) lastIso = { at, text: new Date(at).toISOString() };
  return lastIso.text;
}
let lastIso = { at: Number.NaN, text: "" };
