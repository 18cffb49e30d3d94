/**
 * The strict ATIF validator: Harbor's reference rules plus the RFC's stated-but-unchecked rules
 * (atif.md §3), applied to the root and, recursively, to every embedded subagent trajectory,
 * each under its own declared `schema_version`. Pure: takes a parsed JSON value, returns data.
 */
import { isObject, type JsonObject } from "../json.ts";
import { objectsIn } from "./json-guards.ts";
import { metricViolations } from "./metric-rules.ts";
import { refViolations } from "./ref-rules.ts";
import { structuralViolations } from "./schema-errors.ts";
import { stepViolations } from "./step-rules.ts";
import { versionViolations } from "./version-gating.ts";
import type { Violation } from "./violation.ts";

export type { RuleId, Violation } from "./violation.ts";
export { RULE_IDS } from "./violation.ts";

export interface ValidateOptions {
  /**
   * Check each document against the version it declares (default). Off, it behaves like
   * Harbor's models: everything judged by the newest schema, whatever the label says.
   */
  versionGating?: boolean;
}

const semanticViolations = (doc: JsonObject, base: string, versionGating: boolean): Violation[] => [
  ...(versionGating ? versionViolations(doc, base) : []),
  ...stepViolations(doc, base),
  ...metricViolations(doc, base),
  ...refViolations(doc, base, versionGating),
  ...objectsIn(doc.subagent_trajectories).flatMap(([index, child]) =>
    semanticViolations(child, `${base}/subagent_trajectories/${index}`, versionGating),
  ),
];

/** One report per (path, rule): the schema and a semantic rule can both see a bad step_id. */
const unique = (violations: Violation[]): Violation[] => {
  const seen = new Set<string>();
  return violations.filter((violation) => {
    const key = `${violation.path}\u0000${violation.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/**
 * Every rule violation in a parsed ATIF document, errors and warnings: structural ones first,
 * then each trajectory's semantic ones (root, then embedded subagents depth first). No errors
 * (an empty list, or warnings only) means the file is valid.
 *
 * @example
 * const errors = validateTrajectory(JSON.parse(text)).filter((v) => v.severity === "error");
 * // e.g. [{ path: "/steps/3/tool_calls/0/arguments", rule: "arguments_object", severity: "error", message: "…" }]
 * validateTrajectory(doc, { versionGating: false }); // judge like Harbor's reference models
 */
export function validateTrajectory(value: unknown, options: ValidateOptions = {}): Violation[] {
  const versionGating = options.versionGating ?? true;
  const structural = structuralViolations(value);
  const semantic = isObject(value) ? semanticViolations(value, "", versionGating) : [];
  return unique([...structural, ...semantic]);
}

/**
 * True when the document has no error-level violations (warnings are allowed). Deliberately
 * not a type guard: callers pass already-typed trajectories, which a guard would narrow to
 * `never` on the invalid branch.
 *
 * @example
 * if (!isValidTrajectory(trajectory)) return { ok: false, error: { code: "invalid_trajectory" } };
 */
export function isValidTrajectory(value: unknown): boolean {
  return validateTrajectory(value).every((violation) => violation.severity !== "error");
}
