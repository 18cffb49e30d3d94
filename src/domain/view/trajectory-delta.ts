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

/** What the receiving side last got: the step objects from position `offset` on and, per subagent, its own base. */
export interface DeltaBase {
  readonly offset: number;
  /** The recorder hands out the same object for an unchanged step: only steps rebuilt since are compared as text. */
  readonly stepObjects: readonly Step[];
  /** Each subagent's base, with its head as text (the comparison key of the rest). */
  readonly subagents: ReadonlyMap<string, { readonly base: DeltaBase; readonly head: string }>;
}

/** Whether the receiver holds the step at `index` as it is now: the same object, or one of the same text. */
export function holds(base: DeltaBase, index: number, step: Step): boolean {
  const held = index >= base.offset ? base.stepObjects[index - base.offset] : undefined;
  return held !== undefined && (held === step || JSON.stringify(held) === JSON.stringify(step));
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
  const steps: Array<{ index: number; step: Step }> = [];
  // Only a step rebuilt since (another object) is serialised, it and the one it replaces: a long
  // watched session, or a long subagent, costs each message its changes, not its size.
  next.steps.forEach((step, i) => {
    if (!holds(base, offset + i, step)) steps.push({ index: offset + i, step });
  });
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
  // The snapshot's own array: the builder makes a new one for every snapshot, and nobody changes it.
  return { delta: { steps, subagents, head }, nextBase: { offset, stepObjects: next.steps, subagents: subagentBases } };
}

/** The base of a receiver that has nothing yet. */
export const emptyDeltaBase = (): DeltaBase => ({ offset: 0, stepObjects: [], subagents: new Map() });

/**
 * The delta cut into deltas of at most `size` steps each (a subagent's steps are cut too), in
 * order: applied one after another, they give what the whole delta gives. A page opening a long
 * session gets it in such slices, so no one message holds the gateway's loop for long.
 */
export function sliceDelta(delta: TrajectoryDelta, size: number): TrajectoryDelta[] {
  const out: TrajectoryDelta[] = [];
  const { head } = delta;
  for (let i = 0; i < delta.steps.length; i += size) out.push({ steps: delta.steps.slice(i, i + size), subagents: [], head });
  for (const { key, ...sub } of delta.subagents) for (const part of sliceDelta(sub, size)) out.push({ steps: [], subagents: [{ key, ...part }], head });
  return out.length > 0 ? out : [delta];
}

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
