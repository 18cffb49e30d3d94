/**
 * Tool hints: the tool calls a model asked for, remembered with the owner of the LLM call that
 * asked, so that the tool hooks that follow can be attributed to that owner.
 */
import type { RequestedToolCall } from "../events.ts";
import { jsonEqual } from "./json-equal.ts";
import { sameKey } from "./same-key.ts";

/** A pending tool call requested by some owner's LLM response. */
export interface ToolHint {
  readonly toolCallId?: string;
  readonly name?: string;
  readonly arguments: unknown;
  /** The subagent whose LLM call requested it; undefined for the top-level agent. */
  readonly owner?: string;
  /** Where it was read from, e.g. `anthropic_tool_use`, `openai_response_tool_call`. */
  readonly source: string;
}

/** What a tool hook tells us about the tool call it reports. */
export interface ToolHookKeys {
  readonly toolCallId?: string;
  readonly name?: string;
  readonly arguments?: unknown;
  readonly subagentId?: string;
}

/** Weights: an id match is decisive; name plus identical arguments is the best guess without one. */
const TOOL_HINT_WEIGHTS = { id: 12, idAndName: 4, idAndArguments: 1, nameAndArguments: 5 } as const;

const present = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * Chat Completions sends arguments as a JSON string while hooks report objects; parsing such
 * strings lets both sides compare as the same value.
 *
 * @example
 * normalizeArguments('{"path":"a.ts"}') // { path: "a.ts" }
 * normalizeArguments("ls -la")          // "ls -la"
 */
export function normalizeArguments(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

/**
 * Builds a hint from a requested call, or undefined when the call could never be matched: a
 * call with no id is kept only if both its name and non-null arguments are known.
 *
 * @example
 * toolHint({ id: "", name: "Bash", arguments: null }, "a", "anthropic_tool_use") // undefined
 */
export function toolHint(call: RequestedToolCall, owner: string | undefined, source: string): ToolHint | undefined {
  const args = normalizeArguments(call.arguments);
  const toolCallId = call.id !== "" ? call.id : undefined;
  const name = call.name !== "" ? call.name : undefined;
  if (toolCallId === undefined && (name === undefined || !present(args))) return undefined;
  return { toolCallId, name, arguments: args, owner, source };
}

/**
 * Score of `hint` against a tool hook; 0 means no match. `tool.arguments` must already be
 * normalised with {@link normalizeArguments}.
 *
 * @example
 * scoreToolHint({ toolCallId: "c1", name: "Bash", arguments: {}, source: "s" },
 *               { toolCallId: "c1", name: "Bash" }) // 16
 */
export function scoreToolHint(hint: ToolHint, tool: ToolHookKeys): number {
  const w = TOOL_HINT_WEIGHTS;
  const sameName = sameKey(hint.name, tool.name);
  const sameArgs = present(hint.arguments) && present(tool.arguments) && jsonEqual(hint.arguments, tool.arguments);
  if (sameKey(hint.toolCallId, tool.toolCallId)) {
    return w.id + (sameName ? w.idAndName : 0) + (sameArgs ? w.idAndArguments : 0);
  }
  return sameName && sameArgs ? w.nameAndArguments : 0;
}
