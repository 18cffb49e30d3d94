/**
 * Codex 0.169 hook payload → domain events. The mapping table, with the reasons behind each
 * choice, is in this folder's README.md.
 */
import type { DomainEvent, LlmEnded, LlmRequestKeys } from "../../../domain/events.ts";
import { normalizeUsage } from "../../../domain/usage.ts";
import { syntheticToolCallId } from "../shared/event-parts.ts";
import { markOf, type HookCall } from "../shared/hook-call.ts";
import { describe, firstString, firstText, firstValue, without } from "../shared/payload-fields.ts";
import { CODEX_ENVELOPE_KEYS } from "./fields.ts";
import type { ModelCallIds } from "./model-calls.ts";
import { isSpawnTool, type SpawnedAgents } from "./spawned-agents.ts";
import { toolOutcome } from "./tool-result.ts";
import { withoutUndefined } from "../../../domain/json.ts";

/** What the Codex adapter remembers between hook calls. */
export interface CodexState {
  readonly modelCalls: ModelCallIds;
  readonly spawns: SpawnedAgents;
}

export function codexEvents(call: HookCall, state: CodexState): DomainEvent[] {
  const { base, payload } = call;
  const text = (...keys: string[]) => firstText(payload, keys);
  const turnId = text("turn_id");
  switch (call.key) {
    case "sessionstart":
      return [withoutUndefined({ kind: "session_start", ...base, source: text("source") })];
    case "userpromptsubmit":
      // With `agent_id` this is the subagent's own task; the session model places it there.
      return [withoutUndefined({ kind: "turn_start", ...base, prompt: firstString(payload, ["prompt"]) ?? "", turnId, subagentId: call.subagentId })];
    case "premodelrequest": {
      const callId = state.modelCalls.start(call.sessionId, turnId, call.subagentId);
      // A subagent's request names it (`agent_id`); one without `agent_id` is the top-level agent's.
      return [withoutUndefined({ kind: "llm_start", ...base, callId, origin: "hook", keys: modelKeys(call), model: text("model") })];
    }
    case "postmodelrequest":
      return [modelEnd(call, state.modelCalls.end(call.sessionId, turnId, call.subagentId))];
    case "pretooluse":
      return [withoutUndefined({ kind: "tool_start", ...base, toolCallId: toolCallIdOf(call), name: text("tool_name") ?? "unknown_tool", arguments: payload.tool_input ?? null, subagentId: call.subagentId })];
    case "posttooluse":
      return [toolEnd(call, state)];
    case "permissionrequest":
      return [markOf(call, "permission", { data: markData(call) })];
    case "precompact":
      return [markOf(call, "compaction", { data: markData(call) })];
    case "postcompact":
      return [markOf(call, "compaction", { data: markData(call), contextManagement: { type: "compaction", boundary: "replace" } })];
    case "subagentstart": {
      const subagentId = call.subagentId ?? "subagent";
      const toolCallId = state.spawns.takeSpawner(call.sessionId, subagentId);
      return [withoutUndefined({ kind: "subagent_start", ...base, subagentId, agentType: text("agent_type"), toolCallId })];
    }
    case "subagentstop":
      return [withoutUndefined({ kind: "subagent_stop", ...base, subagentId: call.subagentId ?? "subagent", lastMessage: firstString(payload, ["last_assistant_message"]) })];
    case "stop":
      return [withoutUndefined({ kind: "turn_end", ...base, lastMessage: firstString(payload, ["last_assistant_message"]), subagentId: call.subagentId })];
    case "interrupt":
      return [markOf(call, "lifecycle", { data: markData(call) })];
    case "sessionend":
      state.modelCalls.forgetSession(call.sessionId);
      state.spawns.forgetSession(call.sessionId);
      return [withoutUndefined({ kind: "session_end", ...base, reason: text("reason") })];
    default:
      return [markOf(call, "unknown", { data: markData(call) })];
  }
}

function modelKeys(call: HookCall): LlmRequestKeys {
  return withoutUndefined({ subagentId: call.subagentId, topLevel: call.subagentId === undefined ? true : undefined, model: firstText(call.payload, ["model"]) });
}

function modelEnd(call: HookCall, callId: string): LlmEnded {
  const status = firstText(call.payload, ["status"])?.toLowerCase();
  const error = describe(firstValue(call.payload, ["error"]));
  const failed = status !== undefined ? status !== "completed" && status !== "success" && status !== "ok" : error !== undefined;
  return withoutUndefined({
    kind: "llm_end",
    ...call.base,
    callId,
    origin: "hook",
    status: failed ? "failed" : "completed",
    model: firstText(call.payload, ["model"]),
    // The hook does not see the response: tool calls are unknown, not absent.
    usage: normalizeUsage(call.payload.token_usage),
    error: failed ? (error ?? `model request ${status ?? "failed"}`) : undefined,
    keys: modelKeys(call),
  });
}

function toolEnd(call: HookCall, state: CodexState): DomainEvent {
  const { payload } = call;
  const toolCallId = toolCallIdOf(call);
  const name = firstText(payload, ["tool_name"]);
  if (isSpawnTool(name)) state.spawns.noteSpawn(call.sessionId, toolCallId, payload.tool_response);
  const outcome = toolOutcome(payload.tool_response);
  return withoutUndefined({
    kind: "tool_end",
    ...call.base,
    toolCallId,
    name,
    arguments: payload.tool_input,
    status: outcome.status,
    output: payload.tool_response,
    error: outcome.error,
    subagentId: call.subagentId,
  });
}

function toolCallIdOf(call: HookCall): string {
  return firstText(call.payload, ["tool_use_id", "tool_call_id", "call_id"]) ?? syntheticToolCallId(firstText(call.payload, ["turn_id"]), firstText(call.payload, ["tool_name"]));
}

function markData(call: HookCall): Record<string, unknown> {
  return without(call.payload, CODEX_ENVELOPE_KEYS);
}
