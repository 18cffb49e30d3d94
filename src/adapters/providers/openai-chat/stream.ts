import { isObject, type JsonObject } from "../../../domain/json.ts";
import { normalizeUsage } from "../../../domain/usage.ts";
import type { ProviderResponse, StreamAccumulator } from "../../../ports/provider-api.ts";
import { errorMessageOf } from "../shared/failure.ts";
import { asId, indexOf, objectsOf } from "../shared/json.ts";
import { toProviderResponse } from "../shared/provider-response.ts";
import { readSseEvent } from "../shared/sse-event.ts";
import { ChoiceDraft } from "./choice-draft.ts";
import { readChoiceMessage } from "./choice-message.ts";

/** Reported when the stream stopped before `[DONE]` and before any choice finished. */
export const CHAT_CUT_OFF = "stream ended before [DONE]";

/**
 * Reassembles a streamed Chat Completions call from its `data:` chunks. The model is the first
 * one named; usage is the last non-null `usage` (sent only when the request asked for
 * `stream_options.include_usage`). The stream counts as complete once `[DONE]` arrives or a
 * choice reports its `finish_reason` (the content is whole by then; only the usage chunk may
 * follow); an `error` chunk makes it failed.
 *
 * @example
 * const stream = new ChatStream();
 * stream.push(undefined, '{"model":"gpt-4.1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}');
 * stream.push(undefined, "[DONE]");
 * stream.finish(); // { status: "completed", model: "gpt-4.1", message: "Hi", toolCalls: [] }
 */
export class ChatStream implements StreamAccumulator {
  #model: string | undefined;
  #usage: unknown;
  #ended = false;
  #error: string | undefined;
  readonly #choices = new Map<number, ChoiceDraft>();

  push(event: string | undefined, data: string): void {
    if (typeof data === "string" && data.trim() === "[DONE]") {
      this.#ended = true;
      return;
    }
    const { json } = readSseEvent(event, data);
    if (json === undefined) return;
    if (json.error !== undefined && json.error !== null) this.#error ??= errorMessageOf(json) ?? "stream error";
    this.#model ??= asId(json.model);
    if (isObject(json.usage)) this.#usage = json.usage;
    for (const choice of objectsOf(json.choices)) this.#mergeChoice(choice);
  }

  finish(): ProviderResponse {
    const first = [...this.#choices.entries()].sort(([a], [b]) => a - b)[0]?.[1];
    const summary = readChoiceMessage(first?.message());
    return toProviderResponse({
      error: this.#error ?? (this.#ended ? undefined : CHAT_CUT_OFF),
      model: this.#model,
      ...summary,
      usage: normalizeUsage(this.#usage),
    });
  }

  #mergeChoice(choice: JsonObject): void {
    const index = indexOf(choice.index) ?? 0;
    let draft = this.#choices.get(index);
    if (draft === undefined) {
      draft = new ChoiceDraft();
      this.#choices.set(index, draft);
    }
    draft.merge(choice.delta);
    if (typeof choice.finish_reason === "string" && choice.finish_reason !== "") this.#ended = true;
  }
}
