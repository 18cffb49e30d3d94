import { fail, ok, type Result } from "../../domain/errors.ts";
import type { DomainEvent } from "../../domain/events.ts";
import type { PriceLookup } from "../../domain/pricing/model-price.ts";
import { Recorder } from "../../domain/recorder.ts";
import { SECRET_PATTERNS, type SecretPattern } from "../../domain/redaction.ts";
import type { CloseReason } from "../../domain/session/session.ts";
import type { AgentHookAdapter, HookContext } from "../../ports/agent-hooks.ts";
import type { AgentCalls } from "../../ports/agent-module.ts";
import type { EventExporter } from "../../ports/event-exporter.ts";
import type { HookIntake, LlmCallStart, LlmObserver } from "../../ports/gateway-intake.ts";
import type { ProviderResponse } from "../../ports/provider-api.ts";
import type { TrajectorySink } from "../../ports/trajectory-sink.ts";
import type { Step, Trajectory } from "../../domain/trajectory/schema.ts";
import { GatewaySessions } from "./gateway-session.ts";
import { llmIdentity } from "./llm-identity.ts";
import { SessionFiles } from "./session-files.ts";
import { SnapshotWriter, type Snapshot } from "./snapshot-writer.ts";
import { UnattributedParts, type PartLimits } from "./unattributed-parts.ts";

export interface GatewayServiceOptions {
  readonly adapters: readonly AgentHookAdapter[];
  /** How each agent's LLM calls name their session and agent, asked in order (none: only explicit headers and bodies). */
  readonly calls?: readonly AgentCalls[];
  readonly sink?: TrajectorySink;
  readonly producer: string;
  /** Replace secret-shaped strings before a trajectory leaves the process (default on). */
  readonly redactSecrets?: boolean;
  /** Other views of the same events (OpenTelemetry…); each gets every placed event. */
  readonly exporters?: readonly EventExporter[];
  /** Model prices for `cost_usd` in trajectories; without it only provider-reported costs appear. */
  readonly priceOf?: PriceLookup;
  readonly now: () => number;
  readonly report: (message: string) => void;
  /** When a part of the unattributed calls is full (see UnattributedParts). */
  readonly unattributedPart?: Partial<PartLimits>;
}

/** A session first seen on the wire, in a call no agent claims, on an API no agent speaks. */
const UNKNOWN_AGENT = "gateway";

/**
 * A call's end asks for its session's file within this long: a turn that goes on for many calls
 * (or traffic that never has turns) is on disk within a second, however long the turn runs.
 */
const MID_TURN_WRITE_MS = 1_000;

/**
 * The gateway's use cases: hook calls and observed LLM calls become domain events in one
 * recorder; whenever a turn closes or a session ends, its ATIF snapshot is (re)written.
 */
export class GatewayService implements HookIntake, LlmObserver {
  readonly recorder: Recorder;
  private readonly adapters: ReadonlyMap<string, AgentHookAdapter>;
  /** Everything kept per session besides the recorder's record: one place, forgotten together. */
  private readonly sessions = new GatewaySessions();
  private readonly sessionOfCall = new Map<string, string>();
  private readonly writer?: SnapshotWriter;
  private readonly files?: SessionFiles;
  /** One array for every snapshot: the builder reuses a step's redacted copy only under the same patterns. */
  private readonly redaction: readonly SecretPattern[];
  private calls = 0;
  private sealedListener?: (sessionId: string, step: Step) => void;
  private readonly unattributed: UnattributedParts;

  constructor(private readonly options: GatewayServiceOptions) {
    this.adapters = new Map(options.adapters.map((a) => [a.agent, a]));
    this.redaction = options.redactSecrets === false ? [] : SECRET_PATTERNS;
    this.unattributed = new UnattributedParts(options.now(), options.unattributedPart);
    const exporters = options.exporters ?? [];
    this.recorder = new Recorder({
      onSealed: (sessionId, step) => this.sealedListener?.(sessionId, step),
      onPlaced: exporters.length === 0 ? undefined : (sessionId, placed) => {
        const session = this.sessions.peek(sessionId);
        const context = { agent: session?.agent, ...session?.trace };
        for (const exporter of exporters) exporter.consume(sessionId, placed, context);
      },
    });
    if (options.sink) {
      const files = (this.files = new SessionFiles(options.sink, this.recorder, this.sessions, (id) => this.describe(id)));
      this.writer = new SnapshotWriter((id) => files.save(id), options.report, { sessions: this.sessions, pace: files.appends ? 0 : undefined });
    }
  }

  receive(agent: string, payload: unknown, context: HookContext): Result<unknown> {
    const adapter = this.adapters.get(agent);
    if (!adapter) return fail("unknown_agent", `no hook endpoint for agent "${agent}"; known: ${[...this.adapters.keys()].join(", ")}`);
    const translated = adapter.translate(payload, context);
    if (!translated.ok) return translated;
    for (const event of translated.value.events) {
      const session = this.sessions.of(event.sessionId);
      session.agent = agent;
      session.lastSeen = event.at;
      if (event.kind === "turn_start" && event.subagentId === undefined) session.prompt = event.prompt;
      this.noteTrace(event.sessionId, context.headers);
      this.record(event);
    }
    return ok(translated.value.response);
  }

  started(call: LlmCallStart): string {
    const calls = this.options.calls ?? [];
    const identity = llmIdentity(call, calls);
    // A side thread (the Codex TUI's title request) belongs to the session it serves, not to an id of its own.
    const served = identity.sideThread && identity.agent ? this.sessions.parentOf(identity.agent, call.request.userMessage) : undefined;
    let sessionId = served ?? identity.sessionId ?? this.onlySession() ?? this.unattributed.id;
    if (sessionId === this.unattributed.id && this.unattributed.isFull(call.at, this.fileLength(sessionId))) sessionId = this.nextUnattributed(call.at);
    // Sessions first seen on the wire are named after the agent that speaks that API, else the one whose headers named them.
    const session = this.sessions.of(sessionId);
    session.agent ??= calls.find((c) => c.api === call.api)?.agent ?? identity.agent ?? UNKNOWN_AGENT;
    if (identity.agent === session.agent) session.agentVersion ??= identity.agentVersion;
    if (!identity.sideThread) session.lastSeen = call.at;
    this.noteTrace(sessionId, call.headers);
    const callId = `gw-${++this.calls}`;
    this.sessionOfCall.set(callId, sessionId);
    const { request } = call;
    this.record({ kind: "llm_start", sessionId, at: call.at, callId, origin: "gateway", keys: identity.keys, model: request.model, userMessage: request.userMessage, reasoningEffort: request.reasoningEffort, purpose: identity.sideThread ?? call.purpose });
    for (const outcome of request.toolOutcomes ?? []) {
      this.record({ kind: "tool_outcome", sessionId, at: call.at, toolCallId: outcome.callId, status: outcome.status, reason: outcome.reason });
    }
    return callId;
  }

  ended(callId: string, response: ProviderResponse, at: number): void {
    const sessionId = this.sessionOfCall.get(callId);
    if (sessionId === undefined) return;
    this.sessionOfCall.delete(callId);
    this.record({ kind: "llm_end", sessionId, at, callId, origin: "gateway", ...response });
    this.writer?.request(sessionId, MID_TURN_WRITE_MS);
  }

  /** The session of `agent` this gateway heard from last (what a run's resume hint names). */
  latestSession(agent: string): string | undefined {
    return this.sessions.latestOf(agent);
  }

  /** Closes turns idle for `idleMs` (Codex turns that never send Stop) and writes them. */
  closeIdleTurns(idleMs: number): void {
    for (const id of this.recorder.closeIdleTurns(this.options.now(), idleMs)) this.writer?.request(id);
  }

  /**
   * Keeps memory bounded: a session quiet for `idleMs` is ended and written; an ended one quiet
   * that long is forgotten (its file is complete). Beyond `maxSessions`, the least recently
   * active go first, whatever their age.
   */
  evictSessions(idleMs: number, maxSessions: number): void {
    const now = this.options.now();
    // Finished sessions make room first (their files are complete), then the least recently active.
    const byAge = this.recorder
      .sessionIds()
      .map((id) => ({ id, state: this.recorder.sessionState(id)! }))
      .sort((a, b) => Number(b.state.ended) - Number(a.state.ended) || a.state.lastActivityAt - b.state.lastActivityAt);
    let excess = byAge.length - maxSessions;
    for (const { id, state } of byAge) {
      const stale = now - state.lastActivityAt >= idleMs;
      if (!stale && excess <= 0) continue;
      excess--;
      if (!state.ended && this.recorder.end(id, "idle_timeout", now)) this.writer?.request(id);
      // Forgotten only once its last snapshot is on disk (a paced write may still be waiting).
      else if (state.ended && !this.writer?.pending(id)) this.forget(id);
    }
  }

  private forget(sessionId: string): void {
    this.recorder.forget(sessionId);
    this.sessions.forget(sessionId);
  }

  /** Ends every session, writes each one last time, and waits for the writes. */
  async shutdown(reason: CloseReason = "gateway_shutdown"): Promise<void> {
    for (const id of this.recorder.endAll(reason, this.options.now())) this.writer?.request(id);
    await Promise.all([this.writer?.flush(), ...(this.options.exporters ?? []).map((e) => e.shutdown())]);
  }

  /** Waits for pending snapshot writes (tests, shutdown). */
  flush(): Promise<void> {
    return this.writer?.flush() ?? Promise.resolve();
  }

  /**
   * The session as a live view shows it: the steps in memory, `before` counting those ahead of
   * them that only its file holds (see TrajectoryBuilder.window).
   */
  liveWindow(sessionId: string): { before: number; trajectory: Trajectory } | undefined {
    const described = this.describe(sessionId);
    return described && this.recorder.window(sessionId, described.options);
  }

  /** Calls `listener` with each of a session's top-level steps as it is sealed into its file (final, about to leave memory). */
  onSealed(listener: (sessionId: string, step: Step) => void): void {
    this.sealedListener = listener;
  }

  /** Every step of the session so far, the sealed ones read back from its file (see SessionFiles.whole). */
  async wholeSession(sessionId: string): Promise<Trajectory | undefined> {
    if (this.files) return this.files.whole(sessionId);
    return this.liveWindow(sessionId)?.trajectory;
  }

  /**
   * The session's whole trajectory, built from memory; undefined for a session never seen, and
   * for one whose older steps are sealed into its file (a long one): that file (`fileOf`) is then
   * the whole record, and `wholeSession` reads it back.
   */
  snapshot(sessionId: string): Snapshot | undefined {
    if (this.recorder.sealedSteps(sessionId) > 0) return undefined;
    const described = this.describe(sessionId);
    const trajectory = described && this.recorder.trajectory(sessionId, described.options);
    return trajectory && { trajectory, target: described.target };
  }

  /** Where the session's file is, once it has been written. */
  fileOf(sessionId: string): string | undefined {
    return this.sessions.peek(sessionId)?.writes.file?.path;
  }

  /** How a session is built and where its file goes. */
  private describe(sessionId: string) {
    const metadata = this.recorder.metadata(sessionId);
    if (!metadata) return undefined;
    // Always through the redaction walk, patterns or none: it also bounds the nesting a file can hold.
    const session = this.sessions.peek(sessionId);
    const options = { agentName: session?.agent ?? "unknown", agentVersion: session?.agentVersion, producer: this.options.producer, priceOf: this.options.priceOf, redaction: this.redaction };
    const cwd = typeof metadata.cwd === "string" ? metadata.cwd : undefined;
    return { options, target: { sessionId, cwd } };
  }

  private record(event: DomainEvent): void {
    const outcome = this.recorder.record(event);
    if (outcome.snapshotDue || this.files?.sealEarly(outcome.sessionId)) this.writer?.request(outcome.sessionId);
    this.files?.renderSubagents(outcome.sessionId);
  }

  /** The first `traceparent` a session's hook or provider requests carry is its trace context. */
  private noteTrace(sessionId: string, headers: Readonly<Record<string, string | undefined>>): void {
    const traceparent = headers.traceparent?.trim();
    if (!traceparent || this.sessions.peek(sessionId)?.trace) return;
    const tracestate = headers.tracestate?.trim();
    this.sessions.of(sessionId).trace = { traceparent, ...(tracestate ? { tracestate } : {}) };
  }

  /** How long the session's file is so far (0 before its first write). */
  private fileLength(sessionId: string): number {
    return this.sessions.peek(sessionId)?.writes.file?.length ?? 0;
  }

  /** Ends the full unattributed session (it is written) and opens the next part. */
  private nextUnattributed(at: number): string {
    const full = this.unattributed.id;
    if (this.recorder.end(full, "size_limit", at)) this.writer?.request(full);
    return this.unattributed.next(at);
  }

  /** Asked on every LLM call: counts first, so a gateway holding many sessions lists none of them. */
  private onlySession(): string | undefined {
    return this.recorder.sessionCount === 1 ? this.recorder.sessionIds()[0] : undefined;
  }
}
