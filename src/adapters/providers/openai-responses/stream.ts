import { isObject, type JsonObject } from "../../../domain/json.ts";
import type { ProviderResponse, StreamAccumulator } from "../../../ports/provider-api.ts";
import { errorMessageOf } from "../shared/failure.ts";
import { objectsOf } from "../shared/json.ts";
import { readSseEvent } from "../shared/sse-event.ts";
import { OutputSlots } from "./output-slots.ts";
import { fromResponseObject } from "./response.ts";

/** The events that carry a full response snapshot; the last three end the stream. */
const SNAPSHOT_EVENTS = new Set(["response.created", "response.queued", "response.in_progress", "response.completed", "response.failed", "response.incomplete"]);
const TERMINAL_EVENTS = new Set(["response.completed", "response.failed", "response.incomplete"]);

/** Reported when the stream stopped before the provider said how the response ended. */
export const RESPONSES_CUT_OFF = "stream ended before response.completed";

/**
 * Reassembles a streamed Responses API call. The last snapshot (`response.created` …
 * `response.completed`) gives the model, status and usage; its `output`, when the provider filled
 * it, is authoritative, otherwise the items are rebuilt from `output_item` and delta events.
 * A stream with no terminal event, or with an `error` event, finishes as failed.
 *
 * @example
 * const stream = new ResponsesStream();
 * stream.push("response.output_text.delta", '{"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":"Hi"}');
 * stream.push("response.completed", '{"type":"response.completed","response":{"status":"completed","output":[]}}');
 * stream.finish(); // { status: "completed", message: "Hi", toolCalls: [] }
 */
export class ResponsesStream implements StreamAccumulator {
  #snapshot: JsonObject = {};
  #ended = false;
  #error: string | undefined;
  readonly #slots = new OutputSlots();

  push(event: string | undefined, data: string): void {
    const { type, json } = readSseEvent(event, data);
    if (json === undefined) return;
    if (type !== undefined && SNAPSHOT_EVENTS.has(type)) {
      if (isObject(json.response)) this.#snapshot = json.response;
      if (TERMINAL_EVENTS.has(type)) this.#end(type);
    } else if (type === "error") {
      // Responses errors are flat ({type, code, message}); some servers nest them under `error`.
      this.#error ??= errorMessageOf(json) ?? "stream error";
    } else {
      this.#slots.push(type, json);
    }
  }

  finish(): ProviderResponse {
    const output = objectsOf(this.#snapshot.output).length > 0 ? this.#snapshot.output : this.#slots.items();
    const error = this.#error ?? (this.#ended ? undefined : RESPONSES_CUT_OFF);
    return fromResponseObject(this.#snapshot, error, output);
  }

  /** A `response.failed` whose snapshot says nothing still failed. */
  #end(type: string): void {
    this.#ended = true;
    if (type === "response.failed" && this.#snapshot.status !== "failed") this.#snapshot = { ...this.#snapshot, status: "failed" };
    if (type === "response.incomplete" && this.#snapshot.status !== "incomplete") this.#snapshot = { ...this.#snapshot, status: "incomplete" };
  }
}
