/**
 * Step-level rules of one trajectory (atif.md §3.1 rules 5–8 and 12, plus the step-level
 * recommendations of §3.2): numbering, agent-only fields, tool-call/result linkage,
 * `llm_call_count` 0 and timestamps.
 */
import { isObject, type JsonObject } from "../json.ts";
import { asString, isSet, objectsIn } from "./json-guards.ts";
import { compareTimestamps, parseTimestamp, type Timestamp } from "./timestamps.ts";
import { error, warning, type Violation } from "./violation.ts";

/** A non-null value on a system or user step is invalid for exactly these. */
const AGENT_ONLY_FIELDS = ["model_name", "reasoning_effort", "reasoning_content", "tool_calls", "metrics"] as const;

const checkId = (step: JsonObject, index: number, path: string, out: Violation[]): void => {
  const id = step.step_id;
  // Non-integers and ids < 1 are the schema's to report.
  if (typeof id === "number" && Number.isInteger(id) && id >= 1 && id !== index + 1) {
    out.push(error(`${path}/step_id`, "step_ids_sequential", `step at index ${index} must have step_id ${index + 1}, got ${id}`));
  }
};

const checkAgentOnly = (step: JsonObject, path: string, out: Violation[]): void => {
  if (step.source !== "system" && step.source !== "user") return;
  for (const field of AGENT_ONLY_FIELDS) {
    if (isSet(step[field])) {
      out.push(error(`${path}/${field}`, "agent_only_field", `\`${field}\` is only allowed on agent steps, not on a ${step.source} step`));
    }
  }
};

const checkDispatch = (step: JsonObject, path: string, out: Violation[]): void => {
  if (step.source !== "agent" || step.llm_call_count !== 0) return;
  for (const field of ["metrics", "reasoning_content"]) {
    if (isSet(step[field])) {
      const message = `an agent step with llm_call_count 0 (no LLM call) must not carry \`${field}\``;
      out.push(error(`${path}/${field}`, "llm_call_count_zero", message));
    }
  }
};

/** Tool-call ids per step index, for linking results and spotting reuse. */
const callIdsByStep = (steps: Array<[number, JsonObject]>): Map<number, string[]> => {
  const ids = new Map<number, string[]>();
  for (const [index, step] of steps) {
    const own = objectsIn(step.tool_calls).flatMap(([, call]) => asString(call.tool_call_id) ?? []);
    ids.set(index, own);
  }
  return ids;
};

const checkToolCallIds = (steps: Array<[number, JsonObject]>, base: string, out: Violation[]): void => {
  const firstSeen = new Map<string, number>();
  for (const [index, step] of steps) {
    const inStep = new Set<string>();
    for (const [callIndex, call] of objectsIn(step.tool_calls)) {
      const id = asString(call.tool_call_id);
      if (id === undefined) continue;
      const path = `${base}/steps/${index}/tool_calls/${callIndex}/tool_call_id`;
      const earlier = firstSeen.get(id);
      if (inStep.has(id)) {
        out.push(error(path, "duplicate_tool_call_id", `tool_call_id "${id}" appears twice in this step`));
      } else if (earlier !== undefined) {
        out.push(warning(path, "tool_call_id_reused", `tool_call_id "${id}" was already used in step index ${earlier}`));
      }
      inStep.add(id);
      if (earlier === undefined) firstSeen.set(id, index);
    }
  }
};

const checkObservation = (step: JsonObject, path: string, ownIds: string[], ids: Map<number, string[]>, out: Violation[]): void => {
  const observation = step.observation;
  if (!isObject(observation)) return;
  if (step.source === "user") {
    out.push(warning(`${path}/observation`, "user_observation", "the RFC describes observations on agent and system steps only"));
  }
  for (const [index, result] of objectsIn(observation.results)) {
    const resultPath = `${path}/observation/results/${index}`;
    const callId = asString(result.source_call_id);
    if (callId !== undefined && !ownIds.includes(callId)) {
      const elsewhere = [...ids].find(([, stepIds]) => stepIds.includes(callId))?.[0];
      const hint = elsewhere === undefined ? "no step makes that call" : `the call is in step index ${elsewhere}`;
      const message = `source_call_id "${callId}" must name a tool call of the same step (${hint})`;
      out.push(error(`${resultPath}/source_call_id`, "source_call_id_same_step", message));
    }
    const refs = result.subagent_trajectory_ref;
    if (!isSet(result.content) && !(Array.isArray(refs) && refs.length > 0)) {
      out.push(warning(resultPath, "result_empty", "a result should carry `content` or a `subagent_trajectory_ref`"));
    }
  }
};

const checkTimestamps = (steps: Array<[number, JsonObject]>, base: string, out: Violation[]): void => {
  let previous: Timestamp | undefined;
  for (const [index, step] of steps) {
    const text = step.timestamp;
    if (typeof text !== "string") continue;
    const path = `${base}/steps/${index}/timestamp`;
    const parsed = parseTimestamp(text);
    if (!parsed.ok) {
      out.push(error(path, "timestamp", `"${text}" is not an ISO 8601 timestamp Python's fromisoformat accepts: ${parsed.reason}`));
      continue;
    }
    if (!parsed.value.rfc3339) {
      out.push(warning(path, "timestamp_format", `"${text}" is not a full RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SS[.f] with Z or ±HH:MM)`));
    }
    const order = previous === undefined ? undefined : compareTimestamps(parsed.value, previous);
    if (order !== undefined && order < 0) {
      out.push(warning(path, "timestamp_order", `"${text}" is earlier than the previous step's timestamp`));
    }
    previous = parsed.value;
  }
};

/**
 * Step-level violations of one trajectory; `base` is the trajectory's JSON pointer.
 *
 * @example
 * stepViolations({ steps: [{ step_id: 2, source: "user", message: "hi" }] }, "")
 * // [{ path: "/steps/0/step_id", rule: "step_ids_sequential", severity: "error", … }]
 */
export function stepViolations(doc: JsonObject, base: string): Violation[] {
  const out: Violation[] = [];
  const steps = objectsIn(doc.steps);
  const ids = callIdsByStep(steps);
  for (const [index, step] of steps) {
    const path = `${base}/steps/${index}`;
    checkId(step, index, path, out);
    checkAgentOnly(step, path, out);
    checkDispatch(step, path, out);
    checkObservation(step, path, ids.get(index) ?? [], ids, out);
  }
  checkToolCallIds(steps, base, out);
  checkTimestamps(steps, base, out);
  return out;
}

