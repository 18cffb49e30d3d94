/**
 * Subagent rules (atif.md §2.6, §3.1 rule 14): from v1.7 a ref resolves by `trajectory_id`
 * (embedded in this file) or `trajectory_path` (another file), never by `session_id`; embedded
 * subagents need unique ids. Refs resolve against the `subagent_trajectories` of the trajectory
 * whose step holds them, as Harbor's per-model validator does.
 */
import { isObject, type JsonObject } from "../json.ts";
import { isNonBlank, objectsIn } from "./json-guards.ts";
import { minorVersion } from "./version-gating.ts";
import { error, warning, type Violation } from "./violation.ts";

interface Located {
  readonly path: string;
  readonly ref: JsonObject;
}

const refsOf = (doc: JsonObject, base: string): Located[] =>
  objectsIn(doc.steps).flatMap(([stepIndex, step]) =>
    objectsIn(isObject(step.observation) ? step.observation.results : undefined).flatMap(([resultIndex, result]) =>
      objectsIn(result.subagent_trajectory_ref).map(([refIndex, ref]) => ({
        path: `${base}/steps/${stepIndex}/observation/results/${resultIndex}/subagent_trajectory_ref/${refIndex}`,
        ref,
      })),
    ),
  );

const checkEmbedded = (doc: JsonObject, base: string, referenced: Set<unknown>, out: Violation[]): Set<string> => {
  const ids = new Set<string>();
  for (const [index, child] of objectsIn(doc.subagent_trajectories)) {
    const path = `${base}/subagent_trajectories/${index}`;
    const id = child.trajectory_id;
    if (!isNonBlank(id)) {
      const message = "an embedded subagent trajectory requires a non-blank `trajectory_id`";
      out.push(error(`${path}/trajectory_id`, "subagent_trajectory_id", message));
      continue;
    }
    if (ids.has(id)) {
      out.push(error(`${path}/trajectory_id`, "subagent_trajectory_id", `trajectory_id "${id}" is used by another embedded subagent`));
    } else if (!referenced.has(id)) {
      out.push(warning(path, "subagent_unreferenced", `no subagent_trajectory_ref in this trajectory points to "${id}"`));
    }
    ids.add(id);
  }
  return ids;
};

/**
 * Ref and embedded-subagent violations of one trajectory. With version gating on, documents
 * declaring ≤ v1.6 follow the old ref rules instead (`session_id`, checked by version gating).
 *
 * @example
 * refViolations({ schema_version: "ATIF-v1.7", steps: [{ observation: { results: [{ subagent_trajectory_ref: [{}] }] } }] }, "", true)
 * // [{ path: "/steps/0/observation/results/0/subagent_trajectory_ref/0", rule: "ref_missing_target", … }]
 */
export function refViolations(doc: JsonObject, base: string, versionGating: boolean): Violation[] {
  const out: Violation[] = [];
  const refs = refsOf(doc, base);
  const embeddedIds = checkEmbedded(doc, base, new Set(refs.map(({ ref }) => ref.trajectory_id)), out);
  const version = minorVersion(doc.schema_version);
  if (versionGating && version !== undefined && version <= 6) return out;
  for (const { path, ref } of refs) {
    const id = ref.trajectory_id;
    if (!isNonBlank(id) && !isNonBlank(ref.trajectory_path)) {
      out.push(error(path, "ref_missing_target", "a subagent ref needs a non-blank `trajectory_id` or `trajectory_path`"));
    } else if (isNonBlank(id) && !isNonBlank(ref.trajectory_path) && !embeddedIds.has(id)) {
      const message = `no embedded subagent trajectory has trajectory_id "${id}" (and the ref has no trajectory_path)`;
      out.push(error(`${path}/trajectory_id`, "ref_unresolved", message));
    }
  }
  return out;
}
