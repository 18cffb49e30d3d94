/** Live deltas: only what changed travels, and applying them rebuilds the snapshot exactly. */
import { expect, test } from "bun:test";
import { applyTrajectoryDelta, emptyDeltaBase, sliceDelta, trajectoryDelta, type TrajectoryDelta } from "../../../src/domain/view/trajectory-delta.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { recorded } from "./recorded.ts";

/** The session as it stood after its first `n` steps, the subagent not yet started. */
const prefix = (t: Trajectory, n: number): Trajectory => {
  const { subagent_trajectories: _s, ...rest } = t;
  return { ...rest, steps: t.steps.slice(0, n) };
};

test("a growing session: each delta carries only new or changed steps; applied, the page's copy equals the snapshot", () => {
  const full = recorded("claude-subagent");
  const snapshots = [prefix(full, 1), prefix(full, 2), full];
  let base = emptyDeltaBase();
  let page: Trajectory | undefined;
  const sent: number[][] = [];
  for (const snapshot of snapshots) {
    const { delta, nextBase } = trajectoryDelta(base, snapshot);
    base = nextBase;
    sent.push(delta.steps.map((s) => s.index));
    page = applyTrajectoryDelta(page, delta);
    expect(page).toEqual(snapshot);
  }
  expect(sent).toEqual([[0], [1], [2]]);
});

test("a step filled in later (its tool result arrives) is sent again, alone", () => {
  const full = recorded("codex-basic");
  const before: Trajectory = { ...full, steps: full.steps.map((s, i) => (i === 1 ? { ...s, observation: undefined } : s)) };
  const { nextBase } = trajectoryDelta(emptyDeltaBase(), before);
  const { delta } = trajectoryDelta(nextBase, full);
  expect(delta.steps.map((s) => s.index)).toEqual([1]);
  expect(delta.subagents).toEqual([]);
});

test("an unchanged subagent is not sent again; a changed one is sent as what changed in it", () => {
  const full = recorded("codex-subagent");
  const { nextBase, delta: first } = trajectoryDelta(emptyDeltaBase(), full);
  expect(first.subagents).toHaveLength(1);
  const page = applyTrajectoryDelta(undefined, first);
  expect(trajectoryDelta(nextBase, full).delta.subagents).toEqual([]);
  const child = full.subagent_trajectories![0]!;
  const grown: Trajectory = { ...full, subagent_trajectories: [{ ...child, notes: "changed" }] };
  const { delta } = trajectoryDelta(nextBase, grown);
  expect(delta.subagents.map((s) => [s.key, s.head.notes, s.steps.length])).toEqual([[child.trajectory_id, "changed", 0]]);
  expect(applyTrajectoryDelta(page, delta)).toEqual(grown);
});

test("a long subagent growing: each delta carries only its new or filled-in steps, and the page's copy stays equal", () => {
  const full = recorded("codex-subagent");
  const child = full.subagent_trajectories![0]!;
  // The subagent's steps over and over, renumbered: a subagent of 600 steps, seen at every 100 more.
  const long = Array.from({ length: 600 }, (_, i) => ({ ...child.steps[i % child.steps.length]!, step_id: i + 1 }));
  let base = emptyDeltaBase();
  let page: Trajectory | undefined;
  for (const n of [100, 200, 300, 400, 500, 600]) {
    const snapshot: Trajectory = { ...full, subagent_trajectories: [{ ...child, steps: long.slice(0, n) }] };
    const { delta, nextBase } = trajectoryDelta(base, snapshot);
    base = nextBase;
    const [sub] = delta.subagents;
    expect(sub!.steps.map((s) => s.index)).toEqual(Array.from({ length: 100 }, (_, i) => n - 100 + i));
    page = applyTrajectoryDelta(page, delta);
    expect(page).toEqual(snapshot);
  }
  // Filled in later: a result lands on an old step of the subagent, and only that step travels.
  const filled = long.map((s, i) => (i === 42 ? { ...s, extra: { late: true } } : s));
  const snapshot: Trajectory = { ...full, subagent_trajectories: [{ ...child, steps: filled }] };
  const { delta } = trajectoryDelta(base, snapshot);
  expect(delta.subagents[0]!.steps.map((s) => s.index)).toEqual([42]);
  expect(applyTrajectoryDelta(page, delta)).toEqual(snapshot);
});

test("no step is serialised to compute a delta but those rebuilt since (the recorder reuses unchanged steps' objects)", () => {
  const full = recorded("codex-basic");
  let serialised = 0;
  const counted = full.steps.map((s) => ({ ...s, toJSON: () => (serialised++, s) }));
  const first = trajectoryDelta(emptyDeltaBase(), { ...full, steps: counted });
  expect(serialised).toBe(0);
  const grown = { ...full, steps: [...counted, { ...full.steps[2]!, step_id: 4 }] };
  const { delta, nextBase } = trajectoryDelta(first.nextBase, grown);
  expect(serialised).toBe(0);
  expect(delta.steps.map((s) => s.index)).toEqual([3]);
  // Step 2 rebuilt as another object with the same content: compared as text, and not sent.
  const rebuilt = { ...grown, steps: grown.steps.map((s, i) => (i === 1 ? { ...full.steps[1]! } : s)) };
  expect(trajectoryDelta(nextBase, rebuilt).delta.steps).toEqual([]);
  expect(serialised).toBe(1);
});

test("sliced, a delta gives the same page, each slice holding at most the given number of steps", () => {
  const full = recorded("claude-subagent");
  const child = full.subagent_trajectories![0]!;
  const long = Array.from({ length: 450 }, (_, i) => ({ ...child.steps[i % child.steps.length]!, step_id: i + 1 }));
  const snapshot: Trajectory = { ...full, steps: Array.from({ length: 230 }, (_, i) => ({ ...full.steps[i % full.steps.length]!, step_id: i + 1 })), subagent_trajectories: [{ ...child, steps: long }] };
  const { delta } = trajectoryDelta(emptyDeltaBase(), snapshot);
  const slices = sliceDelta(delta, 100);
  const count = (d: TrajectoryDelta): number => d.steps.length + d.subagents.reduce((n, s) => n + count(s), 0);
  expect(slices.map(count)).toEqual([100, 100, 30, 100, 100, 100, 100, 50]);
  expect(slices.reduce<Trajectory | undefined>((page, slice) => applyTrajectoryDelta(page, slice), undefined)).toEqual(snapshot);
  expect(applyTrajectoryDelta(undefined, delta)).toEqual(snapshot);
});
