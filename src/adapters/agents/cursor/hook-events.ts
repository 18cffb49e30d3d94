/**
 * Cursor agent-hook payload → domain events. The mapping table, with the reasons behind each
 * choice, is in this folder's README.md.
 */
import type { DomainEvent, ToolStatus } from "../../../domain/events.ts";
import { syntheticToolCallId } from "../shared/event-parts.ts";
import { markOf, type HookCall } from "../shared/hook-call.ts";
import { firstFlag, firstString, firstText, without } from "../shared/payload-fields.ts";
import { CURSOR_ENVELOPE_KEYS } from "./fields.ts";
import type { CursorSubagents } from "./subagents.ts";
import { withoutUndefined } from "../../../domain/json.ts";

/** What the Cursor adapter remembers between hook calls. */
export interface CursorState {
  readonly subagents: CursorSubagents;
}

/**
 * The specialised tool hooks. `preToolUse`/`postToolUse`/`postToolUseFailure` fire for the same
 * calls and carry the `tool_use_id` these lack, so they are the tool record; these are kept as
 * quiet marks (their data is not lost, and no call is recorded twice).
 */
const QUIET_TOOL_HOOKS = new Set(["beforeshellexecution", "aftershellexecution", "beforemcpexecution", "aftermcpexecution", "beforereadfile", "afterfileedit", "beforetabfileread", "aftertabfileedit"]);

export function cursorEvents(call: HookCall, state: CursorState): DomainEvent[] {
  const { base, payload } = call;
  const text = (...keys: string[]) => firstText(payload, keys);
  switch (call.key) {
    case "sessionstart":
      return [{ kind: "session_start", ...base }];
    case "sessionend": {
      state.subagents.forgetSession(call.sessionId);
      const reason = text("reason");
      const error = text("error_message");
      return [withoutUndefined({ kind: "session_end", ...base, reason: error !== undefined ? `${reason ?? "error"}: ${error}` : reason })];
    }
    case "beforesubmitprompt": {
      const hint = withoutUndefined({ source: call.name, conversationId: text("conversation_id"), generationId: text("generation_id"), model: text("model") });
      return [withoutUndefined({ kind: "turn_start", ...base, prompt: firstString(payload, ["prompt"]) ?? "", turnId: text("generation_id"), subagentId: call.subagentId }), { kind: "hint", ...base, hint }];
    }
    case "pretooluse":
      return [withoutUndefined({ kind: "tool_start", ...base, toolCallId: toolCallIdOf(call), name: text("tool_name") ?? "unknown_tool", arguments: payload.tool_input ?? null, subagentId: call.subagentId })];
    case "posttooluse":
      return [toolEnd(call, "completed")];
    case "posttoolusefailure":
      return [toolEnd(call, failureStatus(call), text("error_message", "failure_type") ?? "tool failed")];
    case "subagentstart":
      return subagentStart(call, state);
    case "subagentstop": {
      const subagentId = state.subagents.stopped(call.sessionId, { id: text("subagent_id"), type: text("subagent_type"), task: firstString(payload, ["task"]) }) ?? "subagent";
      return [withoutUndefined({ kind: "subagent_stop", ...base, subagentId, lastMessage: firstString(payload, ["summary"]) })];
    }
    case "afteragentresponse":
    case "afteragentthought":
      return assistantText(call);
    case "precompact":
      return [markOf(call, "compaction", { data: markData(call) })];
    case "stop":
      return [withoutUndefined({ kind: "turn_end", ...base, reason: text("status"), subagentId: call.subagentId })];
    case "workspaceopen":
      // An app-lifecycle hook outside any agent session (no conversation id): nothing to record.
      return [];
    default:
      return [markOf(call, QUIET_TOOL_HOOKS.has(call.key) ? "lifecycle" : "unknown", { data: markData(call), quiet: QUIET_TOOL_HOOKS.has(call.key) })];
  }
}

function toolCallIdOf(call: HookCall): string {
  return firstText(call.payload, ["tool_use_id", "tool_call_id"]) ?? syntheticToolCallId(firstText(call.payload, ["generation_id"]), firstText(call.payload, ["tool_name"]));
}

function toolEnd(call: HookCall, status: ToolStatus, error?: string): DomainEvent {
  const { payload } = call;
  return withoutUndefined({
    kind: "tool_end",
    ...call.base,
    toolCallId: toolCallIdOf(call),
    name: firstText(payload, ["tool_name"]),
    arguments: payload.tool_input,
    status,
    output: payload.tool_output,
    error,
    subagentId: call.subagentId,
  });
}

function failureStatus(call: HookCall): ToolStatus {
  if (firstFlag(call.payload, ["is_interrupt"])) return "interrupted";
  return firstText(call.payload, ["failure_type"]) === "permission_denied" ? "denied" : "failed";
}

/** The subagent, then its task as its first prompt (Cursor fires no prompt hook for it). */
function subagentStart(call: HookCall, state: CursorState): DomainEvent[] {
  const { base, payload } = call;
  const subagentId = firstText(payload, ["subagent_id"]) ?? "subagent";
  const type = firstText(payload, ["subagent_type"]);
  const task = firstString(payload, ["task"]);
  state.subagents.started(call.sessionId, withoutUndefined({ id: subagentId, type, task }));
  const start = withoutUndefined({ kind: "subagent_start", ...base, subagentId, agentType: type, toolCallId: firstText(payload, ["tool_call_id"]) });
  return task === undefined ? [start] : [start, { kind: "turn_start", ...base, prompt: task, subagentId }];
}

function assistantText(call: HookCall): DomainEvent[] {
  const text = firstString(call.payload, ["text"]);
  if (text === undefined) return [markOf(call, "lifecycle", { data: markData(call), quiet: true })];
  const reasoning = call.key === "afteragentthought" ? { reasoning: true } : {};
  return [withoutUndefined({ kind: "assistant_message", ...call.base, text, subagentId: call.subagentId, ...reasoning })];
}

/** The event's own fields; file contents a read hook carries are replaced by their length. */
function markData(call: HookCall): Record<string, unknown> {
  const data = without(call.payload, CURSOR_ENVELOPE_KEYS);
  if (typeof data.content !== "string") return data;
  const { content, ...rest } = data;
  return { ...rest, content_chars: content.length };
}
