import { ok } from "../../../domain/errors.ts";
import type { AgentHookAdapter } from "../../../ports/agent-hooks.ts";
import { readHookCall } from "../shared/hook-call.ts";
import { CURSOR_FIELDS } from "./fields.ts";
import { cursorEvents, type CursorState } from "./hook-events.ts";
import { cursorHookResponse } from "./hook-response.ts";
import { CursorSubagents } from "./subagents.ts";
import { CURSOR } from "./identity.ts";

/**
 * A Cursor hook adapter with its own state (running subagents, to pair `subagentStop` with its
 * start). Use one per gateway; tests make their own.
 *
 * @example
 * const cursor = createCursorHooks();
 * cursor.translate({ hook_event_name: "afterAgentResponse", conversation_id: "c1", text: "Done." }, { headers: {}, receivedAt: Date.now() });
 * // ok: events [assistant_message "Done."], response { continue: true } (never a permission)
 */
export function createCursorHooks(): AgentHookAdapter {
  const state: CursorState = { subagents: new CursorSubagents() };
  return {
    agent: CURSOR.name,
    translate(payload, context) {
      const call = readHookCall(payload, context, CURSOR_FIELDS);
      if (!call.ok) return call;
      return ok({ events: cursorEvents(call.value, state), response: cursorHookResponse() });
    },
  };
}

export { CursorHookPayload } from "./payload-schema.ts";
