/**
 * Version gating (atif.md §1, §3.2): Harbor validates every file against its newest model, but
 * the RFC read per version says a field may not appear before the version that introduced it,
 * and `session_id` stays required (root and refs) up to v1.6. Null counts as absent.
 */
import { isObject, type JsonObject } from "../json.ts";
import { isSet, objectsIn } from "./json-guards.ts";
import { error, type Violation } from "./violation.ts";

/**
 * The minor number of a declared `ATIF-v1.N`, or undefined for anything else.
 *
 * @example
 * minorVersion("ATIF-v1.7") // 7
 * minorVersion("ATIF-v2.0") // undefined
 */
export const minorVersion = (value: unknown): number | undefined => {
  const match = typeof value === "string" ? /^ATIF-v1\.([0-8])$/.exec(value) : null;
  return match ? Number(match[1]) : undefined;
};

/**
 * Fields per object and the minor version that introduced them. `continued_trajectory_ref` has
 * no changelog entry; the v1.4 RFC text lacks it, so it is dated with `is_copied_context` (v1.5).
 */
const INTRODUCED = {
  root: { extra: 1, continued_trajectory_ref: 5, trajectory_id: 7, subagent_trajectories: 7 },
  agent: { tool_definitions: 5 },
  step: { is_copied_context: 5, llm_call_count: 7 },
  toolCall: { extra: 7 },
  result: { extra: 7 },
  ref: { trajectory_id: 7 },
  metrics: { completion_token_ids: 3, prompt_token_ids: 4 },
} as const;

interface Gate {
  readonly version: number;
  readonly declared: string;
  readonly out: Violation[];
}

const tooEarly = (gate: Gate, path: string, what: string, since: number): void => {
  if (gate.version < since) {
    gate.out.push(
      error(path, "version_gating", `${what} was introduced in ATIF-v1.${since}; this document declares ${gate.declared}`),
    );
  }
};

const checkFields = (gate: Gate, object: JsonObject, path: string, fields: Readonly<Record<string, number>>): void => {
  for (const [field, since] of Object.entries(fields)) {
    if (isSet(object[field])) tooEarly(gate, `${path}/${field}`, `\`${field}\``, since);
  }
};

/** Content arrays start at v1.6, audio parts at v1.8. */
const checkContent = (gate: Gate, content: unknown, path: string): void => {
  if (!Array.isArray(content)) return;
  tooEarly(gate, path, "a content-part array", 6);
  for (const [index, part] of objectsIn(content)) {
    if (part.type === "audio") tooEarly(gate, `${path}/${index}`, "an audio content part", 8);
  }
};

const checkRefs = (gate: Gate, refs: unknown, path: string): void => {
  for (const [index, ref] of objectsIn(refs)) {
    const refPath = `${path}/${index}`;
    checkFields(gate, ref, refPath, INTRODUCED.ref);
    if (gate.version <= 6 && !isSet(ref.session_id)) {
      gate.out.push(error(`${refPath}/session_id`, "session_id_required", `a ${gate.declared} subagent ref requires \`session_id\``));
    }
  }
};

const checkStep = (gate: Gate, step: JsonObject, path: string): void => {
  checkFields(gate, step, path, INTRODUCED.step);
  checkContent(gate, step.message, `${path}/message`);
  if (step.source === "system" && isSet(step.observation)) {
    tooEarly(gate, `${path}/observation`, "an observation on a system step", 2);
  }
  if (isObject(step.metrics)) checkFields(gate, step.metrics, `${path}/metrics`, INTRODUCED.metrics);
  for (const [index, call] of objectsIn(step.tool_calls)) {
    checkFields(gate, call, `${path}/tool_calls/${index}`, INTRODUCED.toolCall);
  }
  const observation = step.observation;
  if (!isObject(observation)) return;
  for (const [index, result] of objectsIn(observation.results)) {
    const resultPath = `${path}/observation/results/${index}`;
    checkFields(gate, result, resultPath, INTRODUCED.result);
    checkContent(gate, result.content, `${resultPath}/content`);
    checkRefs(gate, result.subagent_trajectory_ref, `${resultPath}/subagent_trajectory_ref`);
  }
};

/**
 * Gating violations for one trajectory (not its embedded children, which declare their own
 * version and are checked on their own). Nothing is reported when the version is unknown; the
 * schema reports that.
 *
 * @example
 * versionViolations({ schema_version: "ATIF-v1.6", agent: { name: "a", version: "1" }, steps: [] }, "")
 * // [{ path: "/session_id", rule: "session_id_required", severity: "error", … }]
 */
export function versionViolations(doc: JsonObject, base: string): Violation[] {
  const version = minorVersion(doc.schema_version);
  if (version === undefined) return [];
  const gate: Gate = { version, declared: `ATIF-v1.${version}`, out: [] };
  checkFields(gate, doc, base, INTRODUCED.root);
  if (version <= 6 && !isSet(doc.session_id)) {
    gate.out.push(error(`${base}/session_id`, "session_id_required", `${gate.declared} requires a root \`session_id\``));
  }
  if (isObject(doc.agent)) checkFields(gate, doc.agent, `${base}/agent`, INTRODUCED.agent);
  for (const [index, step] of objectsIn(doc.steps)) checkStep(gate, step, `${base}/steps/${index}`);
  return gate.out;
}
