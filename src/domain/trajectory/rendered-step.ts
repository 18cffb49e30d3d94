import type { PriceLookup } from "../pricing/model-price.ts";
import { MAX_OUTPUT_DEPTH, redactSecrets, type SecretPattern } from "../redaction.ts";
import type { DraftStep, RenderedStep, StepRendering } from "./draft.ts";
import type { ScopeRecord } from "./scope-record.ts";
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
  const plain = renderStep(draft, stepId, draft.source === "agent" ? toMetrics(usage) : undefined);
  const json = Object.freeze(how.redaction ? redactSecrets(plain, how.redaction, { depth: how.depth }) : plain);
  // Redacted, it is a deep copy of its own (unredacted, it may share parts with the draft).
  if (how.redaction) UNCHANGING.set(json, undefined);
  return (draft.rendered = { ...how, stepId, usage, json });
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

/** Rendered steps' JSON that is a deep copy made for it and frozen (it never changes), with its UTF-8 once made. */
const UNCHANGING = new WeakMap<object, Uint8Array | undefined>();
const utf8 = new TextEncoder();

/**
 * A rendered step's JSON as UTF-8, made once in the step's life, when `json` is one that never
 * changes; undefined for any other value. For writers that carry the same steps in every write
 * (a subagent's, see json-pieces.ts).
 */
export function stepBytes(json: object): Uint8Array | undefined {
  if (!UNCHANGING.has(json)) return undefined;
  let bytes = UNCHANGING.get(json);
  if (!bytes) UNCHANGING.set(json, (bytes = utf8.encode(JSON.stringify(json))));
  return bytes;
}

/** Steps behind the newest that are rendered ahead of a build: late events fill in recent steps too. */
const SETTLING = 3;

/**
 * Renders (and encodes, see stepBytes) the steps just behind a subagent's newest that changed,
 * as the next build would at their place (level and step ids as `assemble` gives them: a
 * subagent's steps are never sealed). Called between writes, it spreads that work over the
 * events that make the steps, instead of leaving hundreds to the next write, all at once on the
 * event loop. The newest is left to the write: it is still being filled in, and rendering it
 * after every event would cost a step that keeps growing (a run of tool calls no model call
 * separates) its whole size each time.
 */
export function renderSettled(scope: ScopeRecord, priceOf: PriceLookup | undefined, redaction: readonly SecretPattern[] | undefined): void {
  const how = stepRendering(2 + 2 * scope.level, priceOf, redaction);
  const newest = scope.steps.length - 1;
  for (let i = Math.max(0, newest - SETTLING); i < newest; i++) stepBytes(renderedStep(scope.steps[i]!, i + 1, how).json);
}

/** The rendered step as JSON text, serialised once however many snapshots ask. */
export function stepText(rendered: RenderedStep): string {
  return (rendered.text ??= JSON.stringify(rendered.json));
}
