import { Correlator } from "../correlation/correlator.ts";
import type {
  DomainEvent,
  LlmEnded,
  LlmOrigin,
  LlmStarted,
  Metadata,
  SubagentStarted,
  SubagentStopped,
  ToolEnded,
  ToolStarted,
  TurnEnded,
  TurnStarted,
} from "../events.ts";
import { Outcome, type ApplyResult } from "./outcome.ts";
import type { CorrelationNote } from "./placed-event.ts";
import { ScopeTree } from "./scope-tree.ts";
import { interruptedLlm, isSubagents, mergeDefined, stopOf } from "./session-events.ts";
import { assertNever } from "../assert-never.ts";

export type { ApplyResult } from "./outcome.ts";

/** Why a turn was closed; recorded on whatever the close had to interrupt. */
export type CloseReason =
  | "closed_by_turn_end"
  | "closed_by_subagent_stop"
  | "superseded_by_next_turn"
  | "closed_by_session_end"
  | "idle_timeout"
  | "gateway_shutdown"
  /** A catch-all session of unattributed calls reached its size and was continued in a new one. */
  | "size_limit";

interface OpenCall {
  readonly owner?: string;
  readonly name?: string;
  readonly origin?: LlmOrigin;
  readonly correlation: CorrelationNote;
}

export interface SessionOptions {
  /** How long correlation hints stay valid (default 5 minutes). */
  readonly hintTtlMs?: number;
  /** Bound on each correlation table. */
  readonly maxHints?: number;
}

/**
 * One agent session, keyed by the agent's own session id: its turns, its scope tree
 * (session → turn → subagent → tool/LLM) and its correlation state. `apply` decides where each
 * event belongs and returns the placed events (plus any it had to synthesise), in order.
 *
 * @example
 * const session = new Session("abc");
 * session.apply({ kind: "turn_start", sessionId: "abc", at: 0, prompt: "hi" }).placed[0]?.turn; // 1
 */
export class Session {
  readonly id: string;
  /** Vendor metadata merged from every event (cwd, transcript_path, model…). */
  readonly metadata: Metadata = {};
  #lastActivityAt = 0;
  #ended = false;
  private readonly scopes = new ScopeTree();
  private readonly correlator: Correlator;
  private readonly openTools = new Map<string, OpenCall>();
  private readonly openLlm = new Map<string, OpenCall>();
  private turnIndex = 0;
  private turnOpen = false;

  constructor(id: string, options: SessionOptions = {}) {
    this.id = id;
    this.correlator = new Correlator({ ttlMs: options.hintTtlMs, maxHints: options.maxHints });
  }

  /** The latest event time seen (epoch ms); 0 before any event. */
  get lastActivityAt(): number {
    return this.#lastActivityAt;
  }

  /** The session ended (its end event, or ended on the agent's behalf); a later event resumes it. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The current (or last) turn's 1-based index; 0 before the first turn. */
  get turn(): number {
    return this.turnIndex;
  }

  get hasOpenTurn(): boolean {
    return this.turnOpen;
  }

  /** Tool and LLM calls still running: a session with any is busy, never idle. */
  get inFlight(): number {
    return this.openTools.size + this.openLlm.size;
  }

  /** Entries in each correlation table: bounded however many hints the agent sends. */
  get pendingHints(): { readonly llmHints: number; readonly toolHints: number; readonly affinity: number } {
    return this.correlator.size();
  }

  /** Ids of the active subagents, oldest first. */
  get activeSubagents(): readonly string[] {
    return this.scopes.active();
  }

  apply(event: DomainEvent): ApplyResult {
    const out = new Outcome();
    this.#lastActivityAt = Math.max(this.#lastActivityAt, event.at);
    // Session metadata comes from the session's own events; a subagent's (agent_id…) stays on its events.
    if (event.metadata && !isSubagents(event)) mergeDefined(this.metadata, event.metadata);
    if (this.#ended && event.kind !== "session_end") this.#ended = false; // resumed, e.g. `claude --continue`
    this.dispatch(event, out);
    return out.result();
  }

  /** Close the open turn (idle timeout, shutdown…); a no-op when none is open. */
  closeTurn(reason: CloseReason, at: number): ApplyResult {
    const out = new Outcome();
    this.closeOpenTurn(reason, at, out);
    return out.result();
  }

  /** End the session on the agent's behalf (gateway shutdown, eviction). */
  end(reason: CloseReason, at: number): ApplyResult {
    if (this.#ended) return new Outcome().result();
    return this.apply({ kind: "session_end", sessionId: this.id, at, reason });
  }

  private dispatch(event: DomainEvent, out: Outcome): void {
    switch (event.kind) {
      case "session_start":
        return out.place({ event, turn: this.turnIndex });
      case "session_end":
        return this.onSessionEnd(event, out);
      case "turn_start":
        return this.onTurnStart(event, out);
      case "turn_end":
        return this.onTurnEnd(event, out);
      case "subagent_start":
        return this.onSubagentStart(event, out);
      case "subagent_stop":
        return this.onSubagentStop(event, out);
      case "tool_start":
        return this.onToolStart(event, out);
      case "tool_end":
        return this.onToolEnd(event, out);
      case "llm_start":
        return this.onLlmStart(event, out);
      case "llm_end":
        return this.onLlmEnd(event, out);
      case "mark":
      case "assistant_message":
        return out.place({ event, owner: this.scopes.activeOwner(event.subagentId), turn: this.turnIndex });
      case "hint":
        return this.correlator.addLlmHint(event.hint, event.at);
      case "tool_outcome":
        return out.place({ event, turn: this.turnIndex });
      default:
        return assertNever(event);
    }
  }

  private onSessionEnd(event: Extract<DomainEvent, { kind: "session_end" }>, out: Outcome): void {
    const reason = event.reason === "gateway_shutdown" ? "gateway_shutdown" : "closed_by_session_end";
    this.closeOpenTurn(reason, event.at, out);
    // LLM calls still in flight when the session ends will never be answered to us.
    for (const [callId, call] of this.openLlm) {
      out.place({ event: interruptedLlm(this.id, callId, call.origin, reason, event.at), owner: call.owner, turn: this.turnIndex, correlation: call.correlation, synthesized: true });
    }
    this.openLlm.clear();
    this.#ended = true;
    out.place({ event, turn: this.turnIndex });
    out.sessionEnded = true;
  }

  private onTurnStart(event: TurnStarted, out: Outcome): void {
    const owner = this.scopes.activeOwner(event.subagentId);
    if (owner !== undefined) {
      // A subagent's prompt is its task, not a new turn of the session.
      this.correlator.addLlmHint({ subagentId: owner, source: event.hookEvent ?? "turn_start" }, event.at);
      return out.place({ event, owner, turn: this.turnIndex });
    }
    this.closeOpenTurn("superseded_by_next_turn", event.at, out);
    this.turnIndex += 1;
    this.turnOpen = true;
    this.correlator.addLlmHint({ source: event.hookEvent ?? "turn_start" }, event.at);
    out.place({ event, turn: this.turnIndex });
  }

  private onTurnEnd(event: TurnEnded, out: Outcome): void {
    const owner = this.scopes.activeOwner(event.subagentId);
    out.place({ event, owner, turn: this.turnIndex });
    if (owner === undefined) this.closeOpenTurn("closed_by_turn_end", event.at, out);
  }

  private onSubagentStart(event: SubagentStarted, out: Outcome): void {
    if (this.scopes.isActive(event.subagentId)) return; // a duplicate start adds nothing
    this.ensureTurn();
    const parent = this.scopes.activeOwner(event.parentSubagentId);
    this.correlator.noteSubagentStart(event.subagentId, this.scopes.active(), event.at);
    this.scopes.start(event.subagentId, parent);
    out.place({ event, owner: parent, turn: this.turnIndex });
  }

  private onSubagentStop(event: SubagentStopped, out: Outcome): void {
    if (this.scopes.isActive(event.subagentId)) return this.stopSubagent(event, "closed_by_subagent_stop", out, false);
    if (this.scopes.wasCompleted(event.subagentId)) return; // a duplicate stop adds nothing
    // A stop with no start (Claude's compaction fork does this) stays readable as a mark.
    const data = { subagent_id: event.subagentId, ...(event.metadata ?? {}) };
    out.place({
      event: { kind: "mark", category: "lifecycle", name: "subagent_stop_without_start", sessionId: this.id, at: event.at, hookEvent: event.hookEvent, data },
      turn: this.turnIndex,
      synthesized: true,
    });
  }

  /** Stops a subagent after its own children (LIFO), interrupting whatever it still runs. */
  private stopSubagent(event: SubagentStopped, reason: CloseReason, out: Outcome, synthesized: boolean): void {
    const id = event.subagentId;
    for (const child of this.scopes.childrenOf(id)) {
      this.stopSubagent(stopOf(this.id, child, event.at), reason, out, true);
    }
    this.interruptTools((owner) => owner === id, reason, event.at, out);
    const parent = this.scopes.parentOf(id);
    this.scopes.stop(id);
    this.correlator.forgetSubagent(id);
    out.place({ event, owner: parent, turn: this.turnIndex, ...(synthesized ? { synthesized } : {}) });
  }

  private onToolStart(event: ToolStarted, out: Outcome): void {
    if (this.openTools.has(event.toolCallId)) return; // duplicate start
    this.ensureTurn();
    const { arguments: args, ...call } = this.toolOwner(event);
    this.openTools.set(event.toolCallId, call);
    if (call.owner !== undefined) this.correlator.noteToolActivity(call.owner, event.at);
    out.place({ event: { ...event, arguments: args }, owner: call.owner, turn: this.turnIndex, correlation: call.correlation });
  }

  private onToolEnd(event: ToolEnded, out: Outcome): void {
    this.ensureTurn();
    const open = this.openTools.get(event.toolCallId);
    this.openTools.delete(event.toolCallId);
    if (open) return out.place({ event, owner: open.owner, turn: this.turnIndex, correlation: open.correlation });
    // No start seen (hook missed, or the agent sends only the end): resolve it now.
    const { arguments: args, ...call } = this.toolOwner(event);
    if (call.owner !== undefined) this.correlator.noteToolActivity(call.owner, event.at);
    out.place({ event: { ...event, arguments: args }, owner: call.owner, turn: this.turnIndex, correlation: call.correlation });
  }

  private onLlmStart(event: LlmStarted, out: Outcome): void {
    this.ensureTurn();
    const call = this.llmOwner(event);
    this.openLlm.set(event.callId, call);
    out.place({ event, owner: call.owner, turn: this.turnIndex, correlation: call.correlation });
  }

  private onLlmEnd(event: LlmEnded, out: Outcome): void {
    this.ensureTurn();
    // Resolved at its start when we saw one; a hook may report only the end.
    const call = this.openLlm.get(event.callId) ?? this.llmOwner(event);
    this.openLlm.delete(event.callId);
    if (event.toolCalls?.length) {
      this.correlator.addToolHints(event.toolCalls, call.owner, `${event.origin}_response`, event.at);
    }
    out.place({ event, owner: call.owner, turn: this.turnIndex, correlation: call.correlation });
  }

  private llmOwner(event: LlmStarted | LlmEnded): OpenCall {
    const keys = { ...(event.keys ?? {}), model: event.keys?.model ?? event.model };
    const resolved = this.correlator.resolveLlmOwner(keys, this.scopes.active(), event.at);
    return { owner: resolved.owner, origin: event.origin, correlation: { status: resolved.status, source: resolved.source, matched: resolved.matched } };
  }

  private toolOwner(event: ToolStarted | ToolEnded): OpenCall & { arguments: unknown } {
    const resolved = this.correlator.resolveToolOwner(event, this.scopes.active(), event.at);
    return { owner: resolved.owner, name: event.name, arguments: event.arguments ?? resolved.arguments, correlation: { status: resolved.status, source: resolved.source } };
  }

  /** Activity outside a prompted turn (gateway-only traffic, a missed prompt hook) opens one. */
  private ensureTurn(): void {
    if (this.turnOpen) return;
    this.turnIndex += 1;
    this.turnOpen = true;
  }

  private closeOpenTurn(reason: CloseReason, at: number, out: Outcome): void {
    if (!this.turnOpen) return;
    for (const id of this.scopes.childrenOf(undefined)) {
      this.stopSubagent(stopOf(this.id, id, at), reason, out, true);
    }
    this.interruptTools(() => true, reason, at, out);
    this.correlator.clear();
    this.turnOpen = false;
    out.turnClosed = true;
  }

  private interruptTools(match: (owner: string | undefined) => boolean, reason: CloseReason, at: number, out: Outcome): void {
    for (const [toolCallId, call] of this.openTools) {
      if (!match(call.owner)) continue;
      this.openTools.delete(toolCallId);
      const event: ToolEnded = { kind: "tool_end", sessionId: this.id, at, toolCallId, name: call.name, status: "interrupted", error: reason };
      out.place({ event, owner: call.owner, turn: this.turnIndex, correlation: call.correlation, synthesized: true });
    }
  }
}
