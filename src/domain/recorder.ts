import type { DomainEvent } from "./events.ts";
import type { PlacedEvent } from "./session/placed-event.ts";
import { SessionRegistry } from "./session/registry.ts";
import type { CloseReason, Session, SessionOptions } from "./session/session.ts";
import { TrajectoryBuilder, type BuildOptions } from "./trajectory/builder.ts";
import type { Step, Trajectory } from "./trajectory/schema.ts";
import type { SealPolicy, TrajectoryIncrement } from "./trajectory/sealed-steps.ts";

export interface RecorderOptions extends SessionOptions {
  /** Sees every placed event, in order (exporters build their own views from them). */
  readonly onPlaced?: (sessionId: string, placed: readonly PlacedEvent[]) => void;
  /** Sees each top-level step as it is sealed for an append-only file: final, as written, about to leave memory. */
  readonly onSealed?: (sessionId: string, step: Step) => void;
}

/** What one recorded event means for the session's file. */
export interface RecordOutcome {
  readonly sessionId: string;
  /** A turn closed (or the session ended): time to write a snapshot. */
  readonly snapshotDue: boolean;
  readonly sessionEnded: boolean;
  readonly ignored?: "unknown_session";
}

/**
 * The whole domain behind one facade: feed it events from any number of sessions, ask it for
 * any session's ATIF trajectory. It does no I/O; writing files is the caller's business.
 *
 * @example
 * const recorder = new Recorder();
 * recorder.record({ kind: "turn_start", sessionId: "s1", at: Date.now(), prompt: "list files" });
 * const atif = recorder.trajectory("s1", { agentName: "codex" });
 */
export class Recorder {
  private readonly sessions: SessionRegistry;
  private readonly builders = new Map<string, TrajectoryBuilder>();

  private readonly onPlaced?: RecorderOptions["onPlaced"];
  private readonly onSealed?: RecorderOptions["onSealed"];

  constructor(options: RecorderOptions = {}) {
    this.sessions = new SessionRegistry(options);
    this.onPlaced = options.onPlaced;
    this.onSealed = options.onSealed;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  record(event: DomainEvent): RecordOutcome {
    const result = this.sessions.apply(event);
    if (result.ignored) return { sessionId: event.sessionId, snapshotDue: false, sessionEnded: false, ignored: result.ignored };
    this.feed(event.sessionId, result.placed);
    return { sessionId: event.sessionId, snapshotDue: result.turnClosed || result.sessionEnded, sessionEnded: result.sessionEnded };
  }

  /** The session's trajectory as it stands, or undefined for a session never seen. */
  trajectory(sessionId: string, options: BuildOptions = {}): Trajectory | undefined {
    return this.builders.get(sessionId)?.build(this.withMetadata(sessionId, options));
  }

  /** The session as a live view shows it (see TrajectoryBuilder.window), or undefined for a session never seen. */
  window(sessionId: string, options: BuildOptions = {}): { before: number; trajectory: Trajectory } | undefined {
    return this.builders.get(sessionId)?.window(this.withMetadata(sessionId, options));
  }

  /**
   * The session's trajectory for an append-only file (see TrajectoryBuilder.increment); once a
   * session has sealed steps, `trajectory` refuses it: its file is the whole record.
   */
  increment(sessionId: string, options: BuildOptions, policy: SealPolicy, firstStepId?: number): TrajectoryIncrement | undefined {
    return this.builders.get(sessionId)?.increment(this.withMetadata(sessionId, options), policy, firstStepId);
  }

  /** The build options with the metadata the session's events carried (the caller's wins). */
  private withMetadata(sessionId: string, options: BuildOptions): BuildOptions {
    return { ...options, metadata: { ...(this.sessions.get(sessionId)?.metadata ?? {}), ...(options.metadata ?? {}) } };
  }

  /** Seals the session's oldest steps `policy` lets go (see TrajectoryBuilder.seal); [] for a session never seen. */
  seal(sessionId: string, options: BuildOptions, policy: SealPolicy, firstStepId?: number): string[] {
    return this.builders.get(sessionId)?.seal(options, policy, firstStepId) ?? [];
  }

  /** Renders what changed among the steps just behind the newest of each of the session's subagents (see TrajectoryBuilder.renderSubagents). */
  renderSubagents(sessionId: string, options: () => BuildOptions | undefined): void {
    this.builders.get(sessionId)?.renderSubagents(options);
  }

  /** The session's top-level steps still in memory (0 for a session never seen). */
  openSteps(sessionId: string): number {
    return this.builders.get(sessionId)?.openSteps ?? 0;
  }

  /** How many of the session's steps are sealed into its file (then only its file holds the whole record). */
  sealedSteps(sessionId: string): number {
    return this.builders.get(sessionId)?.sealedSteps ?? 0;
  }

  /** When the session's recording begins with its agent resuming it (epoch ms), else undefined. */
  resumedAt(sessionId: string): number | undefined {
    return this.builders.get(sessionId)?.resumedAt;
  }

  /** Vendor metadata the session's events carried (cwd, transcript path…), merged. */
  metadata(sessionId: string): Readonly<Record<string, unknown>> | undefined {
    return this.sessions.get(sessionId)?.metadata;
  }

  /** When a session was last active, whether it has ended or is inside a turn, and how many correlation hints it holds; undefined for one not in memory. */
  sessionState(sessionId: string): { readonly lastActivityAt: number; readonly ended: boolean; readonly openTurn: boolean; readonly pendingHints: Session["pendingHints"] } | undefined {
    const session = this.sessions.get(sessionId);
    return session && { lastActivityAt: session.lastActivityAt, ended: session.ended, openTurn: session.hasOpenTurn, pendingHints: session.pendingHints };
  }

  /** Ends one session on the agent's behalf (idle, evicted); true when there was one to end. */
  end(sessionId: string, reason: CloseReason, now: number): boolean {
    const session = this.sessions.get(sessionId);
    if (!session || session.ended) return false;
    this.feed(sessionId, session.end(reason, now).placed);
    return true;
  }

  /** Ids of the sessions in memory. */
  sessionIds(): string[] {
    return [...this.sessions.all()].map((s) => s.id);
  }

  /** Closes turns quiet for `idleMs` (Codex turns that never send Stop); returns their sessions. */
  closeIdleTurns(now: number, idleMs: number): string[] {
    return this.sessions.closeIdleTurns(now, idleMs).map((r) => {
      this.feed(r.session.id, r.placed);
      return r.session.id;
    });
  }

  /** Ends every session (shutdown) and returns their ids, so each can be written one last time. */
  endAll(reason: CloseReason, now: number): string[] {
    return this.sessions.endAll(reason, now).map((r) => {
      this.feed(r.session.id, r.placed);
      return r.session.id;
    });
  }

  /** Drops a finished session from memory once its final file is written. */
  forget(sessionId: string): void {
    this.sessions.remove(sessionId);
    this.builders.delete(sessionId);
  }

  private feed(sessionId: string, placed: readonly PlacedEvent[]): void {
    let builder = this.builders.get(sessionId);
    if (!builder) {
      const onSealed = this.onSealed;
      this.builders.set(sessionId, (builder = new TrajectoryBuilder(sessionId, onSealed && ((step) => onSealed(sessionId, step)))));
    }
    for (const p of placed) builder.add(p);
    if (placed.length > 0) this.onPlaced?.(sessionId, placed);
  }
}
