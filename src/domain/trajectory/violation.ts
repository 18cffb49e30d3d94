/**
 * What the ATIF validator reports. Rule ids are stable snake_case identifiers: callers (the
 * doctor, tests, CI output) match on them, so renaming one is a breaking change.
 */

/**
 * Every rule the validator can report, grouped as in atif.md §3.
 *
 * @example
 * validateTrajectory(doc).every((v) => RULE_IDS.includes(v.rule)); // true
 */
export const RULE_IDS = [
  // structure (TypeBox schema, reference rules 1–4, 9–11, 13)
  "root_object",
  "schema_version",
  "required_field",
  "unknown_key",
  "schema",
  "step_source",
  "arguments_object",
  "content_type",
  "content_part",
  "negative_count",
  // reference rules checked in code (5, 6, 7, 8, 12, 14)
  "steps_not_empty",
  "step_ids_sequential",
  "agent_only_field",
  "timestamp",
  "source_call_id_same_step",
  "duplicate_tool_call_id",
  "llm_call_count_zero",
  "ref_missing_target",
  "ref_unresolved",
  "subagent_trajectory_id",
  // spec rules (RFC text, §3.2)
  "version_gating",
  "session_id_required",
  "cached_exceeds_prompt",
  "final_metrics_sum",
  "total_steps_notes",
  // recommendations (always warnings)
  "timestamp_format",
  "timestamp_order",
  "tool_call_id_reused",
  "token_ids_length",
  "logprobs_length",
  "logprob_positive",
  "subagent_unreferenced",
  "result_empty",
  "user_observation",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export interface Violation {
  /** JSON pointer into the document, e.g. `/steps/3/tool_calls/0/arguments`; `""` is the root. */
  path: string;
  rule: RuleId;
  message: string;
  /** Errors make a file invalid; warnings flag what the RFC only recommends. */
  severity: "error" | "warning";
}

export const error = (path: string, rule: RuleId, message: string): Violation => ({
  path,
  rule,
  message,
  severity: "error",
});

export const warning = (path: string, rule: RuleId, message: string): Violation => ({
  path,
  rule,
  message,
  severity: "warning",
});
