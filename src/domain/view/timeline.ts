/**
 * The session as a waterfall: one bar per LLM call and per tool call, subagents' included, each
 * spanning its real start and end where the file records them (nemo-relay's `llm_started_at` /
 * `tool_started_at` extras), else estimated from neighbouring step timestamps and marked so.
 */
import type { Step, Trajectory } from "../trajectory/schema.ts";
import { isFailedLlmStep, isFailedResult, isLlmStep, resultOf } from "./trajectory-totals.ts";

export interface TimelineBar {
  readonly kind: "llm" | "tool";
  /** The step's anchor (see `stepAnchor`): the bar links to it. */
  readonly anchor: string;
  /** Model name for an LLM call, function name for a tool call. */
  readonly label: string;
  /** 0 for the session's own agent, 1 for its subagents, and so on. */
  readonly depth: number;
  readonly start: number;
  readonly end: number;
  /** Both ends recorded; false when estimated from step timestamps. */
  readonly measured: boolean;
  readonly failed: boolean;
  /** The turn it belongs to: 1 + how many of the session's prompts came before it (0: before the first). */
  readonly turn: number;
}

/**
 * The page anchor of a step: `step-3` in the session's own trajectory, `agent-<id>-step-3` in a
 * subagent's (the id reduced to characters safe in a URL fragment).
 *
 * @example
 * stepAnchor(undefined, 3); // "step-3"
 */
export function stepAnchor(subagentId: string | undefined, stepId: number): string {
  return subagentId === undefined ? `step-${stepId}` : `${subagentAnchor(subagentId)}-step-${stepId}`;
}

/**
 * The page anchor of a subagent's section.
 *
 * @example
 * subagentAnchor("ae5a5c0b"); // "agent-ae5a5c0b"
 */
export const subagentAnchor = (subagentId: string): string => `agent-${subagentId.replace(/[^A-Za-z0-9_.-]/g, "_")}`;

const time = (value: unknown): number | undefined => {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

type Bar = { -readonly [K in keyof TimelineBar]: TimelineBar[K] };

function barsOf(trajectory: Trajectory, subagentId: string | undefined, depth: number, out: Bar[]): void {
  const steps = trajectory.steps;
  steps.forEach((step: Step, i) => {
    const anchor = stepAnchor(subagentId, step.step_id);
    const at = time(step.timestamp);
    const before = i > 0 ? time(steps[i - 1]!.timestamp) : undefined;
    const after = i + 1 < steps.length ? time(steps[i + 1]!.timestamp) : undefined;
    let callEnd = at;
    if (isLlmStep(step)) {
      const started = time(step.extra?.llm_started_at);
      const ended = time(step.extra?.llm_ended_at);
      const end = ended ?? at;
      const start = started ?? before ?? end;
      if (end !== undefined && start !== undefined) {
        out.push({ kind: "llm", anchor, label: step.model_name ?? trajectory.agent.model_name ?? "LLM call", depth, start, end: Math.max(start, end), measured: started !== undefined && ended !== undefined, failed: isFailedLlmStep(step), turn: 0 });
        callEnd = end;
      }
    }
    for (const call of step.tool_calls ?? []) {
      const result = resultOf(step, call);
      const started = time(result?.extra?.tool_started_at);
      const ended = time(result?.extra?.tool_ended_at);
      const start = started ?? callEnd;
      const end = ended ?? after ?? start;
      if (start === undefined || end === undefined) continue;
      out.push({ kind: "tool", anchor, label: call.function_name, depth, start, end: Math.max(start, end), measured: started !== undefined && ended !== undefined, failed: isFailedResult(result), turn: 0 });
    }
  });
  for (const child of trajectory.subagent_trajectories ?? []) barsOf(child, child.trajectory_id ?? child.session_id ?? "subagent", depth + 1, out);
}

/**
 * Every call's bar, in start order (a subagent's calls fall inside the call that spawned it).
 *
 * @example
 * const bars = timeline(trajectory);
 * const span = Math.max(...bars.map((b) => b.end)) - Math.min(...bars.map((b) => b.start));
 */
export function timeline(trajectory: Trajectory): TimelineBar[] {
  const out: Bar[] = [];
  barsOf(trajectory, undefined, 0, out);
  out.sort((a, b) => a.start - b.start);
  // Turns by time: a subagent's calls fall in the turn whose prompt came last before them.
  const prompts = trajectory.steps.filter((s) => s.source === "user").map((s) => time(s.timestamp) ?? -Infinity);
  let turn = 0;
  for (const bar of out) {
    while (turn < prompts.length && prompts[turn]! <= bar.start) turn++;
    bar.turn = turn;
  }
  return out;
}
