import { costOf } from "../pricing/cost.ts";
import type { PriceLookup } from "../pricing/model-price.ts";
import type { Usage } from "../usage.ts";
import { type JsonObject } from "./values.ts";
import { withoutUndefined } from "../json.ts";

/** ATIF step metrics from a normalised usage; provider-specific counters go to `extra`. */
export function toMetrics(usage: Usage | undefined): JsonObject | undefined {
  if (!usage) return undefined;
  const extra = withoutUndefined({
    cache_creation_input_tokens: usage.cacheWriteTokens,
    reasoning_tokens: usage.reasoningTokens,
  });
  return withoutUndefined({
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    cached_tokens: usage.cachedTokens,
    cost_usd: usage.costUsd,
    extra: Object.keys(extra).length > 0 ? extra : undefined,
  });
}

/**
 * The usage with its cost filled in when the model's price is known (a provider-reported cost
 * is kept as it is); unchanged without a price lookup, a model name or a known price.
 */
export function pricedUsage(usage: Usage | undefined, model: string | undefined, priceOf: PriceLookup | undefined): Usage | undefined {
  if (!usage || usage.costUsd !== undefined || !priceOf || model === undefined) return usage;
  const costUsd = costOf(model, usage, priceOf);
  return costUsd === undefined ? usage : { ...usage, costUsd };
}

/** Running totals of a trajectory, its embedded subagents included. */
export interface Totals {
  prompt: number;
  completion: number;
  cached: number;
  cost: number;
  withMetrics: boolean;
  withCost: boolean;
}

export const emptyTotals = (): Totals => ({ prompt: 0, completion: 0, cached: 0, cost: 0, withMetrics: false, withCost: false });

export function addUsage(totals: Totals, usage: Usage | undefined): void {
  if (!usage) return;
  totals.prompt += usage.inputTokens;
  totals.completion += usage.outputTokens;
  totals.cached += usage.cachedTokens;
  totals.withMetrics = true;
  if (usage.costUsd !== undefined) {
    totals.cost += usage.costUsd;
    totals.withCost = true;
  }
}

export function addTotals(into: Totals, from: Totals): void {
  into.prompt += from.prompt;
  into.completion += from.completion;
  into.cached += from.cached;
  into.cost += from.cost;
  into.withMetrics ||= from.withMetrics;
  into.withCost ||= from.withCost;
}

/**
 * `final_metrics`: the run's totals including embedded subagents (what a user pays for the
 * session), which the ATIF validator accepts alongside the own-steps sum.
 */
export function toFinalMetrics(totals: Totals, stepCount: number): JsonObject {
  return withoutUndefined({
    total_prompt_tokens: totals.withMetrics ? totals.prompt : undefined,
    total_completion_tokens: totals.withMetrics ? totals.completion : undefined,
    total_cached_tokens: totals.withMetrics ? totals.cached : undefined,
    total_cost_usd: totals.withCost ? totals.cost : undefined,
    total_steps: stepCount,
  });
}
