import { isObject, withoutUndefined } from "../json.ts";
import type { FinalMetrics, Trajectory } from "./schema.ts";
import { type JsonObject } from "./values.ts";
import { validateTrajectory } from "./validate.ts";

/**
 * Resumed sessions. An agent resuming a session (`claude --resume`, `codex resume`) announces it
 * with a `SessionStart` of source `resume`; a gateway that no longer holds the session (it
 * restarted, or forgot the session once it ended) records from there on. The session's file
 * already holds what came before, and SPEC wants one file per session: the new recording is
 * written as a continuation of that earlier part, never in its place.
 */

/** True when the recording begins with the agent resuming the session. */
export function resumes(trajectory: Trajectory): boolean {
  const first = trajectory.steps[0];
  return first?.source === "system" && first.extra?.event === "session_start" && first.extra?.source === "resume";
}

/**
 * The earlier part of `sessionId` a file holds, if it is a valid trajectory of that session: its
 * steps from before `resumedAt` (the later part's first step). A file another gateway has already
 * continued from the same resume (installed hooks beside a transparent run) is cut back to what
 * came before it, so two recordings of one resume write the same file instead of doubling it.
 */
export function earlierPart(value: unknown, sessionId: string, resumedAt: string | null | undefined): Trajectory | undefined {
  if (!isObject(value) || value.session_id !== sessionId) return undefined;
  if (validateTrajectory(value).some((v) => v.severity === "error")) return undefined;
  const whole = value as Trajectory;
  const cut = resumedAt ? Date.parse(resumedAt) : Number.NaN;
  // A step (or a resume) without a time cannot be placed: it is kept.
  const kept = whole.steps.filter((step) => !(Date.parse(step.timestamp ?? "") >= cut));
  if (kept.length === whole.steps.length) return whole;
  return kept.length > 0 ? cutBack(whole, kept, cut) : undefined;
}

/** The trajectory with only `kept` steps, the subagents they reference, and totals to match. */
function cutBack(whole: Trajectory, kept: Trajectory["steps"], cut: number): Trajectory {
  const referenced = new Set(kept.flatMap((step) => (step.observation?.results ?? []).flatMap((r) => (r.subagent_trajectory_ref ?? []).map((ref) => ref.trajectory_id))));
  const subagents = (whole.subagent_trajectories ?? []).filter((t) => referenced.has(t.trajectory_id ?? undefined));
  const totals = [...kept.map((step) => stepTotals(step.metrics ?? undefined)), ...subagents.map((t) => t.final_metrics ?? undefined)];
  const events = lifecycleEvents(whole).filter((e) => !(isObject(e) && typeof e.timestamp === "string" && Date.parse(e.timestamp) >= cut));
  const extra = withoutUndefined({ ...(whole.extra ?? {}), lifecycle_events: events.length > 0 ? events : undefined });
  return withoutUndefined({
    ...whole,
    steps: kept,
    final_metrics: totals.reduce<FinalMetrics>((sum, t) => summedMetrics(sum, t, kept.length), { total_steps: kept.length }),
    subagent_trajectories: subagents.length > 0 ? subagents : undefined,
    extra: Object.keys(extra).length > 0 ? extra : undefined,
  }) as Trajectory;
}

/** The totals of `steps` alone (no subagents): for a document whose own totals were lost. */
export function stepsTotals(steps: Trajectory["steps"]): FinalMetrics {
  return steps.map((step) => stepTotals(step.metrics ?? undefined)).reduce<FinalMetrics>((sum, t) => summedMetrics(sum, t, steps.length), { total_steps: steps.length });
}

/** A step's metrics in the shape of final metrics, so one sum serves both. */
function stepTotals(metrics: Trajectory["steps"][number]["metrics"] | undefined): FinalMetrics | undefined {
  if (!metrics) return undefined;
  return withoutUndefined({ total_prompt_tokens: metrics.prompt_tokens ?? undefined, total_completion_tokens: metrics.completion_tokens ?? undefined, total_cached_tokens: metrics.cached_tokens ?? undefined, total_cost_usd: metrics.cost_usd ?? undefined }) as FinalMetrics;
}

/**
 * One trajectory: the earlier part's steps, then the new ones (their ids shifted to follow on),
 * totals summed, subagents and lifecycle events of both kept. The result is valid ATIF when both
 * parts are.
 */
export function continueTrajectory(earlier: Trajectory, later: Trajectory): Trajectory {
  const offset = earlier.steps.length;
  return {
    ...later,
    ...continuedRest(earlier, offset, later, later.steps.length),
    steps: [...earlier.steps, ...later.steps.map((step) => ({ ...step, step_id: step.step_id + offset }))],
  } as Trajectory;
}

/** Everything of `continueTrajectory` but the steps, from each part's steps count: for a file whose steps are appended. */
export function continuedRest<T extends Omit<Trajectory, "steps">>(earlier: Omit<Trajectory, "steps">, earlierSteps: number, later: T, laterSteps: number): T {
  const events = [...lifecycleEvents(earlier), ...lifecycleEvents(later)];
  const subagents = [...(earlier.subagent_trajectories ?? []), ...(later.subagent_trajectories ?? [])];
  const extra = withoutUndefined({ ...(earlier.extra ?? {}), ...(later.extra ?? {}), lifecycle_events: events.length > 0 ? events : undefined });
  return withoutUndefined({
    ...later,
    agent: withoutUndefined({ ...later.agent, model_name: later.agent.model_name ?? earlier.agent.model_name }),
    final_metrics: summedMetrics(earlier.final_metrics ?? undefined, later.final_metrics ?? undefined, earlierSteps + laterSteps),
    subagent_trajectories: subagents.length > 0 ? subagents : undefined,
    extra: Object.keys(extra).length > 0 ? extra : undefined,
  }) as T;
}

const SUMMED = ["total_prompt_tokens", "total_completion_tokens", "total_cached_tokens", "total_cost_usd"] as const;

function summedMetrics(a: FinalMetrics | undefined, b: FinalMetrics | undefined, steps: number): FinalMetrics {
  const out: JsonObject = {};
  for (const field of SUMMED) {
    const x = a?.[field];
    const y = b?.[field];
    if (typeof x === "number" || typeof y === "number") out[field] = (typeof x === "number" ? x : 0) + (typeof y === "number" ? y : 0);
  }
  return { ...out, total_steps: steps } as FinalMetrics;
}

function lifecycleEvents(trajectory: Omit<Trajectory, "steps">): unknown[] {
  const events = trajectory.extra?.lifecycle_events;
  return Array.isArray(events) ? events : [];
}
