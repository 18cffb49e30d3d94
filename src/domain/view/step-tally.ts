/**
 * What a session's earliest top-level steps add up to, kept as they go by: a long live session's
 * oldest steps leave the gateway's memory for its file, and its list row still counts them.
 */
import type { Step } from "../trajectory/schema.ts";
import { noTotals, plus, stepTotals, type Totals } from "./trajectory-totals.ts";

export interface StepTally {
  readonly steps: number;
  /** User steps: one per prompt. */
  readonly turns: number;
  /** The earliest and latest instants the steps name (epoch ms), if any parsed. */
  readonly startedAt: number | undefined;
  readonly lastAt: number | undefined;
  readonly totals: Totals;
}

export const emptyTally = (): StepTally => ({ steps: 0, turns: 0, startedAt: undefined, lastAt: undefined, totals: noTotals() });

/**
 * The tally with one more step counted.
 *
 * @example
 * let tally = emptyTally();
 * for (const step of sealedSteps) tally = tallyStep(tally, step);
 * summarizeSession(window, tally); // the whole session's row
 */
export function tallyStep(tally: StepTally, step: Step): StepTally {
  const instants = stepInstants(step);
  const first = instants.reduce((min, t) => Math.min(min, t), tally.startedAt ?? Infinity);
  const last = instants.reduce((max, t) => Math.max(max, t), tally.lastAt ?? -Infinity);
  return {
    steps: tally.steps + 1,
    turns: tally.turns + (step.source === "user" ? 1 : 0),
    startedAt: Number.isFinite(first) ? first : undefined,
    lastAt: Number.isFinite(last) ? last : undefined,
    totals: plus(tally.totals, stepTotals(step)),
  };
}

/** Every instant a step names (its timestamp and nemo-relay's call spans), epoch ms. */
export function stepInstants(step: Step): number[] {
  const out: number[] = [];
  for (const value of [step.timestamp, step.extra?.llm_started_at, step.extra?.llm_ended_at, ...(step.observation?.results ?? []).map((r) => r.extra?.tool_ended_at)]) {
    const ms = typeof value === "string" && value ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(ms)) out.push(ms);
  }
  return out;
}
