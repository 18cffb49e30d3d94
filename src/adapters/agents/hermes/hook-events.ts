/**
 * Hermes shell-hook payload → domain events. The mapping table, with the reasons behind each
 * choice, is in this folder's README.md.
 */
import type { DomainEvent, LlmEnded, MarkCategory, ToolStatus } from "../../../domain/events.ts";
import { syntheticToolCallId } from "../shared/event-parts.ts";
import { markOf, type HookCall } from "../shared/hook-call.ts";
import { asObject, describe, firstString, firstText, firstValue, without, type JsonObject } from "../shared/payload-fields.ts";
import { requestKey, type HermesApiCalls } from "./api-calls.ts";
import { apiResponseOf } from "./api-response.ts";
import { HERMES_ENVELOPE_KEYS } from "./fields.ts";
import { withoutUndefined } from "../../../domain/json.ts";

/** What the Hermes adapter remembers between hook calls. */
export interface HermesState {
  readonly apiCalls: HermesApiCalls;
}

/** Known Hermes events recorded as visible marks. */
const MARKS = new Map<string, MarkCategory>([
  ["preapprovalrequest", "permission"],
  ["postapprovalresponse", "permission"],
  ["agentloopstopped", "lifecycle"],
]);

export function hermesEvents(call: HookCall, state: HermesState): DomainEvent[] {
  const { base } = call;
  const extra = asObject(call.payload.extra) ?? {};
  const x = (...keys: string[]) => firstText(extra, keys);
  switch (call.key) {
    case "onsessionstart":
      return [{ kind: "session_start", ...base }];
    case "onsessionend":
      // Fired at each turn's finalisation: a turn boundary, not the end of the session.
      return [withoutUndefined({ kind: "turn_end", ...base, reason: x("turn_exit_reason", "reason") })];
    case "onsessionfinalize":
    case "onsessionreset":
      state.apiCalls.forgetSession(call.sessionId);
      return [withoutUndefined({ kind: "session_end", ...base, reason: x("reason") ?? (call.key === "onsessionreset" ? "reset" : "finalize") })];
    case "prellmcall":
      return turnStart(call, extra);
    case "postllmcall": {
      const text = firstString(extra, ["assistant_response"]);
      return text === undefined ? [quietMark(call)] : [withoutUndefined({ kind: "assistant_message", ...base, text, subagentId: call.subagentId })];
    }
    case "preapirequest":
      return [apiStart(call, extra, state)];
    case "postapirequest":
    case "apirequesterror":
      return [apiEnd(call, extra, state)];
    case "pretoolcall":
      return toolStart(call, extra);
    case "posttoolcall":
      return [toolEnd(call, extra)];
    case "subagentstart":
      return subagentStart(call, extra);
    case "subagentstop":
      return [withoutUndefined({ kind: "subagent_stop", ...base, subagentId: subagentIdOf(extra), lastMessage: firstString(extra, ["child_summary"]) })];
    default:
      return [markOf(call, MARKS.get(call.key) ?? "unknown", { data: without(call.payload, HERMES_ENVELOPE_KEYS) })];
  }
}

/** `pre_llm_call` fires once per turn with the user's message: Hermes' prompt hook. */
function turnStart(call: HookCall, extra: JsonObject): DomainEvent[] {
  const hint = { kind: "hint" as const, ...call.base, hint: withoutUndefined({ source: call.name, model: firstText(extra, ["model"]) }) };
  const prompt = firstString(extra, ["user_message"]);
  if (prompt === undefined) return [hint];
  return [withoutUndefined({ kind: "turn_start", ...call.base, prompt, turnId: firstText(extra, ["turn_id"]), subagentId: call.subagentId }), hint];
}

function apiRequest(call: HookCall, extra: JsonObject): string {
  return requestKey(call.sessionId, firstText(extra, ["api_request_id"]), firstText(extra, ["task_id"]), firstText(extra, ["api_call_count"]));
}

function apiStart(call: HookCall, extra: JsonObject, state: HermesState): DomainEvent {
  const model = firstText(extra, ["model"]);
  const keys = withoutUndefined({ model, requestId: firstText(extra, ["api_request_id"]) });
  return withoutUndefined({ kind: "llm_start", ...call.base, callId: state.apiCalls.start(call.sessionId, apiRequest(call, extra)), origin: "hook", keys, model, userMessage: firstString(extra, ["user_message"]) });
}

function apiEnd(call: HookCall, extra: JsonObject, state: HermesState): LlmEnded {
  const failed = call.key === "apirequesterror";
  const response = failed ? {} : apiResponseOf(extra);
  const error = failed ? (describe(firstValue(extra, ["error.message", "error", "reason"])) ?? "api request failed") : undefined;
  return withoutUndefined({
    kind: "llm_end",
    ...call.base,
    callId: state.apiCalls.end(call.sessionId, apiRequest(call, extra)),
    origin: "hook",
    status: failed ? "failed" : "completed",
    model: firstText(extra, ["response_model", "model"]),
    ...response,
    error,
    keys: withoutUndefined({ model: firstText(extra, ["model"]), requestId: firstText(extra, ["api_request_id"]) }),
  });
}

/** Without a tool call id the start could never be paired: it stays a quiet mark and the end records the call. */
function toolStart(call: HookCall, extra: JsonObject): DomainEvent[] {
  const toolCallId = firstText(extra, ["tool_call_id"]) ?? firstText(call.payload, ["tool_call_id"]);
  if (toolCallId === undefined) return [quietMark(call)];
  return [withoutUndefined({ kind: "tool_start", ...call.base, toolCallId, name: firstText(call.payload, ["tool_name"]) ?? "unknown_tool", arguments: call.payload.tool_input ?? null, subagentId: call.subagentId })];
}

function toolEnd(call: HookCall, extra: JsonObject): DomainEvent {
  const name = firstText(call.payload, ["tool_name"]);
  const toolCallId = firstText(extra, ["tool_call_id"]) ?? firstText(call.payload, ["tool_call_id"]) ?? syntheticToolCallId(firstText(extra, ["turn_id", "task_id"]), name);
  const status = toolStatus(firstText(extra, ["status"]));
  const error = status === "completed" ? undefined : (firstText(extra, ["error_message", "error_type"]) ?? firstText(extra, ["status"]));
  return withoutUndefined({ kind: "tool_end", ...call.base, toolCallId, name, arguments: call.payload.tool_input ?? undefined, status, output: extra.result, error, subagentId: call.subagentId });
}

function toolStatus(status: string | undefined): ToolStatus {
  if (status === undefined || ["ok", "success", "completed"].includes(status)) return "completed";
  if (status === "blocked" || status === "denied") return "denied";
  if (status === "interrupted" || status === "cancelled") return "interrupted";
  return "failed";
}

/**
 * The subagent is named by its child session id, the one key both `subagent_start` and
 * `subagent_stop` carry (the stop has no `child_subagent_id`); the child's own hooks use it
 * as their session id.
 */
function subagentIdOf(extra: JsonObject): string {
  return firstText(extra, ["child_session_id", "child_subagent_id", "subagent_id"]) ?? "subagent";
}

function subagentStart(call: HookCall, extra: JsonObject): DomainEvent[] {
  const subagentId = subagentIdOf(extra);
  const start = withoutUndefined({ kind: "subagent_start", ...call.base, subagentId, agentType: firstText(extra, ["child_role"]), parentSubagentId: firstText(extra, ["parent_subagent_id"]) });
  const goal = firstString(extra, ["child_goal"]);
  return goal === undefined ? [start] : [start, { kind: "turn_start", ...call.base, prompt: goal, subagentId }];
}

function quietMark(call: HookCall): DomainEvent {
  return markOf(call, "lifecycle", { data: without(call.payload, HERMES_ENVELOPE_KEYS), quiet: true });
}
