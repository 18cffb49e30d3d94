import { type JsonObject } from "../../../domain/json.ts";
import { normalizeUsage } from "../../../domain/usage.ts";
import type { ProviderResponse } from "../../../ports/provider-api.ts";
import { failureOf } from "../shared/failure.ts";
import { asId, asJsonObject, indexOf, objectsOf } from "../shared/json.ts";
import { toProviderResponse } from "../shared/provider-response.ts";
import { readChoiceMessage } from "./choice-message.ts";

/** The first choice (`index` 0, or the lowest present): with `n > 1` the others are alternatives. */
function firstChoice(choices: unknown): JsonObject | undefined {
  const all = objectsOf(choices);
  return all.reduce<JsonObject | undefined>((best, choice) => {
    if (best === undefined) return choice;
    return (indexOf(choice.index) ?? Infinity) < (indexOf(best.index) ?? Infinity) ? choice : best;
  }, undefined);
}

/**
 * Reads a buffered Chat Completions body with its HTTP status.
 *
 * @example
 * readChatResponse({ model: "gpt-4.1", choices: [{ index: 0, message: { role: "assistant", content: "Hello" } }], usage: { prompt_tokens: 9, completion_tokens: 1 } }, 200);
 * // { status: "completed", model: "gpt-4.1", message: "Hello", toolCalls: [], usage: { inputTokens: 9, outputTokens: 1, cachedTokens: 0 } }
 */
export function readChatResponse(body: unknown, httpStatus: number): ProviderResponse {
  const json = asJsonObject(body);
  const error = failureOf(body, httpStatus);
  if (json === undefined) return toProviderResponse({ error, toolCalls: [] });
  const summary = readChoiceMessage(firstChoice(json.choices)?.message);
  return toProviderResponse({ error, model: asId(json.model), ...summary, usage: normalizeUsage(json.usage) });
}
