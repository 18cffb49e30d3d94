import type { ProviderRequest } from "../../../ports/provider-api.ts";
import { asId, asJsonObject } from "../shared/json.ts";
import { requestKeys } from "../shared/request-keys.ts";
import { contentText, latestUserText } from "../shared/text-parts.ts";
import { isObject, withoutUndefined } from "../../../domain/json.ts";

/** A Chat Completions request, plus whether its stream will end with a usage chunk. */
export interface ChatRequest extends ProviderRequest {
  /**
   * `stream_options.include_usage`: without it a streamed call reports no usage at all, so a
   * missing usage is expected rather than a fault.
   */
  readonly includeUsage: boolean;
}

const USER_TEXT_PARTS = ["text"] as const;

/** `reasoning_effort` is OpenAI's; OpenRouter-style servers take `reasoning.effort`. */
const effortOf = (body: Record<string, unknown>): string | undefined =>
  asId(body.reasoning_effort) ?? (isObject(body.reasoning) ? asId(body.reasoning.effort) : undefined);

/**
 * Reads a Chat Completions request body (`POST /v1/chat/completions`): the text of the last
 * `user` message that has any (tool results come as `role: "tool"` and are passed over).
 *
 * @example
 * readChatRequest({ model: "gpt-4.1", stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "hi" }] });
 * // { model: "gpt-4.1", stream: true, userMessage: "hi", keys: { model: "gpt-4.1" }, includeUsage: true }
 */
export function readChatRequest(body: unknown): ChatRequest {
  const json = asJsonObject(body) ?? {};
  const model = asId(json.model);
  const userMessage = latestUserText(json.messages, (message) => contentText(message.content, USER_TEXT_PARTS));
  const stream = json.stream === true;
  return withoutUndefined({
    model,
    stream,
    userMessage,
    reasoningEffort: effortOf(json),
    keys: requestKeys(json, model, userMessage),
    sessionId: asId(json.session_id),
    includeUsage: stream && isObject(json.stream_options) && json.stream_options.include_usage === true,
  });
}
