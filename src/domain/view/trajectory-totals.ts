/**
 * What one trajectory cost and did, counted from its steps alone (its own part); `plus` adds
 * parts up (a subagent tree rolls them up): the numbers a person compares with a bill.
 */
import type { ObservationResult, Step, ToolCall, Trajectory } from "../trajectory/schema.ts";

export interface Tokens {
  /** All input tokens, cached ones included (ATIF's `prompt_tokens`). */
  readonly prompt: number;
  readonly completion: number;
  readonly cached: number;
}

export interface Totals {
  readonly tokens: Tokens;
  /** Undefined when no step carries a cost (an unpriced model): unknown, not free. */
  readonly costUsd: number | undefined;
  readonly llmCalls: number;
  readonly toolCalls: number;
  /** Failed LLM calls and failed tool calls. */
  readonly failedCalls: number;
}

/** An agent step that called a model (a dispatch step has `llm_call_count: 0`; an unknown count is one call). */
export const isLlmStep = (step: Step): boolean => step.source === "agent" && (step.llm_call_count ?? 1) > 0 && (step.metrics != null || step.extra?.llm_call_id !== undefined || step.llm_call_count != null);

/** nemo-relay marks a failed call `llm_status: "failed"`; other producers leave it out. */
export const isFailedLlmStep = (step: Step): boolean => step.extra?.llm_status === "failed";

/** A result whose tool call did not complete (nemo-relay's `extra.status`, any value but completed). */
export const isFailedResult = (result: ObservationResult | undefined): boolean => {
  const status = result?.extra?.status;
  return typeof status === "string" && status !== "completed";
};

/** The result answering `call` in its own step (ATIF puts it there), if any. */
export function resultOf(step: Step, call: ToolCall): ObservationResult | undefined {
  return step.observation?.results.find((r) => r.source_call_id === call.tool_call_id);
}

function addCost(a: number | undefined, b: number | null | undefined): number | undefined {
  if (b == null) return a;
  return (a ?? 0) + b;
}

/** The two added up. */
export function plus(a: Totals, b: Totals): Totals {
  return {
    tokens: { prompt: a.tokens.prompt + b.tokens.prompt, completion: a.tokens.completion + b.tokens.completion, cached: a.tokens.cached + b.tokens.cached },
    costUsd: addCost(a.costUsd, b.costUsd),
    llmCalls: a.llmCalls + b.llmCalls,
    toolCalls: a.toolCalls + b.toolCalls,
    failedCalls: a.failedCalls + b.failedCalls,
  };
}

/**
 * The trajectory's own steps, subagents left out.
 *
 * @example
 * ownTotals(trajectory).tokens.prompt; // the sum of its steps' metrics.prompt_tokens
 */
export function ownTotals(trajectory: Trajectory): Totals {
  return stepsTotals(trajectory.steps);
}

/** What the steps add up to: tokens and cost, LLM and tool calls, the failed ones. */
export function stepsTotals(steps: readonly Step[]): Totals {
  // Plain counters, not an object per step: a page sums 5,000 steps before it can paint.
  let prompt = 0, completion = 0, cached = 0, llmCalls = 0, toolCalls = 0, failedCalls = 0;
  let costUsd: number | undefined;
  for (const step of steps) {
    const m = step.metrics;
    prompt += m?.prompt_tokens ?? 0;
    completion += m?.completion_tokens ?? 0;
    cached += m?.cached_tokens ?? 0;
    costUsd = addCost(costUsd, m?.cost_usd);
    if (isLlmStep(step)) {
      llmCalls += step.llm_call_count ?? 1;
      if (isFailedLlmStep(step)) failedCalls++;
    }
    for (const call of step.tool_calls ?? []) {
      toolCalls++;
      if (isFailedResult(resultOf(step, call))) failedCalls++;
    }
  }
  return { tokens: { prompt, completion, cached }, costUsd, llmCalls, toolCalls, failedCalls };
}

/** Nothing yet. */
export const noTotals = (): Totals => ({ tokens: { prompt: 0, completion: 0, cached: 0 }, costUsd: undefined, llmCalls: 0, toolCalls: 0, failedCalls: 0 });
