import type { JsonObject } from "./values.ts";
import type { DraftStep } from "./draft.ts";
import { addUsage, emptyTotals, type Totals } from "./metrics.ts";
import type { Step } from "./schema.ts";
import type { ScopeRecord } from "./scope-record.ts";

/**
 * Which of a trajectory's newest top-level steps stay in memory, open to the events that fill
 * them in (a tool's result, a hook's copy of the call); older ones are sealed: serialised once,
 * handed out to be appended to the file, and dropped. Events fill in the latest steps of a turn,
 * so a window of the newest few keeps the file equal to a whole-document build in practice; a
 * late event for a sealed step's call starts a step of its own instead (nothing is lost).
 */
export interface SealPolicy {
  /** Always open, however big. */
  readonly minOpen: number;
  /** Open at most, and only while they total no more than `maxOpenBytes` serialised. */
  readonly maxOpen: number;
  readonly maxOpenBytes: number;
}

export const DEFAULT_SEAL_POLICY: SealPolicy = { minOpen: 4, maxOpen: 16, maxOpenBytes: 256 * 1024 };

/** A trajectory as an append-only file wants it (see TrajectoryBuilder.increment). */
export interface TrajectoryIncrement {
  /** Top-level steps sealed by this call, oldest first, serialised: append them once. */
  readonly sealed: readonly string[];
  /** The top-level steps after them, serialised: they may still change. */
  readonly open: readonly string[];
  /** The document without its `steps`: ids, agent, final_metrics, subagents, extra. */
  readonly rest: JsonObject;
}

/** What the builder keeps of the top-level steps it sealed: their count, totals and last model. */
export class SealedSteps {
  count = 0;
  /** Where step ids start beyond 1 (a resumed session's file holds the earlier steps). */
  idOffset = 0;
  readonly totals: Totals = emptyTotals();
  model?: string;

  /**
   * Seals the oldest of the top level's steps (serialised as `texts`) that `policy` lets go:
   * drops them from `top` and from the builder's tool-call index `calls`, keeps their totals, and
   * shows each one, as written, to `onSealed`.
   */
  takeOldest(top: ScopeRecord, texts: readonly string[], policy: SealPolicy, calls: Map<string, DraftStep>, onSealed?: (step: Step) => void): string[] {
    const n = top.steps.length > 0 ? sealableCount(texts, policy) : 0;
    for (const draft of top.dropFirst(n)) {
      this.count++;
      if (onSealed && draft.rendered) onSealed(draft.rendered.json as unknown as Step);
      addUsage(this.totals, draft.rendered?.usage);
      if (draft.source === "agent" && draft.modelName !== undefined) this.model = draft.modelName;
      for (const call of draft.toolCalls) if (calls.get(call.tool_call_id) === draft) calls.delete(call.tool_call_id);
    }
    return texts.slice(0, n);
  }
}

/** How many of the steps (oldest first, serialised) to seal under `policy`. */
function sealableCount(texts: readonly string[], policy: SealPolicy): number {
  let open = 0;
  let bytes = 0;
  for (let i = texts.length - 1; i >= 0; i--) {
    bytes += texts[i]!.length;
    if (open >= policy.minOpen && (open >= policy.maxOpen || bytes > policy.maxOpenBytes)) break;
    open++;
  }
  return texts.length - open;
}
