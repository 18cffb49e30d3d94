/**
 * The correlation engine of one session: decides which scope (the top-level agent or one of
 * its active subagents) owns each LLM call and each tool call, from explicit ids, pending
 * hints, request affinity and recent activity. Pure state machine: time is always passed in.
 */
import { withoutUndefined } from "../json.ts";
import type { LlmHint, LlmRequestKeys, RequestedToolCall } from "../events.ts";
import { BoundedTimedList, isExpired, type Timed } from "./bounded-timed-list.ts";
import { stickyResolution, type LastOwner } from "./last-owner.ts";
import { scoreLlmHint } from "./llm-hint-score.ts";
import { RequestAffinity } from "./request-affinity.ts";
import { CORRELATION_SOURCES, type LlmCorrelationStatus, type LlmOwnerResolution, type MatchedLlmHint, type ToolOwnerResolution } from "./status.ts";
import { normalizeArguments, scoreToolHint, toolHint, type ToolHint, type ToolHookKeys } from "./tool-hint.ts";
import { uniqueBest } from "./unique-best.ts";

/** Hints, tool hints and the sticky owner all go stale after five minutes. */
export const DEFAULT_CORRELATION_TTL_MS = 300_000;
/** Per table; far above what one turn produces, small enough to scan on every call. */
export const DEFAULT_MAX_HINTS = 256;

export interface CorrelatorOptions {
  readonly ttlMs?: number;
  /** Bound of each table (LLM hints, tool hints, affinity keys); the oldest entry is evicted. */
  readonly maxHints?: number;
}

/** Statuses whose owner is trustworthy enough to teach request affinity. */
const TEACHES_AFFINITY: ReadonlySet<LlmCorrelationStatus> = new Set([
  "explicit",
  "single_hint",
  "matched_hint",
  "active_subagent",
  "subagent_start",
  "request_affinity",
]);

/** Statuses after which the owner becomes the sticky last LLM owner. */
const SETS_LAST_OWNER: ReadonlySet<LlmCorrelationStatus> = new Set([
  "explicit",
  "single_hint",
  "matched_hint",
  "request_affinity",
  "active_subagent",
  "subagent_start",
]);

const HINTED: ReadonlySet<LlmCorrelationStatus> = new Set(["single_hint", "matched_hint"]);

/** A hinted owner only counts while that subagent is active; otherwise the top-level agent. */
const activeOrTop = (owner: string | undefined, active: readonly string[]) =>
  owner !== undefined && active.includes(owner) ? { owner } : {};

const hasValue = (value: unknown): boolean => value !== undefined && value !== null;

function matchedKeys(hint: LlmHint): MatchedLlmHint {
  const { subagentId, conversationId, generationId, requestId, agentType } = hint;
  return withoutUndefined({ subagentId, conversationId, generationId, requestId, agentType });
}

/** The arguments to record (the hook's, else the hint's) and which hint matched. */
function toolDetails(tool: ToolHookKeys, hint: ToolHint | undefined): Pick<ToolOwnerResolution, "arguments" | "matched"> {
  const args = hasValue(tool.arguments) ? tool.arguments : hint?.arguments;
  return {
    ...(hasValue(args) ? { arguments: args } : {}),
    ...(hint ? { matched: withoutUndefined({ toolCallId: hint.toolCallId, name: hint.name }) } : {}),
  };
}

/**
 * Correlation state of one session. The session model feeds it hints and lifecycle facts and
 * asks it for owners; it is cleared when a turn closes or the agent ends.
 *
 * @example
 * const c = new Correlator();
 * c.addLlmHint({ source: "UserPromptSubmit", subagentId: "sub-1" }, 1_000);
 * c.resolveLlmOwner({ model: "gpt-5" }, ["sub-1"], 1_500);
 * // { owner: "sub-1", status: "single_hint", source: "UserPromptSubmit", matched: { subagentId: "sub-1" } }
 */
export class Correlator {
  readonly #ttlMs: number;
  readonly #llmHints: BoundedTimedList<LlmHint>;
  readonly #toolHints: BoundedTimedList<ToolHint>;
  readonly #affinity: RequestAffinity;
  #lastOwner: LastOwner | undefined;

  constructor(options: CorrelatorOptions = {}) {
    const ttlMs = options.ttlMs ?? DEFAULT_CORRELATION_TTL_MS;
    const maxHints = options.maxHints ?? DEFAULT_MAX_HINTS;
    if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${ttlMs}`);
    if (!Number.isInteger(maxHints) || maxHints < 1) {
      throw new RangeError(`maxHints must be a positive integer, got ${maxHints}`);
    }
    this.#ttlMs = ttlMs;
    this.#llmHints = new BoundedTimedList(ttlMs, maxHints);
    this.#toolHints = new BoundedTimedList(ttlMs, maxHints);
    this.#affinity = new RequestAffinity(maxHints);
  }

  /** A prompt, response or thought hook saying the next LLM call probably belongs to a scope. */
  addLlmHint(hint: LlmHint, at: number): void {
    this.#llmHints.add(hint, at);
  }

  /**
   * Tool calls the model asked for in a response owned by `owner`, so the tool hooks that follow
   * can be matched to that owner. A call id seen again replaces its earlier hint: the same
   * response observed twice (hook and gateway) must not make its calls ambiguous.
   */
  addToolHints(calls: readonly RequestedToolCall[], owner: string | undefined, source: string, at: number): void {
    for (const call of calls) {
      const hint = toolHint(call, owner, source);
      if (hint === undefined) continue;
      if (hint.toolCallId !== undefined) this.#toolHints.removeWhere((h) => h.toolCallId === hint.toolCallId);
      this.#toolHints.add(hint, at);
    }
  }

  /** Owner of an LLM call: the first rule that applies wins (reference §4.2). */
  resolveLlmOwner(keys: LlmRequestKeys, active: readonly string[], at: number): LlmOwnerResolution {
    this.#prune(at);
    const resolution =
      this.#explicitLlmOwner(keys, active) ??
      this.#hintedLlmOwner(keys, active) ??
      this.#affinityOwner(keys.affinityKey, active) ??
      this.#stickyOwner(active) ??
      this.#soleActiveOwner(active) ??
      this.#llmFallback();
    this.#learnAffinity(keys.affinityKey, resolution);
    this.#rememberLlmOwner(resolution, at);
    return resolution;
  }

  /** Owner of a tool call (reference §4.5); consumes the tool hint it matched, if any. */
  resolveToolOwner(tool: ToolHookKeys, active: readonly string[], at: number): ToolOwnerResolution {
    this.#toolHints.prune(at);
    const pending = this.#toolHints.size;
    const entry = this.#takeToolHint(tool);
    const hint = entry?.value;
    const base = toolDetails(tool, hint);
    if (tool.subagentId !== undefined && active.includes(tool.subagentId)) {
      return { owner: tool.subagentId, status: "explicit", source: CORRELATION_SOURCES.hookPayload, ...base };
    }
    if (hint !== undefined) {
      const status = pending === 1 ? "single_hint" : "matched_hint";
      return { ...activeOrTop(hint.owner, active), status, source: hint.source, ...base };
    }
    return { status: pending > 0 ? "ambiguous_fallback" : "agent_fallback", ...base };
  }

  /** A subagent started or finished a tool: it is probably the one making the next LLM call. */
  noteToolActivity(owner: string | undefined, at: number): void {
    if (owner !== undefined) this.#lastOwner = { subagentId: owner, reason: "tool", at };
  }

  /**
   * A subagent started while `active` (its siblings, before it started) were running: parallel
   * workers start one after another, and the newest one makes the next unattributed call.
   */
  noteSubagentStart(subagentId: string, active: readonly string[], at: number): void {
    if (active.some((id) => id !== subagentId)) {
      this.#lastOwner = { subagentId, reason: "subagent_start", at };
    }
  }

  /** The subagent stopped: nothing it asked for or claimed may attract later calls. */
  forgetSubagent(subagentId: string): void {
    this.#toolHints.removeWhere((hint) => hint.owner === subagentId);
    this.#affinity.forgetOwner(subagentId);
    if (this.#lastOwner?.subagentId === subagentId) this.#lastOwner = undefined;
  }

  /** Turn closed or agent ended: correlation never carries over. */
  clear(): void {
    this.#llmHints.clear();
    this.#toolHints.clear();
    this.#affinity.clear();
    this.#lastOwner = undefined;
  }

  size(): { llmHints: number; toolHints: number; affinity: number } {
    return { llmHints: this.#llmHints.size, toolHints: this.#toolHints.size, affinity: this.#affinity.size };
  }

  #prune(at: number): void {
    this.#llmHints.prune(at);
    this.#toolHints.prune(at);
    if (this.#lastOwner !== undefined && isExpired(this.#lastOwner.at, at, this.#ttlMs)) this.#lastOwner = undefined;
  }

  /**
   * A header naming an active subagent wins. Departure from the reference: a pending hint that
   * names the same subagent is consumed too, since it announced this very call and would
   * otherwise be left to claim an unrelated later one.
   */
  #explicitLlmOwner(keys: LlmRequestKeys, active: readonly string[]): LlmOwnerResolution | undefined {
    if (keys.topLevel && keys.subagentId === undefined) {
      // The top-level agent's own hint (its prompt) is spent on this call, not left for a subagent's.
      const hint = this.#llmHints.entries.find((e) => e.value.subagentId === undefined);
      if (hint !== undefined) this.#llmHints.remove(hint);
      return { status: "explicit", source: CORRELATION_SOURCES.gatewayHeader };
    }
    const owner = keys.subagentId;
    if (owner === undefined || !active.includes(owner)) return undefined;
    const entry = this.#bestHintNaming(owner, keys);
    if (entry !== undefined) this.#llmHints.remove(entry);
    const matched = entry !== undefined ? { matched: matchedKeys(entry.value) } : {};
    return { owner, status: "explicit", source: CORRELATION_SOURCES.gatewayHeader, ...matched };
  }

  /** Hints all naming one subagent can only point at it; among equals the oldest goes first. */
  #bestHintNaming(owner: string, keys: LlmRequestKeys): Timed<LlmHint> | undefined {
    let best: Timed<LlmHint> | undefined;
    let bestScore = -1;
    for (const entry of this.#llmHints.entries) {
      if (entry.value.subagentId !== owner) continue;
      const score = scoreLlmHint(entry.value, keys);
      if (score > bestScore) [best, bestScore] = [entry, score];
    }
    return best;
  }

  /** The only pending hint is taken whatever it says; otherwise the unique best match. */
  #hintedLlmOwner(keys: LlmRequestKeys, active: readonly string[]): LlmOwnerResolution | undefined {
    const entries = this.#llmHints.entries;
    const single = entries.length === 1;
    const entry = single ? entries[0] : uniqueBest(entries, (e) => scoreLlmHint(e.value, keys));
    if (entry === undefined) return undefined;
    this.#llmHints.remove(entry);
    const hint = entry.value;
    const status = single ? "single_hint" : "matched_hint";
    return { ...activeOrTop(hint.subagentId, active), status, source: hint.source, matched: matchedKeys(hint) };
  }

  #affinityOwner(key: string | undefined, active: readonly string[]): LlmOwnerResolution | undefined {
    const owner = key ? this.#affinity.ownerOf(key) : undefined;
    if (owner === undefined || !active.includes(owner)) return undefined;
    return { owner, status: "request_affinity", source: CORRELATION_SOURCES.requestPayload };
  }

  #stickyOwner(active: readonly string[]): LlmOwnerResolution | undefined {
    const last = this.#lastOwner;
    return last !== undefined && active.includes(last.subagentId) ? stickyResolution(last) : undefined;
  }

  #soleActiveOwner(active: readonly string[]): LlmOwnerResolution | undefined {
    const [only, ...others] = active;
    if (only === undefined || others.length > 0) return undefined;
    return { owner: only, status: "active_subagent", source: CORRELATION_SOURCES.activeSubagent };
  }

  /** Pending hints that matched nothing mean the evidence conflicted, not that it was absent. */
  #llmFallback(): LlmOwnerResolution {
    return { status: this.#llmHints.size > 0 ? "ambiguous_fallback" : "agent_fallback" };
  }

  #learnAffinity(key: string | undefined, resolution: LlmOwnerResolution): void {
    if (key && resolution.owner !== undefined && TEACHES_AFFINITY.has(resolution.status)) {
      this.#affinity.learn(key, resolution.owner);
    }
  }

  /**
   * Root hints do not stick: a hint resolving to the top-level agent clears the sticky owner.
   * Departure from the reference: a `subagent_start` claim turns into an ordinary last-LLM
   * owner, so only the next call is reported as claimed by the start.
   */
  #rememberLlmOwner(resolution: LlmOwnerResolution, at: number): void {
    const { owner, status } = resolution;
    if (owner === undefined) {
      if (HINTED.has(status)) this.#lastOwner = undefined;
    } else if (SETS_LAST_OWNER.has(status)) {
      this.#lastOwner = { subagentId: owner, reason: "llm", at };
    }
  }

  /** Removes and returns the unique best-matching tool hint. */
  #takeToolHint(tool: ToolHookKeys): Timed<ToolHint> | undefined {
    const keys = { ...tool, arguments: normalizeArguments(tool.arguments) };
    const entry = uniqueBest(this.#toolHints.entries, (e) => scoreToolHint(e.value, keys));
    if (entry !== undefined) this.#toolHints.remove(entry);
    return entry;
  }
}
