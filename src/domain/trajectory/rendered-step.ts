import type { PriceLookup } from "../pricing/model-price.ts";
import { MAX_OUTPUT_DEPTH, redactSecrets, type SecretPattern } from "../redaction.ts";
import type { Usage } from "../usage.ts";
import { renderStep, type DraftStep } from "./draft.ts";
import { pricedUsage, toMetrics } from "./metrics.ts";
import type { JsonObject } from "./values.ts";

/** What every step of one trajectory level is rendered with, besides its own draft. */
export interface StepRendering {
  readonly priceOf?: PriceLookup;
  /** Redacted with these patterns at `depth`; unredacted without them. */
  readonly redaction?: readonly SecretPattern[];
  /** How deep the steps sit in the document (the redaction's depth bound counts from its root). */
  readonly depth: number;
}

/**
 * A step as last rendered, kept on its draft so a snapshot re-renders only the steps that
 * changed: `touch` drops it when the step is handed out for filling in, and a different step id
 * or rendering makes it stale too.
 */
export interface RenderedStep extends StepRendering {
  readonly stepId: number;
  /** Priced usage: it feeds both the step's metrics and the trajectory's totals, so the sums always match. */
  readonly usage?: Usage;
  /** Frozen: later snapshots share it, so a caller's edit must fail rather than leak into them. */
  readonly json: Readonly<JsonObject>;
}

/**
 * How steps at `depth` are rendered. Redaction is left to the whole-document walk where that walk
 * would cut the step off for depth: it then stays exactly what redacting the whole document gives.
 */
export function stepRendering(depth: number, priceOf: PriceLookup | undefined, redaction: readonly SecretPattern[] | undefined): StepRendering {
  return { depth, priceOf, redaction: depth < MAX_OUTPUT_DEPTH ? redaction : undefined };
}

/** The draft's rendered step: the cached one while nothing it depends on changed, else a new one. */
export function renderedStep(draft: DraftStep, stepId: number, how: StepRendering): RenderedStep {
  const cached = draft.rendered;
  if (cached && cached.stepId === stepId && cached.priceOf === how.priceOf && cached.redaction === how.redaction && cached.depth === how.depth) return cached;
  const usage = draft.source === "agent" ? pricedUsage(draft.usage, draft.modelName, how.priceOf) : undefined;
  const json = renderStep(draft, stepId, draft.source === "agent" ? toMetrics(usage) : undefined);
  const out = how.redaction ? redactSecrets(json, how.redaction, { depth: how.depth }) : json;
  return (draft.rendered = { ...how, stepId, usage, json: Object.freeze(out) });
}
