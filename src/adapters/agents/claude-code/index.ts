import { ok } from "../../../domain/errors.ts";
import type { AgentHookAdapter } from "../../../ports/agent-hooks.ts";
import { readHookCall } from "../shared/hook-call.ts";
import { AgentToolCalls } from "./agent-tool-calls.ts";
import { CLAUDE_FIELDS } from "./fields.ts";
import { claudeEvents, type ClaudeState } from "./hook-events.ts";
import { claudeHookResponse } from "./hook-response.ts";
import { MessageFlushes } from "./message-display.ts";
import { CLAUDE_CODE } from "./identity.ts";

/**
 * A Claude Code hook adapter with its own state (message flushes being assembled, running
 * `Agent` calls). Use one per gateway; tests make their own.
 *
 * @example
 * const claude = createClaudeCodeHooks();
 * claude.translate({ hook_event_name: "PreToolUse", session_id: "s1", tool_use_id: "toolu_1", tool_name: "Bash", tool_input: {} }, { headers: {}, receivedAt: Date.now() });
 * // ok: events [tool_start toolu_1], response { continue: true } (no permissionDecision)
 */
export function createClaudeCodeHooks(): AgentHookAdapter {
  const state: ClaudeState = { flushes: new MessageFlushes(), agentCalls: new AgentToolCalls() };
  return {
    agent: CLAUDE_CODE.name,
    translate(payload, context) {
      const call = readHookCall(payload, context, CLAUDE_FIELDS);
      if (!call.ok) return call;
      return ok({ events: claudeEvents(call.value, state), response: claudeHookResponse() });
    },
  };
}

export { ClaudeHookPayload } from "./payload-schema.ts";
