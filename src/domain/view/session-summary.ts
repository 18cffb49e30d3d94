/**
 * A session as one row of a list, and its subagents as a tree: who ran, on which model, when,
 * for how long, how many turns and calls, and what it cost, each subagent with its own and its
 * rolled-up share. Any valid ATIF file works; nemo-relay's extras only add precision.
 */
import type { Trajectory } from "../trajectory/schema.ts";
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

const parsed = (timestamp: string | null | undefined): number | undefined => {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? undefined : ms;
};

/** The first and last instants a trajectory names (step timestamps and nemo-relay's call spans), subagents included. */
function span(trajectory: Trajectory, into = { first: Infinity, last: -Infinity }): { first: number; last: number } {
  const note = (value: unknown) => {
    const ms = typeof value === "string" ? parsed(value) : undefined;
    if (ms === undefined) return;
    if (ms < into.first) into.first = ms;
    if (ms > into.last) into.last = ms;
  };
  for (const step of trajectory.steps) {
    note(step.timestamp);
    note(step.extra?.llm_started_at);
    note(step.extra?.llm_ended_at);
    for (const r of step.observation?.results ?? []) note(r.extra?.tool_ended_at);
  }
  for (const child of trajectory.subagent_trajectories ?? []) span(child, into);
  return into;
}

const firstModel = (t: Trajectory): string | undefined => t.agent.model_name ?? t.steps.find((s) => s.model_name)?.model_name ?? undefined;

/**
 * One list row for a session file or a live session.
 *
 * @example
 * const row = summarizeSession(trajectory);
 * `${row.agent} ${row.turns} turns ${row.totals.llmCalls} LLM calls`;
 */
export function summarizeSession(trajectory: Trajectory, tree: SubagentNode = subagentTree(trajectory)): SessionSummary {
  const { first, last } = span(trajectory);
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
    turns: trajectory.steps.filter((s) => s.source === "user").length,
    steps: trajectory.steps.length,
    subagents: countSubagents(trajectory),
    totals: tree.rolledUp,
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
