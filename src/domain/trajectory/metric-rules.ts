/**
 * Token-accounting rules (atif.md §2.8, §2.9, §3.2): cached ⊆ prompt, "should match" array
 * lengths, and `final_metrics` totals against the steps they summarise.
 */
import { isObject, type JsonObject } from "../json.ts";
import { asAmount, isNonBlank, objectsIn } from "./json-guards.ts";
import { error, warning, type Violation } from "./violation.ts";

const checkCached = (metrics: JsonObject, path: string, out: Violation[]): void => {
  const prompt = asAmount(metrics.prompt_tokens);
  const cached = asAmount(metrics.cached_tokens);
  if (prompt !== undefined && cached !== undefined && cached > prompt) {
    const message = `cached_tokens (${cached}) exceeds prompt_tokens (${prompt}); cached tokens are a subset of the prompt`;
    out.push(error(`${path}/cached_tokens`, "cached_exceeds_prompt", message));
  }
};

/** The RFC's "should match" lengths: warnings, since a producer may truncate deliberately. */
const checkLengths = (metrics: JsonObject, path: string, out: Violation[]): void => {
  const completion = asAmount(metrics.completion_tokens);
  const ids = metrics.completion_token_ids;
  const expectations: Array<[string, number | undefined, string]> = [
    ["prompt_token_ids", asAmount(metrics.prompt_tokens), "prompt_tokens"],
    ["completion_token_ids", completion, "completion_tokens"],
    Array.isArray(ids)
      ? ["logprobs", ids.length, "the length of completion_token_ids"]
      : ["logprobs", completion, "completion_tokens"],
  ];
  for (const [field, expected, of] of expectations) {
    const list = metrics[field];
    if (!Array.isArray(list) || expected === undefined || list.length === expected) continue;
    const rule = field === "logprobs" ? "logprobs_length" : "token_ids_length";
    out.push(warning(`${path}/${field}`, rule, `${field} has ${list.length} entries but ${of} is ${expected}`));
  }
  const logprobs = Array.isArray(metrics.logprobs) ? metrics.logprobs : [];
  const positive = logprobs.findIndex((value) => typeof value === "number" && value > 0);
  if (positive !== -1) {
    out.push(warning(`${path}/logprobs/${positive}`, "logprob_positive", "a log probability cannot be positive"));
  }
};

/** final_metrics total → per-step metric it sums. */
const SUMS = [
  ["total_prompt_tokens", "prompt_tokens"],
  ["total_completion_tokens", "completion_tokens"],
  ["total_cached_tokens", "cached_tokens"],
  ["total_cost_usd", "cost_usd"],
] as const;

const metricOf = (step: JsonObject, field: string): number | undefined =>
  isObject(step.metrics) ? asAmount(step.metrics[field]) : undefined;

const ownSum = (doc: JsonObject, field: string): number =>
  objectsIn(doc.steps).reduce((sum, [, step]) => sum + (metricOf(step, field) ?? 0), 0);

const embedded = (doc: JsonObject): JsonObject[] => objectsIn(doc.subagent_trajectories).map(([, child]) => child);

const sumWithSubagents = (doc: JsonObject, field: string): number =>
  embedded(doc).reduce((sum, child) => sum + sumWithSubagents(child, field), ownSum(doc, field));

/** The trajectory and every trajectory embedded in it, depth first. */
const family = (doc: JsonObject): JsonObject[] => [doc, ...embedded(doc).flatMap(family)];

/** Refs naming a file rather than an embedded trajectory: their cost is outside this file. */
const hasExternalRefs = (doc: JsonObject): boolean =>
  family(doc).some((member) => {
    const ids = new Set(embedded(member).map((child) => child.trajectory_id));
    return objectsIn(member.steps).some(([, step]) =>
      objectsIn(isObject(step.observation) ? step.observation.results : undefined).some(([, result]) =>
        objectsIn(result.subagent_trajectory_ref).some(
          ([, ref]) => isNonBlank(ref.trajectory_path) && !ids.has(ref.trajectory_id),
        ),
      ),
    );
  });

/** LLM steps that left this quantity unrecorded (no metrics, or unattributed cost). */
const unrecordedLlmSteps = (doc: JsonObject, field: string): number =>
  family(doc).reduce(
    (count, member) =>
      count +
      objectsIn(member.steps).filter(
        ([, step]) => step.source === "agent" && step.llm_call_count !== 0 && metricOf(step, field) === undefined,
      ).length,
    0,
  );

const tolerance = (isCost: boolean, ...values: number[]): number =>
  isCost ? 1e-6 + 1e-9 * Math.max(...values.map(Math.abs)) : 0;

/** Float sums shown without their binary noise (0.1 + 0.2 reads 0.3). */
const show = (value: number): string => String(Number(value.toPrecision(12)));

const checkSum = (doc: JsonObject, path: string, total: number, field: string, out: Violation[]): void => {
  const own = ownSum(doc, field);
  const all = sumWithSubagents(doc, field);
  const slack = tolerance(field === "cost_usd", total, all);
  if (Math.abs(total - own) <= slack || Math.abs(total - all) <= slack) return;
  const sums = all === own ? show(own) : `${show(own)} (${show(all)} with embedded subagents)`;
  if (total < own) {
    out.push(error(path, "final_metrics_sum", `${total} is below the sum of this trajectory's steps' ${field}, ${show(own)}`));
    return;
  }
  const reasons: string[] = [];
  if (hasExternalRefs(doc)) reasons.push("subagents stored in other files");
  const unrecorded = unrecordedLlmSteps(doc, field);
  if (unrecorded > 0) reasons.push(`${unrecorded} LLM step(s) without ${field}`);
  if (reasons.length > 0) {
    const message = `${total} exceeds the steps' ${field} sum ${sums}; possibly explained by ${reasons.join(" and ")}`;
    out.push(warning(path, "final_metrics_sum", message));
  } else {
    out.push(error(path, "final_metrics_sum", `${total} does not match the steps' ${field} sum ${sums}`));
  }
};

const checkFinalMetrics = (doc: JsonObject, base: string, out: Violation[]): void => {
  const final = doc.final_metrics;
  if (!isObject(final)) return;
  const path = `${base}/final_metrics`;
  for (const [totalField, field] of SUMS) {
    const total = asAmount(final[totalField]);
    if (total !== undefined) checkSum(doc, `${path}/${totalField}`, total, field, out);
  }
  const prompt = asAmount(final.total_prompt_tokens);
  const cached = asAmount(final.total_cached_tokens);
  if (prompt !== undefined && cached !== undefined && cached > prompt) {
    const message = `total_cached_tokens (${cached}) exceeds total_prompt_tokens (${prompt})`;
    out.push(error(`${path}/total_cached_tokens`, "cached_exceeds_prompt", message));
  }
  const totalSteps = asAmount(final.total_steps);
  if (totalSteps !== undefined && Array.isArray(doc.steps) && totalSteps !== doc.steps.length) {
    const what = `total_steps is ${totalSteps} but there are ${doc.steps.length} steps`;
    out.push(
      isNonBlank(doc.notes)
        ? warning(`${path}/total_steps`, "total_steps_notes", `${what}; the root notes should explain why (they cannot be checked)`)
        : error(`${path}/total_steps`, "total_steps_notes", `${what}, and the root \`notes\` do not explain why`),
    );
  }
};

/**
 * Metric violations of one trajectory (its embedded children are checked on their own, but
 * their steps count toward this trajectory's totals).
 *
 * @example
 * metricViolations({ steps: [{ source: "agent", metrics: { prompt_tokens: 5, cached_tokens: 9 } }] }, "")
 * // [{ path: "/steps/0/metrics/cached_tokens", rule: "cached_exceeds_prompt", severity: "error", … }]
 */
export function metricViolations(doc: JsonObject, base: string): Violation[] {
  const out: Violation[] = [];
  for (const [index, step] of objectsIn(doc.steps)) {
    if (!isObject(step.metrics)) continue;
    checkCached(step.metrics, `${base}/steps/${index}/metrics`, out);
    checkLengths(step.metrics, `${base}/steps/${index}/metrics`, out);
  }
  checkFinalMetrics(doc, base, out);
  return out;
}
