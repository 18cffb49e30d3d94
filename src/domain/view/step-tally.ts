/**
 * What a session's earliest top-level steps add up to, kept as they go by: a long live session's
 * oldest steps leave the gateway's memory for its file, and its list row still counts them.
 */
import type { Step } from "../trajectory/schema.ts";
import { noTotals, plus, stepsTotals, type Totals } from "./trajectory-totals.ts";

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
  let first = tally.startedAt ?? Infinity;
  let last = tally.lastAt ?? -Infinity;
  eachInstant(step, (ms) => {
    first = Math.min(first, ms);
    last = Math.max(last, ms);
  });
  return {
    steps: tally.steps + 1,
    turns: tally.turns + (step.source === "user" ? 1 : 0),
    startedAt: Number.isFinite(first) ? first : undefined,
    lastAt: Number.isFinite(last) ? last : undefined,
    totals: plus(tally.totals, stepsTotals([step])),
  };
}

/** Calls `note` with every instant a step names (its timestamp and nemo-relay's call spans), epoch ms. */
export function eachInstant(step: Step, note: (ms: number) => void): void {
  const at = (value: unknown) => {
    const ms = typeof value === "string" && value ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(ms)) note(ms);
  };
  at(step.timestamp);
  at(step.extra?.llm_started_at);
  at(step.extra?.llm_ended_at);
  for (const r of step.observation?.results ?? []) at(r.extra?.tool_ended_at);
}
