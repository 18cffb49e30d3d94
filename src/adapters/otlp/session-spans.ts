/**
 * One session's span tree, built from its placed events as they come:
 * session → turn → subagent (→ nested subagent) → LLM call / tool call. A span starts at its
 * start event and ends at its end event; each finished span is handed to `emit` at once, so a
 * long session streams its spans rather than holding them. Whatever is still open when the
 * session ends is ended there, marked interrupted.
 */
import type { PriceLookup } from "../../domain/pricing/model-price.ts";
import type { PlacedEvent } from "../../domain/session/placed-event.ts";
import { CallSpans } from "./call-spans.ts";
import { interrupted, OpenSpan, type SessionTrace } from "./open-span.ts";
import type { LlmFacts, SessionFacts, SpanRecord, SubagentFacts, TurnFacts } from "./span-record.ts";
import { newSpanId, traceIdOf, type RemoteParent } from "./trace-context.ts";
import { assertNever } from "../../domain/assert-never.ts";

export interface SessionSpansOptions {
  readonly sessionId: string;
  readonly agent?: string;
  /** The caller's span (W3C `traceparent`): the session span becomes its child, in its trace. */
  readonly parent?: RemoteParent;
  readonly startMs: number;
  readonly emit: (span: SpanRecord) => void;
  readonly priceOf?: PriceLookup;
}

const SAMPLED = 0x01;

export class SessionSpans {
  private readonly session: OpenSpan<SessionFacts>;
  private readonly calls: CallSpans;
  private readonly trace: SessionTrace;
  private turn: OpenSpan<TurnFacts> | undefined;
  private turnIndex = 0;
  /** Span ids of every turn and subagent seen, so late events still find their parent. */
  private readonly turnIds = new Map<number, string>();
  private readonly subagentIds = new Map<string, string>();
  private readonly subagents = new Map<string, OpenSpan<SubagentFacts>>();
  private closed = false;

  constructor(private readonly options: SessionSpansOptions) {
    const { parent } = options;
    this.trace = {
      sessionId: options.sessionId,
      ...(options.agent ? { agent: options.agent } : {}),
      traceId: parent?.traceId ?? traceIdOf(options.sessionId),
      traceFlags: parent?.traceFlags ?? SAMPLED,
      ...(parent?.traceState ? { traceState: parent.traceState } : {}),
    };
    const facts: SessionFacts = { type: "session", totals: { inputTokens: 0, outputTokens: 0, cachedTokens: 0, llmCalls: 0 } };
    this.session = new OpenSpan(this.trace, newSpanId(), parent ? { spanId: parent.spanId, remote: true } : undefined, options.startMs, facts, 0, undefined);
    this.calls = new CallSpans({ trace: this.trace, emit: options.emit, priceOf: options.priceOf, counted: (f) => this.count(f) });
  }

  get ended(): boolean {
    return this.closed;
  }

  get traceId(): string {
    return this.trace.traceId;
  }

  apply(placed: PlacedEvent): void {
    if (this.closed) return;
    const { event } = placed;
    this.session.touch(event.at);
    if (placed.turn > this.turnIndex) this.openTurn(placed.turn, event.at);
    if (placed.turn === this.turnIndex) this.turn?.touch(event.at);
    const parent = this.scopeOf(placed.owner, placed.turn);
    switch (event.kind) {
      case "session_start":
        if (this.session.facts.source === undefined) this.session.facts.source = event.source;
        else this.session.addEvent({ name: event.hookEvent ?? "session_start", atMs: event.at, category: event.source });
        return;
      case "session_end":
        this.session.facts.endReason = event.reason;
        return this.close(event.at, `session ended${event.reason ? `: ${event.reason}` : ""}`, "session_end");
      case "turn_start":
        if (placed.owner !== undefined) return void this.setTask(placed.owner, event.prompt);
        if (this.turn) Object.assign(this.turn.facts, { prompt: event.prompt, ...(event.turnId ? { turnId: event.turnId } : {}) });
        this.session.facts.firstPrompt ??= event.prompt;
        return;
      case "turn_end":
        if (placed.owner !== undefined) return void this.setAnswer(placed.owner, event.lastMessage);
        if (event.lastMessage) this.answered(undefined, event.lastMessage);
        return this.endTurn(event.at, "turn_end");
      case "subagent_start":
        return this.startSubagent(event.subagentId, event.agentType, event.toolCallId, event.at, placed, parent);
      case "subagent_stop":
        return this.stopSubagent(event.subagentId, event.lastMessage, event.at, placed.synthesized === true);
      case "tool_start":
        return this.calls.toolStart(event, placed, parent);
      case "tool_end":
        return this.calls.toolEnd(event, placed, parent);
      case "llm_start":
        return this.calls.llmStart(event, placed, parent);
      case "llm_end":
        return this.calls.llmEnd(event, placed, parent);
      case "mark":
        if (!event.quiet) this.scopeSpan(placed.owner).addEvent({ name: event.name, atMs: event.at, category: event.category });
        return;
      case "assistant_message":
        if (!event.reasoning) this.answered(placed.owner, event.text);
        return;
      case "hint":
      case "tool_outcome": // the tool's span has already ended and been sent
        return;
      default:
        return assertNever(event);
    }
  }

  /** Ends every open span at `atMs` (the exporter is shutting down before the session ended). */
  close(atMs: number, why: string, closedBy: "session_end" | "shutdown" = "shutdown"): void {
    if (this.closed) return;
    this.calls.closeAll(atMs, why);
    for (const id of [...this.subagents.keys()].reverse()) this.stopSubagent(id, undefined, atMs, true, why);
    if (this.turn) this.endTurn(atMs, closedBy, why);
    this.closed = true;
    this.options.emit(this.session.finish(atMs, closedBy === "shutdown" ? interrupted(why) : { code: "unset" }));
  }

  private openTurn(index: number, atMs: number): void {
    if (this.turn) this.endTurn(this.turn.lastMs, "next_turn");
    this.turnIndex = index;
    this.turn = new OpenSpan<TurnFacts>(this.trace, newSpanId(), { spanId: this.session.spanId }, atMs, { type: "turn", index }, index, undefined);
    this.turnIds.set(index, this.turn.spanId);
  }

  private endTurn(atMs: number, closedBy: NonNullable<TurnFacts["closedBy"]>, why?: string): void {
    const turn = this.turn;
    if (!turn) return;
    this.turn = undefined;
    this.calls.closeTurn();
    turn.facts.closedBy = closedBy;
    // A turn the agent never finished (no Stop) before the session ended was cut short.
    const cut = closedBy === "session_end" || closedBy === "shutdown";
    this.options.emit(turn.finish(atMs, cut ? interrupted(why ?? closedBy) : { code: "unset" }));
  }

  private startSubagent(id: string, agentType: string | undefined, toolCallId: string | undefined, atMs: number, placed: PlacedEvent, parent: string): void {
    if (this.subagents.has(id)) return;
    const facts: SubagentFacts = { type: "subagent", subagentId: id, ...(agentType ? { agentType } : {}), ...(toolCallId ? { toolCallId } : {}) };
    const span = new OpenSpan(this.trace, newSpanId(), { spanId: parent }, atMs, facts, placed.turn, placed.owner);
    this.subagents.set(id, span);
    this.subagentIds.set(id, span.spanId);
  }

  private stopSubagent(id: string, lastMessage: string | undefined, atMs: number, synthesized: boolean, why = "closed with its turn"): void {
    const span = this.subagents.get(id);
    if (!span) return;
    this.subagents.delete(id);
    if (lastMessage) span.facts.answer = lastMessage;
    this.options.emit(span.finish(atMs, synthesized ? interrupted(why) : { code: "unset" }));
  }

  /** The span id a new span of `owner` in `turn` hangs under. */
  private scopeOf(owner: string | undefined, turn: number): string {
    if (owner !== undefined) {
      const id = this.subagentIds.get(owner);
      if (id) return id;
    }
    return (turn > 0 ? this.turnIds.get(turn) : undefined) ?? this.session.spanId;
  }

  /** The innermost open span of `owner`, for marks: its subagent, else the turn, else the session. */
  private scopeSpan(owner: string | undefined): OpenSpan {
    return (owner !== undefined ? this.subagents.get(owner) : undefined) ?? this.turn ?? this.session;
  }

  private setTask(owner: string, prompt: string): void {
    const span = this.subagents.get(owner);
    if (span) span.facts.task ??= prompt;
  }

  private setAnswer(owner: string, text: string | undefined): void {
    const span = this.subagents.get(owner);
    if (span && text) span.facts.answer = text;
  }

  private answered(owner: string | undefined, text: string): void {
    if (owner !== undefined) return this.setAnswer(owner, text);
    if (this.turn) this.turn.facts.answer = text;
    this.session.facts.lastAnswer = text;
  }

  private count(facts: LlmFacts): void {
    const totals = this.session.facts.totals;
    totals.llmCalls += 1;
    if (!facts.usage) return;
    totals.inputTokens += facts.usage.inputTokens;
    totals.outputTokens += facts.usage.outputTokens;
    totals.cachedTokens += facts.usage.cachedTokens;
    if (facts.costUsd !== undefined) totals.costUsd = (totals.costUsd ?? 0) + facts.costUsd;
  }
}
