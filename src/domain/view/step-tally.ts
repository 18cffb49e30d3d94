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
  /**
   * The earliest and latest instants the steps name, as written: ISO 8601 in UTC, which orders
   * as text, so tallying parses no dates (it runs for every step a gateway seals).
   */
  readonly first: string | undefined;
  readonly last: string | undefined;
  readonly totals: Totals;
}

export const emptyTally = (): StepTally => ({ steps: 0, turns: 0, first: undefined, last: undefined, totals: noTotals() });

/**
 * The tally with one more step counted (a step of nemo-relay's own: its instants in `toISOString` form).
 *
 * @example
 * let tally = emptyTally();
 * for (const step of sealedSteps) tally = tallyStep(tally, step);
 * summarizeSession(window, undefined, tally); // the whole session's row
 */
export function tallyStep(tally: StepTally, step: Step): StepTally {
  let { first, last } = tally;
  for (const value of instantTexts(step)) {
    if (first === undefined || value < first) first = value;
    if (last === undefined || value > last) last = value;
  }
  return { steps: tally.steps + 1, turns: tally.turns + (step.source === "user" ? 1 : 0), first, last, totals: plus(tally.totals, stepsTotals([step])) };
}

/** The instants a step names (its timestamp and nemo-relay's call spans), as written. */
function instantTexts(step: Step): string[] {
  const out: string[] = [];
  for (const value of [step.timestamp, step.extra?.llm_started_at, step.extra?.llm_ended_at]) if (typeof value === "string" && value) out.push(value);
  for (const r of step.observation?.results ?? []) if (typeof r.extra?.tool_ended_at === "string" && r.extra.tool_ended_at) out.push(r.extra.tool_ended_at);
  return out;
}

/** Calls `note` with every instant a step names, epoch ms (those that parse). */
export function eachInstant(step: Step, note: (ms: number) => void): void {
  for (const text of instantTexts(step)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) note(ms);
  }
}

/** An instant as written, epoch ms; ±Infinity (`or`) when there is none or it does not parse. */
export function instantMs(text: string | undefined, or: number): number {
  const ms = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(ms) ? or : ms;
}
