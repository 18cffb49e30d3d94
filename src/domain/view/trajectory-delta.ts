/**
 * What changed in a live session between two snapshots, so an open page gets only that: the
 * steps added or filled in since (a result lands on its call's step, usage on its LLM step),
 * and the subagent trajectories that changed. Applying the delta to the page's copy gives the
 * new snapshot.
 */
import type { Step, Trajectory } from "../trajectory/schema.ts";

export interface TrajectoryDelta {
  /** Changed or new top-level steps, by position. */
  readonly steps: ReadonlyArray<{ readonly index: number; readonly step: Step }>;
  /** Subagent trajectories that are new or changed, whole (they are small next to a session). */
  readonly subagents: readonly Trajectory[];
  /** Everything but the steps and subagents (agent, totals, extra): small, always sent. */
  readonly head: Omit<Trajectory, "steps" | "subagent_trajectories">;
}

/** What the receiving side last got, as JSON text per step (by position) and per subagent (the comparison key). */
export interface DeltaBase {
  readonly steps: ReadonlyMap<number, string>;
  /** The step objects those texts came from: the recorder hands out the same object for an unchanged step. */
  readonly stepObjects: ReadonlyMap<number, Step>;
  readonly subagents: ReadonlyMap<string, string>;
}

const subagentKey = (t: Trajectory, i: number) => t.trajectory_id ?? `#${i}`;

/**
 * The delta from `base` to `next`, and the base for the next call. `next` may hold only a
 * session's newest steps, the first of them at position `offset` (a long live session's window:
 * the steps before it no longer change, and the base forgets them).
 *
 * @example
 * let base = emptyDeltaBase();
 * const { delta, nextBase } = trajectoryDelta(base, snapshot); // every step the first time
 */
export function trajectoryDelta(base: DeltaBase, next: Trajectory, offset = 0): { delta: TrajectoryDelta; nextBase: DeltaBase } {
  const stepTexts = new Map<number, string>();
  const stepObjects = new Map<number, Step>();
  const steps: Array<{ index: number; step: Step }> = [];
  next.steps.forEach((step, i) => {
    const index = offset + i;
    // The same object as last time is the same step: only new or rebuilt ones are serialised (a long watched session costs O(changes), not O(steps)).
    const text = base.stepObjects.get(index) === step ? base.steps.get(index)! : JSON.stringify(step);
    stepTexts.set(index, text);
    stepObjects.set(index, step);
    if (base.steps.get(index) !== text) steps.push({ index, step });
  });
  const subTexts = new Map<string, string>();
  const subagents: Trajectory[] = [];
  (next.subagent_trajectories ?? []).forEach((child, i) => {
    const key = subagentKey(child, i);
    const text = JSON.stringify(child);
    subTexts.set(key, text);
    if (base.subagents.get(key) !== text) subagents.push(child);
  });
  const { steps: _steps, subagent_trajectories: _subagents, ...head } = next;
  return { delta: { steps, subagents, head }, nextBase: { steps: stepTexts, stepObjects, subagents: subTexts } };
}

/** The base of a receiver that has nothing yet. */
export const emptyDeltaBase = (): DeltaBase => ({ steps: new Map(), stepObjects: new Map(), subagents: new Map() });

/**
 * The receiver's side: `current` with `delta` applied (a new object; `current` is untouched).
 *
 * @example
 * const now = applyTrajectoryDelta(previous, delta);
 */
export function applyTrajectoryDelta(current: Trajectory | undefined, delta: TrajectoryDelta): Trajectory {
  const steps = [...(current?.steps ?? [])];
  for (const { index, step } of delta.steps) steps[index] = step;
  const subagents = [...(current?.subagent_trajectories ?? [])];
  for (const child of delta.subagents) {
    const at = child.trajectory_id == null ? -1 : subagents.findIndex((s) => s.trajectory_id === child.trajectory_id);
    if (at >= 0) subagents[at] = child;
    else subagents.push(child);
  }
  return { ...delta.head, steps, ...(subagents.length > 0 ? { subagent_trajectories: subagents } : {}) } as Trajectory;
}
