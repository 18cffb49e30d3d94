import { ok } from "../../../domain/errors.ts";
import type { AgentHookAdapter } from "../../../ports/agent-hooks.ts";
import { readHookCall } from "../shared/hook-call.ts";
import { CODEX_FIELDS } from "./fields.ts";
import { codexEvents, type CodexState } from "./hook-events.ts";
import { codexHookResponse } from "./hook-response.ts";
import { ModelCallIds } from "./model-calls.ts";
import { SpawnedAgents } from "./spawned-agents.ts";
import { CODEX } from "./identity.ts";

/**
 * A Codex hook adapter with its own pairing state (model-request counters, spawned agents).
 * Use one per gateway; tests make their own.
 *
 * @example
 * const codex = createCodexHooks();
 * const result = codex.translate({ hook_event_name: "Stop", session_id: "s1" }, { headers: {}, receivedAt: Date.now() });
 * // result.ok && result.value.events[0].kind === "turn_end"; result.value.response is {}
 */
export function createCodexHooks(): AgentHookAdapter {
  const state: CodexState = { modelCalls: new ModelCallIds(), spawns: new SpawnedAgents() };
  return {
    agent: CODEX.name,
    translate(payload, context) {
      const call = readHookCall(payload, context, CODEX_FIELDS);
      if (!call.ok) return call;
      return ok({ events: codexEvents(call.value, state), response: codexHookResponse() });
    },
  };
}

export { CodexHookPayload } from "./payload-schema.ts";
