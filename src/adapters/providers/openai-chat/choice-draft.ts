import { isObject, type JsonObject } from "../../../domain/json.ts";
import { asString, indexOf, objectsOf } from "../shared/json.ts";

interface ToolCallDraft {
  id: string;
  name: string;
  arguments: string;
}

/**
 * One choice of a Chat Completions stream, merged from its `delta`s: text fields concatenated,
 * tool calls merged by their `index` (the id and name come once, in the call's first chunk; the
 * arguments arrive in pieces).
 */
export class ChoiceDraft {
  #content = "";
  #reasoning = "";
  #refusal = "";
  readonly #calls = new Map<number, ToolCallDraft>();
  #lastCall: number | undefined;

  /** Merges one `choices[i].delta`. */
  merge(delta: unknown): void {
    if (!isObject(delta)) return;
    this.#content += contentPiece(delta.content);
    // Servers migrating between the two names send both with the same text: take one per delta.
    this.#reasoning += asString(delta.reasoning_content) ?? asString(delta.reasoning) ?? "";
    this.#refusal += asString(delta.refusal) ?? "";
    for (const call of objectsOf(delta.tool_calls)) this.#mergeCall(call);
  }

  /** The assistant message so far, in the shape of a buffered `choices[i].message`. */
  message(): JsonObject {
    const toolCalls = [...this.#calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => ({ id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } }));
    return {
      role: "assistant",
      content: this.#content === "" ? null : this.#content,
      ...(this.#reasoning !== "" ? { reasoning_content: this.#reasoning } : {}),
      ...(this.#refusal !== "" ? { refusal: this.#refusal } : {}),
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    };
  }

  /**
   * OpenAI always sends `index`; some compatible servers omit it. Then a new id starts a new
   * call and a piece without an id continues the last one.
   */
  #mergeCall(call: JsonObject): void {
    const id = asString(call.id) ?? "";
    const index = indexOf(call.index) ?? (id !== "" && !this.#hasId(id) ? this.#calls.size : (this.#lastCall ?? 0));
    const draft = this.#calls.get(index) ?? { id: "", name: "", arguments: "" };
    const fn = isObject(call.function) ? call.function : {};
    // Some servers repeat the id and name in every chunk: keep the first rather than concatenate.
    if (draft.id === "") draft.id = id;
    if (draft.name === "") draft.name = asString(fn.name) ?? "";
    draft.arguments += asString(fn.arguments) ?? "";
    this.#calls.set(index, draft);
    this.#lastCall = index;
  }

  #hasId(id: string): boolean {
    for (const call of this.#calls.values()) if (call.id === id) return true;
    return false;
  }
}

/** Content deltas are strings; a few servers send text-part arrays instead. */
function contentPiece(content: unknown): string {
  if (typeof content === "string") return content;
  return objectsOf(content)
    .map((part) => (part.type === "text" ? (asString(part.text) ?? "") : ""))
    .join("");
}
