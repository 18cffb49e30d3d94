import type { ProviderRequest } from "../../../ports/provider-api.ts";
import { asId, asJsonObject } from "../shared/json.ts";
import { requestKeys } from "../shared/request-keys.ts";
import { latestUserWords, wrappedIn } from "../shared/text-parts.ts";
import { reasoningEffortOf } from "./reasoning-effort.ts";
import { sessionIdOf } from "./session-id.ts";
import { withoutUndefined } from "../../../domain/json.ts";

/** Only `text` blocks are the user's words; `tool_result`, images and documents are not. */
const USER_TEXT_BLOCKS = ["text"] as const;

/**
 * Claude Code sends context (CLAUDE.md, attribution rules, todo state) as separate
 * `<system-reminder>` text blocks in the user's message. Left in, they would bury the prompt in
 * the user step and keep a subagent's task text from matching the prompt its parent gave it.
 */
const INJECTED = wrappedIn(["system-reminder"]);

/**
 * Reads a Messages API request body (`POST /v1/messages`). The user text is that of the latest
 * `user` message with text of the user's own (not a `<system-reminder>` block): mid-turn the last user message holds only `tool_result` blocks, and
 * Claude Code 2.1 appends a `role: "system"` message after the user's, so neither strict
 * alternation nor a trailing user message is assumed.
 *
 * @example
 * readMessagesRequest({ model: "claude-sonnet-4-5", stream: true, messages: [{ role: "user", content: "hi" }] });
 * // { model: "claude-sonnet-4-5", stream: true, userMessage: "hi", keys: { model: "claude-sonnet-4-5" } }
 */
export function readMessagesRequest(body: unknown): ProviderRequest {
  const json = asJsonObject(body) ?? {};
  const model = asId(json.model);
  const userMessage = latestUserWords(json.messages, USER_TEXT_BLOCKS, INJECTED);
  return withoutUndefined({
    model,
    stream: json.stream === true,
    userMessage,
    reasoningEffort: reasoningEffortOf(json),
    keys: requestKeys(json, model, userMessage),
    sessionId: sessionIdOf(json.metadata),
  });
}
