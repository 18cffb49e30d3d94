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
 * changed: any change to the draft drops it, and a different step id or rendering makes it stale
 * too (see rendered-step.ts).
 */
export interface RenderedStep extends StepRendering {
  readonly stepId: number;
  /** Priced usage: it feeds both the step's metrics and the trajectory's totals, so the sums always match. */
  readonly usage?: Usage;
  /** Frozen: later snapshots share it, so a caller's edit must fail rather than leak into them. */
  readonly json: Readonly<JsonObject>;
  /** `json` serialised, made once when first asked for (see stepText). */
  text?: string;
}

/** The LLM call behind an agent step, used to pair a hook's copy with the wire's. */
export interface DraftLlm {
  readonly callId: string;
  readonly origin: LlmOrigin;
  readonly ok: boolean;
  /** A copy from the other origin has been merged into this step. */
  paired: boolean;
}

/**
 * A step while the session is still being recorded. Steps are only ever appended or filled in
 * (a tool result arriving, a hook's copy of an LLM call merging with the wire's), so a step's
 * position, and hence its ATIF `step_id`, never changes between snapshots.
 *
 * It keeps its last rendering (see rendered-step.ts) so a snapshot re-renders only the steps that
 * changed; every change goes through a setter or method here, and each drops that rendering, so
 * a stale step cannot reach a snapshot. The arrays and `extra` are read-only from outside.
 */
export class DraftStep {
  #message: string;
  #modelName?: string;
  #reasoningEffort?: string | number;
  #reasoning?: string;
  #usage?: Usage;
  #llmCallCount?: number;
  #extra: Readonly<JsonObject>;
  readonly #toolCalls: DraftToolCall[] = [];
  readonly #results: DraftResult[] = [];
  /** The step as last rendered; dropped by every change. */
  #rendered?: RenderedStep;
  /** True when the tool calls came from a parsed response: a hook's call cannot join it. */
  toolCallsComplete = false;
  /** Made from assistant text a hook reported, waiting to merge with the LLM call that said it. */
  hookText?: boolean;
  llm?: DraftLlm;

  constructor(
    readonly source: "system" | "user" | "agent",
    readonly at: number,
    readonly turn: number,
    message: string,
    extra: JsonObject = {},
  ) {
    this.#message = message;
    this.#extra = withoutUndefined(extra);
  }

  get message(): string {
    return this.#message;
  }
  set message(value: string) {
    this.#message = value;
    this.#rendered = undefined;
  }
  get modelName(): string | undefined {
    return this.#modelName;
  }
  set modelName(value: string | undefined) {
    this.#modelName = value;
    this.#rendered = undefined;
  }
  get reasoningEffort(): string | number | undefined {
    return this.#reasoningEffort;
  }
  set reasoningEffort(value: string | number | undefined) {
    this.#reasoningEffort = value;
    this.#rendered = undefined;
  }
  get reasoning(): string | undefined {
    return this.#reasoning;
  }
  set reasoning(value: string | undefined) {
    this.#reasoning = value;
    this.#rendered = undefined;
  }
  get usage(): Usage | undefined {
    return this.#usage;
  }
  set usage(value: Usage | undefined) {
    this.#usage = value;
    this.#rendered = undefined;
  }
  get llmCallCount(): number | undefined {
    return this.#llmCallCount;
  }
  set llmCallCount(value: number | undefined) {
    this.#llmCallCount = value;
    this.#rendered = undefined;
  }
  get extra(): Readonly<JsonObject> {
    return this.#extra;
  }
  set extra(value: Readonly<JsonObject>) {
    this.#extra = value;
    this.#rendered = undefined;
  }
  get toolCalls(): readonly Readonly<DraftToolCall>[] {
    return this.#toolCalls;
  }
  get results(): readonly Readonly<DraftResult>[] {
    return this.#results;
  }

  /** The cached rendering, if nothing changed since it was made. */
  get rendered(): RenderedStep | undefined {
    return this.#rendered;
  }
  /** Only the renderer sets it (rendered-step.ts). */
  set rendered(value: RenderedStep | undefined) {
    this.#rendered = value;
  }

  /** Adds a call unless the step already has one with that id (ids are unique per step). */
  addToolCall(call: DraftToolCall): boolean {
    if (this.#toolCalls.some((c) => c.tool_call_id === call.tool_call_id)) return false;
    this.#toolCalls.push(call);
    this.#rendered = undefined;
    return true;
  }

  /** Merges into the result answering `callId`, creating it on first sight. */
  mergeResult(callId: string, patch: DraftResult): void {
    this.#rendered = undefined;
    const existing = this.#results.find((r) => r.source_call_id === callId);
    if (!existing) {
      this.#results.push(withoutUndefined({ source_call_id: callId, ...patch }));
      return;
    }
    if (patch.content !== undefined) existing.content = patch.content;
    if (patch.subagent_trajectory_ref) {
      existing.subagent_trajectory_ref = [...(existing.subagent_trajectory_ref ?? []), ...patch.subagent_trajectory_ref];
    }
    if (patch.extra) existing.extra = { ...(existing.extra ?? {}), ...patch.extra };
  }
}

export function newStep(source: DraftStep["source"], at: number, turn: number, message: string, extra: JsonObject = {}): DraftStep {
  return new DraftStep(source, at, turn, message, extra);
}
