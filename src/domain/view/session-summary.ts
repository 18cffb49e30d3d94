/**
 * A session as one row of a list, and its subagents as a tree: who ran, on which model, when,
 * for how long, how many turns and calls, and what it cost, each subagent with its own and its
 * rolled-up share. Any valid ATIF file works; nemo-relay's extras only add precision.
 */
import type { Trajectory } from "../trajectory/schema.ts";
import { eachInstant, emptyTally, instantMs, type StepTally } from "./step-tally.ts";
import { ownTotals, plus, type Totals } from "./trajectory-totals.ts";

export interface SessionSummary {
  readonly sessionId: string;
  readonly agent: string;
  readonly agentVersion: string;
  /** The default model, else the first a step names. */
  readonly model: string | undefined;
  readonly startedAt: number | undefined;
  readonly lastAt: number | undefined;
  readonly durationMs: number | undefined;
  /** User steps of the top-level agent: one per prompt. */
  readonly turns: number;
  readonly steps: number;
  readonly subagents: number;
  /** Everything, subagents included. */
  readonly totals: Totals;
}

export interface SubagentNode {
  readonly trajectoryId: string;
  readonly name: string;
  readonly model: string | undefined;
  readonly own: Totals;
  /** Own plus every descendant's. */
  readonly rolledUp: Totals;
  readonly children: readonly SubagentNode[];
}

/** The first and last instants a trajectory names (step timestamps and nemo-relay's call spans), subagents included. */
function span(trajectory: Trajectory, into = { first: Infinity, last: -Infinity }): { first: number; last: number } {
  const note = (ms: number) => {
    if (ms < into.first) into.first = ms;
    if (ms > into.last) into.last = ms;
  };
  for (const step of trajectory.steps) eachInstant(step, note);
  for (const child of trajectory.subagent_trajectories ?? []) span(child, into);
  return into;
}

const firstModel = (t: Trajectory): string | undefined => t.agent.model_name ?? t.steps.find((s) => s.model_name)?.model_name ?? undefined;

/**
 * One list row for a session file or a live session; `earlier` is what steps left out of
 * `trajectory` add up to (a long live session's oldest, no longer in memory).
 *
 * @example
 * const row = summarizeSession(trajectory);
 * `${row.agent} ${row.turns} turns ${row.totals.llmCalls} LLM calls`;
 */
export function summarizeSession(trajectory: Trajectory, tree: SubagentNode = subagentTree(trajectory), earlier: StepTally = emptyTally()): SessionSummary {
  const { first, last } = span(trajectory, { first: instantMs(earlier.first, Infinity), last: instantMs(earlier.last, -Infinity) });
  const startedAt = Number.isFinite(first) ? first : undefined;
  const lastAt = Number.isFinite(last) ? last : undefined;
  return {
    sessionId: trajectory.session_id ?? trajectory.trajectory_id ?? "(no session id)",
    agent: trajectory.agent.name,
    agentVersion: trajectory.agent.version,
    model: firstModel(trajectory),
    startedAt,
    lastAt,
    durationMs: startedAt !== undefined && lastAt !== undefined ? lastAt - startedAt : undefined,
    turns: earlier.turns + trajectory.steps.filter((s) => s.source === "user").length,
    steps: earlier.steps + trajectory.steps.length,
    subagents: countSubagents(trajectory),
    totals: plus(earlier.totals, tree.rolledUp),
  };
}

function countSubagents(trajectory: Trajectory): number {
  return (trajectory.subagent_trajectories ?? []).reduce((n, child) => n + 1 + countSubagents(child), 0);
}

/**
 * The session and its subagents as a tree, each node with its own and rolled-up totals.
 *
 * @example
 * subagentTree(trajectory).children[0]?.rolledUp.tokens.prompt;
 */
export function subagentTree(trajectory: Trajectory): SubagentNode {
  const own = ownTotals(trajectory);
  const children = (trajectory.subagent_trajectories ?? []).map(subagentTree);
  return {
    trajectoryId: trajectory.trajectory_id ?? trajectory.session_id ?? "",
    name: trajectory.agent.name,
    model: firstModel(trajectory),
    own,
    // Each level once: the children's rolled-up totals already hold theirs.
    rolledUp: children.reduce((sum, child) => plus(sum, child.rolledUp), own),
    children,
  };
}
