import type { LlmOrigin } from "../events.ts";
import type { PriceLookup } from "../pricing/model-price.ts";
import type { SecretPattern } from "../redaction.ts";
import type { Usage } from "../usage.ts";
import { type JsonObject } from "./values.ts";
import { withoutUndefined } from "../json.ts";

/** A tool call on a draft step, already in ATIF shape. */
export interface DraftToolCall {
  tool_call_id: string;
  function_name: string;
  arguments: JsonObject;
  extra?: JsonObject;
}

/** A tool result on a draft step, already in ATIF shape. */
export interface DraftResult {
  source_call_id?: string;
  content?: string;
  subagent_trajectory_ref?: Array<{ trajectory_id: string; session_id?: string; extra?: JsonObject }>;
  extra?: JsonObject;
}

/**
 * A step while the session is still being recorded. Steps are only ever appended or filled in
 * (a tool result arriving, a hook's copy of an LLM call merging with the wire's), so a step's
 * position, and hence its ATIF `step_id`, never changes between snapshots.
 */
export interface DraftStep {
  readonly source: "system" | "user" | "agent";
  readonly at: number;
  readonly turn: number;
  message: string;
  modelName?: string;
  reasoningEffort?: string | number;
  reasoning?: string;
  readonly toolCalls: DraftToolCall[];
  readonly results: DraftResult[];
  usage?: Usage;
  llmCallCount?: number;
  extra: JsonObject;
  /** True when the tool calls came from a parsed response: a hook's call cannot join it. */
  toolCallsComplete: boolean;
  /** Made from assistant text a hook reported, waiting to merge with the LLM call that said it. */
  hookText?: boolean;
  /** The LLM call behind an agent step, used to pair a hook's copy with the wire's. */
  llm?: { callId: string; origin: LlmOrigin; ok: boolean; paired: boolean };
  /** The step as last rendered, reused by the next snapshot unless the step was touched since. */
  rendered?: RenderedStep;
}

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
 * or rendering makes it stale too (see rendered-step.ts).
 */
export interface RenderedStep extends StepRendering {
  readonly stepId: number;
  /** Priced usage: it feeds both the step's metrics and the trajectory's totals, so the sums always match. */
  readonly usage?: Usage;
  /** Frozen: later snapshots share it, so a caller's edit must fail rather than leak into them. */
  readonly json: Readonly<JsonObject>;
}

export function newStep(source: DraftStep["source"], at: number, turn: number, message: string, extra: JsonObject = {}): DraftStep {
  return { source, at, turn, message, toolCalls: [], results: [], extra: withoutUndefined(extra), toolCallsComplete: false };
}

/**
 * Hands out an existing step for filling in: its rendered copy is dropped, so the next snapshot
 * renders it again. Every path that gives the builder a step it did not just create goes
 * through here; one that does not would leave a stale step in later snapshots.
 */
export function touch(step: DraftStep): DraftStep {
  step.rendered = undefined;
  return step;
}

/** Adds a call unless the step already has one with that id (ids are unique per step). */
export function addToolCall(step: DraftStep, call: DraftToolCall): boolean {
  if (step.toolCalls.some((c) => c.tool_call_id === call.tool_call_id)) return false;
  step.toolCalls.push(call);
  return true;
}

/** Merges into the result answering `callId`, creating it on first sight. */
export function mergeResult(step: DraftStep, callId: string, patch: DraftResult): void {
  const existing = step.results.find((r) => r.source_call_id === callId);
  if (!existing) {
    step.results.push(withoutUndefined({ source_call_id: callId, ...patch }));
    return;
  }
  if (patch.content !== undefined) existing.content = patch.content;
  if (patch.subagent_trajectory_ref) {
    existing.subagent_trajectory_ref = [...(existing.subagent_trajectory_ref ?? []), ...patch.subagent_trajectory_ref];
  }
  if (patch.extra) existing.extra = { ...(existing.extra ?? {}), ...patch.extra };
}
