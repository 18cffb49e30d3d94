/**
 * Session and subagent ids of a hook call. Explicit nemo-relay headers and the payload both
 * name them; which payload keys count is the agent adapter's knowledge, passed in.
 */
import type { HookContext } from "../../../ports/agent-hooks.ts";
import { firstText, textOf, type JsonObject } from "./payload-fields.ts";
import { HEADERS } from "../../../ports/wire-names.ts";


type Headers = HookContext["headers"];

/** Where a session id came from: an explicit header, the payload, or the per-agent fallback. */
export type SessionIdSource = "header" | "payload" | "fallback";

export interface SessionIdentity {
  readonly id: string;
  readonly source: SessionIdSource;
}

/** A header value, trimmed; empty counts as absent. */
export function headerText(headers: Headers, name: string): string | undefined {
  return textOf(headers[name]?.trim());
}

/**
 * The session id: header `x-nemo-relay-session-id` first (the wrapper knows best), then the
 * payload keys, then `fallback`. The fallback is one stable id per agent rather than a fresh
 * id per call, so that id-less hooks of one agent at least stay together instead of each
 * becoming a one-event session.
 *
 * @example
 * sessionIdOf({ session_id: "s1" }, {}, ["session_id"], "unknown-codex") // { id: "s1", source: "payload" }
 */
export function sessionIdOf(payload: JsonObject, headers: Headers, keys: readonly string[], fallback: string): SessionIdentity {
  const fromHeader = headerText(headers, HEADERS.sessionId);
  if (fromHeader !== undefined) return { id: fromHeader, source: "header" };
  const fromPayload = firstText(payload, keys);
  if (fromPayload !== undefined) return { id: fromPayload, source: "payload" };
  return { id: fallback, source: "fallback" };
}

/**
 * The subagent a hook speaks for: the payload's own id first (it is specific to this event),
 * then header `x-nemo-relay-subagent-id`; undefined means the top-level agent.
 */
export function subagentIdOf(payload: JsonObject, headers: Headers, keys: readonly string[]): string | undefined {
  return firstText(payload, keys) ?? headerText(headers, HEADERS.subagentId);
}
