import { ok } from "../../../domain/errors.ts";
import type { AgentHookAdapter } from "../../../ports/agent-hooks.ts";
import { readHookCall } from "../shared/hook-call.ts";
import { HermesApiCalls } from "./api-calls.ts";
import { HERMES_FIELDS } from "./fields.ts";
import { hermesEvents, type HermesState } from "./hook-events.ts";
import { hermesHookResponse } from "./hook-response.ts";
import { HERMES } from "./identity.ts";

/**
 * A Hermes hook adapter with its own state (API-request attempts, to pair each
 * `post_api_request` with its start). Use one per gateway; tests make their own.
 *
 * @example
 * const hermes = createHermesHooks();
 * hermes.translate({ hook_event_name: "on_session_end", session_id: "h1", extra: {} }, { headers: {}, receivedAt: Date.now() });
 * // ok: events [turn_end], response {}
 */
export function createHermesHooks(): AgentHookAdapter {
  const state: HermesState = { apiCalls: new HermesApiCalls() };
  return {
    agent: HERMES.name,
    translate(payload, context) {
      const call = readHookCall(payload, context, HERMES_FIELDS);
      if (!call.ok) return call;
      return ok({ events: hermesEvents(call.value, state), response: hermesHookResponse() });
    },
  };
}

export { HermesHookPayload } from "./payload-schema.ts";
