import type { PriceLookup } from "../pricing/model-price.ts";
import { MAX_OUTPUT_DEPTH, redactSecrets, type SecretPattern } from "../redaction.ts";
import type { DraftStep, RenderedStep, StepRendering } from "./draft.ts";
import { pricedUsage, toMetrics } from "./metrics.ts";
import { isoTime, type JsonObject } from "./values.ts";
import { withoutUndefined } from "../json.ts";

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

/** The step as ATIF wants it: agent-only fields only on agent steps, no empty containers. */
function renderStep(step: DraftStep, stepId: number, metrics: JsonObject | undefined): JsonObject {
  const agent = step.source === "agent";
  return withoutUndefined({
    step_id: stepId,
    timestamp: isoTime(step.at),
    source: step.source,
    model_name: agent ? step.modelName : undefined,
    reasoning_effort: agent ? step.reasoningEffort : undefined,
    message: step.message,
    reasoning_content: agent ? step.reasoning : undefined,
    tool_calls: agent && step.toolCalls.length > 0 ? step.toolCalls.map((c) => ({ ...c })) : undefined,
    observation: step.results.length > 0 ? { results: step.results.map((r) => ({ ...r })) } : undefined,
    metrics: agent ? metrics : undefined,
    llm_call_count: agent ? step.llmCallCount : undefined,
    extra: Object.keys(step.extra).length > 0 ? step.extra : undefined,
  });
}

/** The rendered step as JSON text, serialised once however many snapshots ask. */
export function stepText(rendered: RenderedStep): string {
  return (rendered.text ??= JSON.stringify(rendered.json));
}
