/**
 * What changed in a live session between two snapshots, so an open page gets only that: the
 * steps added or filled in since (a result lands on its call's step, usage on its LLM step),
 * and, for each subagent trajectory that changed, the same of its own. Applying the delta to the
 * page's copy gives the new snapshot.
 */
import type { Step, Trajectory } from "../trajectory/schema.ts";

export interface TrajectoryDelta {
  /** Changed or new top-level steps, by position. */
  readonly steps: ReadonlyArray<{ readonly index: number; readonly step: Step }>;
  /**
   * Subagent trajectories that are new or changed, each as a delta of its own: a long subagent
   * sends what changed in it, never itself whole again.
   */
  readonly subagents: readonly SubagentDelta[];
  /** Everything but the steps and subagents (agent, totals, extra): small, always sent. */
  readonly head: Omit<Trajectory, "steps" | "subagent_trajectories">;
}

/** What changed in one subagent trajectory, named by its `trajectory_id` (or `#position`). */
export interface SubagentDelta extends TrajectoryDelta {
  readonly key: string;
}

/** What the receiving side last got, as JSON text per step (from position `offset` on) and, per subagent, its own base. */
export interface DeltaBase {
  readonly offset: number;
  readonly steps: readonly string[];
  /** The step objects those texts came from: the recorder hands out the same object for an unchanged step. */
  readonly stepObjects: readonly Step[];
  /** Each subagent's base, with its head as text (the comparison key of the rest). */
  readonly subagents: ReadonlyMap<string, { readonly base: DeltaBase; readonly head: string }>;
}

/** Whether the receiver holds the step at `index` as it is now (the same object, or the same text). */
export function holds(base: DeltaBase, index: number, step: Step): boolean {
  const at = index - base.offset;
  return at >= 0 && (base.stepObjects[at] === step || base.steps[at] === JSON.stringify(step));
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
  const count = next.steps.length;
  const stepTexts = new Array<string>(count);
  const stepObjects = new Array<Step>(count);
  const steps: Array<{ index: number; step: Step }> = [];
  // Arrays by position, not maps: a long subagent is walked whole for every message a page gets.
  for (let i = 0; i < count; i++) {
    const step = next.steps[i]!;
    const at = offset + i - base.offset;
    const known = at >= 0 ? base.steps[at] : undefined;
    // The same object as last time is the same step: only new or rebuilt ones are serialised (a long watched session costs O(changes), not O(steps)).
    const text = known !== undefined && base.stepObjects[at] === step ? known : JSON.stringify(step);
    stepTexts[i] = text;
    stepObjects[i] = step;
    if (known !== text) steps.push({ index: offset + i, step });
  }
  const subagentBases = new Map<string, { base: DeltaBase; head: string }>();
  const subagents: SubagentDelta[] = [];
  (next.subagent_trajectories ?? []).forEach((child, i) => {
    const key = subagentKey(child, i);
    const before = base.subagents.get(key);
    const { delta, nextBase } = trajectoryDelta(before?.base ?? emptyDeltaBase(), child);
    const head = JSON.stringify(delta.head);
    subagentBases.set(key, { base: nextBase, head });
    if (!before || head !== before.head || delta.steps.length > 0 || delta.subagents.length > 0) subagents.push({ key, ...delta });
  });
  const { steps: _steps, subagent_trajectories: _subagents, ...head } = next;
  return { delta: { steps, subagents, head }, nextBase: { offset, steps: stepTexts, stepObjects, subagents: subagentBases } };
}

/** The base of a receiver that has nothing yet. */
export const emptyDeltaBase = (): DeltaBase => ({ offset: 0, steps: [], stepObjects: [], subagents: new Map() });

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
  for (const { key, ...changed } of delta.subagents) {
    const at = subagents.findIndex((s, i) => subagentKey(s, i) === key);
    const applied = applyTrajectoryDelta(at >= 0 ? subagents[at] : undefined, changed);
    if (at >= 0) subagents[at] = applied;
    else subagents.push(applied);
  }
  return { ...delta.head, steps, ...(subagents.length > 0 ? { subagent_trajectories: subagents } : {}) } as Trajectory;
}
