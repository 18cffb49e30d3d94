import type { PriceLookup } from "../pricing/model-price.ts";
import { redactSecrets, type SecretPattern } from "../redaction.ts";
import { newStep, type DraftStep } from "./draft.ts";
import { addTotals, addUsage, emptyTotals, toFinalMetrics, type Totals } from "./metrics.ts";
import { renderedStep, stepRendering } from "./rendered-step.ts";
import { ATIF_SCHEMA_VERSION, type Trajectory } from "./schema.ts";
import type { ScopeRecord } from "./scope-record.ts";
import type { SealedSteps } from "./sealed-steps.ts";
import { type JsonObject } from "./values.ts";
import { withoutUndefined } from "../json.ts";

export interface BuildOptions {
  /** The observed agent, e.g. `codex`, `claude-code`. */
  readonly agentName?: string;
  readonly agentVersion?: string;
  /** Written to the root `extra.recorded_by`, e.g. `nemo-relay 0.1.0`. */
  readonly producer?: string;
  /** Session-level vendor metadata (cwd, transcript path…), kept in the root `extra`. */
  readonly metadata?: JsonObject;
  /**
   * Prices of the models the steps name: each LLM step whose model has a price gets `cost_usd`,
   * and `final_metrics.total_cost_usd` sums them. Without it, only provider-reported costs appear.
   */
  readonly priceOf?: PriceLookup;
  /**
   * Redacts the document with these patterns (`[]` only bounds its nesting): the result is what
   * `redactSecrets(trajectory, patterns)` gives, but a step unchanged since the previous build
   * keeps its redacted copy instead of being walked again. Pass the same array every time.
   */
  readonly redaction?: readonly SecretPattern[];
}

/** What every scope of one document is rendered with. */
interface RenderContext {
  readonly scopes: ReadonlyMap<string | undefined, ScopeRecord>;
  readonly sessionId: string;
  readonly agent: JsonObject;
  readonly startedAt: number;
  readonly priceOf?: PriceLookup;
  readonly redaction?: readonly SecretPattern[];
  /** The `steps` arrays whose steps are all redacted: the final redaction walk keeps them as they are. */
  readonly done: Set<object>;
  /** Top-level steps already handed out for good (see sealed-steps.ts): counted, no longer held. */
  readonly sealed: SealedSteps;
}

/** Renders the recorded scopes as one ATIF document with subagents embedded under their parents. */
export function assemble(sessionId: string, scopes: ReadonlyMap<string | undefined, ScopeRecord>, options: BuildOptions, startedAt: number, sealed: SealedSteps): Trajectory {
  const agent = withoutUndefined({ name: options.agentName ?? "unknown", version: options.agentVersion ?? "unknown" });
  const top = scopes.get(undefined)!;
  const { priceOf, redaction } = options;
  const done = new Set<object>();
  const root = render(top, { scopes, sessionId, agent, startedAt, priceOf, redaction, done, sealed }, 0);
  const extra = withoutUndefined({ recorded_by: options.producer, ...(options.metadata ?? {}), lifecycle_events: top.quietEvents.length > 0 ? top.quietEvents : undefined });
  const doc = withoutUndefined({
    schema_version: ATIF_SCHEMA_VERSION,
    session_id: sessionId,
    trajectory_id: sessionId,
    agent: withoutUndefined({ ...agent, model_name: root.model }),
    steps: root.doc.steps,
    final_metrics: root.doc.final_metrics,
    subagent_trajectories: root.doc.subagent_trajectories,
    extra: Object.keys(extra).length > 0 ? extra : undefined,
  }) as unknown as Trajectory;
  // The small rest (root and subagent wrappers, metadata, totals) is walked again every time.
  return redaction ? redactSecrets(doc, redaction, { done }) : doc;
}

interface Rendered {
  doc: JsonObject & { steps: readonly JsonObject[] };
  totals: Totals;
  /** The last model a step of this trajectory names. */
  model?: string;
}

/** One trajectory level: `level` 0 is the root, 1 its subagents, 2 theirs… */
function render(scope: ScopeRecord, ctx: RenderContext, level: number): Rendered {
  const { scopes, sessionId, agent } = ctx;
  // Sealed steps are the top level's first ones: their ids, totals and model carry on from them.
  const sealed = level === 0 ? ctx.sealed : undefined;
  const totals = sealed ? { ...sealed.totals } : emptyTotals();
  const firstId = 1 + (sealed ? sealed.count + sealed.idOffset : 0);
  const drafts = scope.steps.length > 0 || (sealed?.count ?? 0) > 0 ? scope.steps : [placeholder(scope, ctx.startedAt)];
  // Root -> steps -> step is depth 2; each subagent level adds subagent_trajectories -> wrapper.
  const how = stepRendering(2 + 2 * level, ctx.priceOf, ctx.redaction);
  const steps = drafts.map((draft, i) => {
    const step = renderedStep(draft, firstId + i, how);
    addUsage(totals, step.usage);
    return step.json;
  });
  // Every step in it is redacted at its place: the final walk need not even visit them.
  if (how.redaction) ctx.done.add(steps);
  const children = scope.children.map((id) => {
    const child = render(scopes.get(id)!, ctx, level + 1);
    addTotals(totals, child.totals);
    const info = scopes.get(id)!.subagent!;
    return withoutUndefined({
      schema_version: ATIF_SCHEMA_VERSION,
      session_id: sessionId,
      trajectory_id: id,
      agent: withoutUndefined({ ...agent, name: info.agentType ?? String(agent.name), model_name: child.model }),
      steps: child.doc.steps,
      final_metrics: child.doc.final_metrics,
      subagent_trajectories: child.doc.subagent_trajectories,
      extra: withoutUndefined({ subagent_id: info.id, agent_type: info.agentType, lifecycle_events: scopes.get(id)!.quietEvents.length > 0 ? scopes.get(id)!.quietEvents : undefined }),
    });
  });
  const doc = withoutUndefined({
    steps,
    final_metrics: toFinalMetrics(totals, steps.length + (sealed?.count ?? 0)),
    subagent_trajectories: children.length > 0 ? children : undefined,
  }) as Rendered["doc"];
  return { doc, totals, model: lastModel(drafts) ?? sealed?.model };
}

/** ATIF requires at least one step: an empty scope says plainly that nothing was observed. */
function placeholder(scope: ScopeRecord, startedAt: number) {
  const info = scope.subagent;
  if (info) return newStep("system", info.at, info.turn, "subagent started; no activity observed", { event: "subagent_start", event_payload: info.startData });
  return newStep("system", startedAt, 0, "session started; no activity observed", { event: "session_start" });
}

/** Read from the drafts, not the rendered steps: those may be redacted already, and the wrapper is redacted once. */
function lastModel(drafts: readonly DraftStep[]): string | undefined {
  for (let i = drafts.length - 1; i >= 0; i--) {
    const draft = drafts[i]!;
    if (draft.source === "agent" && draft.modelName !== undefined) return draft.modelName;
  }
  return undefined;
}
