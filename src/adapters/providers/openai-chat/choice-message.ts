import { isObject, type JsonObject } from "../../../domain/json.ts";
import type { RequestedToolCall } from "../../../domain/events.ts";
import { asString, objectsOf } from "../shared/json.ts";
import { contentText } from "../shared/text-parts.ts";

/** What one choice's assistant message says. */
export interface ChoiceSummary {
  readonly message?: string;
  readonly reasoning?: string;
  readonly toolCalls: RequestedToolCall[];
}

const nonEmpty = (text: string | undefined): string | undefined => (text === undefined || text === "" ? undefined : text);

/** Arguments are JSON text on the wire and are kept as sent; the domain parses them. */
function toolCallOf(call: JsonObject): RequestedToolCall {
  const fn = isObject(call.function) ? call.function : {};
  return { id: asString(call.id) ?? "", name: asString(fn.name) ?? "", arguments: fn.arguments };
}

/**
 * Reads a Chat Completions assistant message (`choices[i].message`, or one rebuilt from a
 * stream). `content` may be null when the model only calls tools; a `refusal` is what it said
 * instead of an answer. Reasoning comes as `reasoning_content` (DeepSeek, vLLM) or `reasoning`
 * (OpenRouter, newer vLLM), never from OpenAI itself.
 *
 * @example
 * readChoiceMessage({ role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "ls", arguments: "{}" } }] });
 * // { toolCalls: [{ id: "call_1", name: "ls", arguments: "{}" }] }
 */
export function readChoiceMessage(message: unknown): ChoiceSummary {
  const m = isObject(message) ? message : {};
  return {
    message: nonEmpty(contentText(m.content, ["text"])) ?? nonEmpty(asString(m.refusal)),
    reasoning: nonEmpty(asString(m.reasoning_content)) ?? nonEmpty(asString(m.reasoning)),
    toolCalls: objectsOf(m.tool_calls).map(toolCallOf),
  };
}
