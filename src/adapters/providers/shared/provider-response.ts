import type { RequestedToolCall } from "../../../domain/events.ts";
import type { Usage } from "../../../domain/usage.ts";
import type { ProviderResponse } from "../../../ports/provider-api.ts";
import { withoutUndefined } from "../../../domain/json.ts";

/** What an adapter read from a response, before the conventions of `ProviderResponse` apply. */
export interface ResponseParts {
  /** Why the response failed; undefined means it completed. */
  readonly error?: string;
  readonly model?: string;
  readonly message?: string;
  readonly reasoning?: string;
  readonly toolCalls: readonly RequestedToolCall[];
  readonly usage?: Usage;
}

/**
 * Builds the `ProviderResponse` the same way for every API: a completed response (or one that
 * asked for tools) always has a message, `""` when it said nothing; a failure with no text has
 * none, so an empty assistant message is never invented for an error.
 *
 * @example
 * toProviderResponse({ toolCalls: [{ id: "call_1", name: "ls", arguments: "{}" }] }).message; // ""
 * toProviderResponse({ error: "Overloaded", toolCalls: [] });  // { status: "failed", error: "Overloaded", toolCalls: [] }
 */
export function toProviderResponse(parts: ResponseParts): ProviderResponse {
  const failed = parts.error !== undefined;
  const message = parts.message ?? (!failed || parts.toolCalls.length > 0 ? "" : undefined);
  return withoutUndefined({
    status: failed ? "failed" : "completed",
    model: parts.model,
    message,
    reasoning: parts.reasoning,
    toolCalls: parts.toolCalls,
    usage: parts.usage,
    error: parts.error,
  });
}
