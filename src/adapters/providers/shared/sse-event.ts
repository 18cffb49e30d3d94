import { isObject, type JsonObject } from "../../../domain/json.ts";
import { parseJson } from "./json.ts";

/** One server-sent event as the stream readers see it. */
export interface SseEvent {
  /** The JSON `type` field, or the SSE `event:` name when the JSON has none. */
  readonly type?: string;
  /** The parsed `data:` payload; undefined when it is not a JSON object. */
  readonly json?: JsonObject;
}

/**
 * Parses one event's data. The JSON `type` is preferred over the SSE event name because it is
 * what the provider's SDKs dispatch on; a payload that is not JSON (a `[DONE]` sentinel, a
 * truncated line) comes back without `json`.
 *
 * @example
 * readSseEvent("message_stop", '{"type":"message_stop"}'); // { type: "message_stop", json: { type: "message_stop" } }
 * readSseEvent(undefined, "[DONE]");                        // {}
 */
export function readSseEvent(event: unknown, data: unknown): SseEvent {
  const parsed = typeof data === "string" ? parseJson(data) : undefined;
  const json = isObject(parsed) ? parsed : undefined;
  const type = typeof json?.type === "string" ? json.type : typeof event === "string" && event !== "" ? event : undefined;
  return { ...(type !== undefined ? { type } : {}), ...(json !== undefined ? { json } : {}) };
}
