import { isObject, type JsonObject } from "../../../domain/json.ts";
import { normalizeUsage } from "../../../domain/usage.ts";
import type { ProviderResponse, StreamAccumulator } from "../../../ports/provider-api.ts";
import { errorMessageOf } from "../shared/failure.ts";
import { asId } from "../shared/json.ts";
import { toProviderResponse } from "../shared/provider-response.ts";
import { readSseEvent } from "../shared/sse-event.ts";
import { readContentBlocks } from "./content-blocks.ts";
import { StreamBlocks } from "./stream-blocks.ts";
import { mergeUsage } from "./stream-usage.ts";

/** Reported when the stream stopped before `message_stop` and before a final `stop_reason`. */
export const MESSAGES_CUT_OFF = "stream ended before message_stop";

/**
 * Reassembles a streamed Messages call. `message_start` gives the model and the input side of
 * the usage, `message_delta` the stop reason and the output side (merged, never replacing).
 * The stream is complete at `message_stop`, or once `message_delta` has given a `stop_reason`
 * (only `message_stop` can follow it); an `error` event (e.g. `overloaded_error` mid-stream)
 * makes it failed, keeping what had been said.
 *
 * @example
 * const stream = new MessagesStream();
 * stream.push("message_start", '{"type":"message_start","message":{"model":"claude-sonnet-4-5","usage":{"input_tokens":10,"output_tokens":1}}}');
 * stream.push("message_stop", '{"type":"message_stop"}');
 * stream.finish(); // { status: "completed", model: "claude-sonnet-4-5", message: "", toolCalls: [], usage: {…} }
 */
export class MessagesStream implements StreamAccumulator {
  #model: string | undefined;
  #usage: JsonObject | undefined;
  #ended = false;
  #error: string | undefined;
  readonly #blocks = new StreamBlocks();

  push(event: string | undefined, data: string): void {
    const { type, json } = readSseEvent(event, data);
    if (json === undefined) return;
    switch (type) {
      case "message_start":
        return this.#start(json.message);
      case "content_block_start":
        return this.#blocks.start(json);
      case "content_block_delta":
        return this.#blocks.delta(json);
      case "message_delta":
        this.#usage = mergeUsage(this.#usage, json.usage);
        if (isObject(json.delta) && asId(json.delta.stop_reason) !== undefined) this.#ended = true;
        return;
      case "message_stop":
        this.#ended = true;
        return;
      case "error":
        this.#error ??= errorMessageOf(json) ?? "stream error";
        return;
    }
  }

  finish(): ProviderResponse {
    const summary = readContentBlocks(this.#blocks.blocks());
    return toProviderResponse({
      error: this.#error ?? (this.#ended ? undefined : MESSAGES_CUT_OFF),
      model: this.#model,
      ...summary,
      usage: normalizeUsage(this.#usage),
    });
  }

  #start(message: unknown): void {
    if (!isObject(message)) return;
    this.#model = asId(message.model) ?? this.#model;
    this.#usage = mergeUsage(this.#usage, message.usage);
  }
}
