/**
 * Claude Code 2.1 hook payload → domain events. The mapping table, with the reasons behind
 * each choice, is in this folder's README.md.
 */
import type { DomainEvent, Mark, ToolStatus } from "../../../domain/events.ts";
import { syntheticToolCallId } from "../shared/event-parts.ts";
import { markOf, type HookCall } from "../shared/hook-call.ts";
import { asObject, firstFlag, firstString, firstText, without } from "../shared/payload-fields.ts";
import { isAgentTool, type AgentToolCalls } from "./agent-tool-calls.ts";
import { CLAUDE_ENVELOPE_KEYS } from "./fields.ts";
import { claudeMarkRule } from "./marks.ts";
import type { MessageFlushes } from "./message-display.ts";
import { withoutUndefined } from "../../../domain/json.ts";

/** What the Claude Code adapter remembers between hook calls. */
export interface ClaudeState {
  readonly flushes: MessageFlushes;
  readonly agentCalls: AgentToolCalls;
}

export function claudeEvents(call: HookCall, state: ClaudeState): DomainEvent[] {
  const { base, payload } = call;
  const text = (...keys: string[]) => firstText(payload, keys);
  const lastMessage = firstString(payload, ["last_assistant_message"]);
  switch (call.key) {
    case "sessionstart":
      return [withoutUndefined({ kind: "session_start", ...base, source: text("source") })];
    case "userpromptsubmit":
      return [withoutUndefined({ kind: "turn_start", ...base, prompt: firstString(payload, ["prompt"]) ?? "", turnId: text("prompt_id"), subagentId: call.subagentId })];
    case "pretooluse":
      return [toolStart(call, state)];
    case "posttooluse":
      return [toolEnd(call, state, "completed")];
    case "posttoolusefailure":
      return [toolEnd(call, state, firstFlag(payload, ["is_interrupt"]) ? "interrupted" : "failed", text("error") ?? "tool failed")];
    case "permissiondenied":
      return [toolEnd(call, state, "denied", text("reason") ?? "permission denied")];
    case "messagedisplay":
      return assistantText(call, state);
    case "subagentstart": {
      const subagentId = call.subagentId ?? "subagent";
      const spawner = state.agentCalls.claim(call.sessionId);
      const start = withoutUndefined({ kind: "subagent_start", ...base, subagentId, agentType: text("agent_type"), toolCallId: spawner?.toolCallId, parentSubagentId: spawner?.spawnedBy });
      // Claude fires no prompt hook for a subagent: the spawning call's prompt is its task.
      return spawner?.task === undefined ? [start] : [start, { kind: "turn_start", ...base, prompt: spawner.task, subagentId }];
    }
    case "subagentstop":
      return [withoutUndefined({ kind: "subagent_stop", ...base, subagentId: call.subagentId ?? "subagent", lastMessage })];
    case "stop":
      return [withoutUndefined({ kind: "turn_end", ...base, lastMessage, subagentId: call.subagentId })];
    case "stopfailure":
      // The turn ended in an API error instead of a Stop: visible as such, and still a turn end.
      return [mark(call), withoutUndefined({ kind: "turn_end", ...base, reason: `stop_failure: ${text("error") ?? "unknown"}`, lastMessage, subagentId: call.subagentId })];
    case "sessionend":
      state.flushes.forgetSession(call.sessionId);
      state.agentCalls.forgetSession(call.sessionId);
      return [withoutUndefined({ kind: "session_end", ...base, reason: text("reason") })];
    default:
      return [mark(call)];
  }
}

function toolCallIdOf(call: HookCall): string {
  return firstText(call.payload, ["tool_use_id", "tool_call_id"]) ?? syntheticToolCallId(firstText(call.payload, ["prompt_id"]), firstText(call.payload, ["tool_name"]));
}

function toolStart(call: HookCall, state: ClaudeState): DomainEvent {
  const toolCallId = toolCallIdOf(call);
  const name = firstText(call.payload, ["tool_name"]);
  if (isAgentTool(name)) {
    const input = asObject(call.payload.tool_input);
    const task = input ? firstString(input, ["prompt"]) : undefined;
    state.agentCalls.started(call.sessionId, withoutUndefined({ toolCallId, spawnedBy: call.subagentId, task }));
  }
  return withoutUndefined({ kind: "tool_start", ...call.base, toolCallId, name: name ?? "unknown_tool", arguments: call.payload.tool_input ?? null, subagentId: call.subagentId });
}

function toolEnd(call: HookCall, state: ClaudeState, status: ToolStatus, error?: string): DomainEvent {
  const toolCallId = toolCallIdOf(call);
  const name = firstText(call.payload, ["tool_name"]);
  if (isAgentTool(name)) state.agentCalls.ended(call.sessionId, toolCallId);
  return withoutUndefined({
    kind: "tool_end",
    ...call.base,
    toolCallId,
    name,
    arguments: call.payload.tool_input,
    status,
    output: call.payload.tool_response,
    error,
    subagentId: call.subagentId,
  });
}

/** One assistant message per text block, on its final flush (earlier flushes are collected). */
function assistantText(call: HookCall, state: ClaudeState): DomainEvent[] {
  const { payload } = call;
  const delta = typeof payload.delta === "string" ? payload.delta : "";
  const final = firstFlag(payload, ["final"]) ?? false;
  const messageId = firstText(payload, ["message_id"]);
  const whole = messageId !== undefined ? state.flushes.add(call.sessionId, messageId, delta, final) : final ? delta : undefined;
  if (whole === undefined || whole.trim() === "") return [];
  return [withoutUndefined({ kind: "assistant_message", ...call.base, text: whole, subagentId: call.subagentId })];
}

function mark(call: HookCall): Mark {
  const rule = claudeMarkRule(call.key);
  const compaction = call.key === "postcompact" ? { contextManagement: { type: "compaction", boundary: "replace" } } : {};
  return markOf(call, rule.category, { data: markData(call), quiet: rule.quiet, ...compaction });
}

/** The event's own fields; a tool batch keeps only which calls it closed (their tool events hold the rest). */
function markData(call: HookCall): Record<string, unknown> {
  const data = without(call.payload, CLAUDE_ENVELOPE_KEYS);
  if (call.key !== "posttoolbatch" || !Array.isArray(data.tool_calls)) return data;
  const calls = data.tool_calls.map((entry) => {
    const object = asObject(entry);
    return object ? withoutUndefined({ tool_use_id: firstText(object, ["tool_use_id"]), tool_name: firstText(object, ["tool_name"]) }) : entry;
  });
  return { ...data, tool_calls: calls };
}
