import { type JsonObject } from "../../../domain/json.ts";
import type { RequestedToolCall } from "../../../domain/events.ts";
import { asString, objectsOf } from "../shared/json.ts";
import { joinTexts } from "../shared/text-parts.ts";

/** What a Responses `output` array says: the assistant's text, its reasoning, its tool calls. */
export interface OutputSummary {
  readonly message?: string;
  readonly reasoning?: string;
  readonly toolCalls: RequestedToolCall[];
}

/** A refusal is what the assistant said instead of an answer, so it is its message. */
const messageTexts = (item: JsonObject): (string | undefined)[] =>
  objectsOf(item.content).map((part) =>
    part.type === "output_text" ? asString(part.text) : part.type === "refusal" ? asString(part.refusal) : undefined,
  );

/** Reasoning models return summaries; open-weight ones return the raw `reasoning_text` instead. */
const reasoningText = (item: JsonObject): string | undefined =>
  joinTexts(objectsOf(item.summary).map((part) => asString(part.text))) ??
  joinTexts(objectsOf(item.content).map((part) => asString(part.text)));

/**
 * `function_call` items carry JSON-text `arguments`; Codex's freeform tools (`apply_patch`) come
 * as `custom_tool_call` items with a raw `input`. Both are calls the client will run, and their
 * `call_id` is the id its tool hooks report. Arguments are kept as sent. The name is the wire
 * `name` without the item's `namespace`: Codex's hooks are inconsistent about namespaces
 * (`multi_agent_v1wait_agent` but plain `spawn_agent`), so the id, not the name, joins the two.
 */
function toolCallOf(item: JsonObject): RequestedToolCall | undefined {
  const id = asString(item.call_id) ?? asString(item.id) ?? "";
  const name = asString(item.name) ?? "";
  if (item.type === "function_call") return { id, name, arguments: item.arguments };
  if (item.type === "custom_tool_call") return { id, name, arguments: item.input };
  return undefined;
}

/**
 * Summarises the `output` items of a Responses API response (buffered, or a stream's final
 * snapshot). Server-side tools (`web_search_call`…) are not the client's tool calls and are left
 * out: no tool hook would ever report them.
 *
 * @example
 * readOutputItems([
 *   { type: "reasoning", summary: [{ type: "summary_text", text: "Need to list files." }] },
 *   { type: "function_call", call_id: "call_1", name: "exec_command", arguments: '{"cmd":"ls"}' },
 * ]);
 * // { reasoning: "Need to list files.", toolCalls: [{ id: "call_1", name: "exec_command", arguments: '{"cmd":"ls"}' }] }
 */
export function readOutputItems(output: unknown): OutputSummary {
  const texts: (string | undefined)[] = [];
  const reasoning: (string | undefined)[] = [];
  const toolCalls: RequestedToolCall[] = [];
  for (const item of objectsOf(output)) {
    if (item.type === "message") texts.push(...messageTexts(item));
    else if (item.type === "reasoning") reasoning.push(reasoningText(item));
    else {
      const call = toolCallOf(item);
      if (call !== undefined) toolCalls.push(call);
    }
  }
  return { message: joinTexts(texts), reasoning: joinTexts(reasoning), toolCalls };
}
