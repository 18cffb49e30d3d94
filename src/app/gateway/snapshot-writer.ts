import type { Result } from "../../domain/errors.ts";
import type { Trajectory } from "../../domain/trajectory/schema.ts";
import type { TrajectoryTarget } from "../../ports/trajectory-sink.ts";
import { GatewaySessions, type SessionWrites } from "./gateway-session.ts";

export interface Snapshot {
  readonly trajectory: Trajectory;
  readonly target: TrajectoryTarget;
}

/** Brings one session's file up to date with what is recorded now; undefined when there is nothing to write. */
export type SaveSession = (sessionId: string) => Promise<Result<unknown> | undefined>;

export interface SnapshotWriterOptions {
  /**
   * After a snapshot that took `t` ms (build + write), the session's next one starts no sooner
   * than `pace × t` ms after it ended, so snapshots take at most 1/(1+pace) of a session's time.
   * A whole-file rewrite costs O(file size); without this, a long session whose turns come faster
   * than its file can be rewritten would cost O(turns²) in total. Default 4 (at most 20 %).
   */
  readonly pace?: number;
  readonly now?: () => number;
  /** Where each session's write state lives (the gateway's session records); its own when not given. */
  readonly sessions?: GatewaySessions;
}

/**
 * Writes session snapshots without ever making a caller wait: one write per session at a time,
 * requests arriving meanwhile collapse into one more write of the latest state (so an older
 * snapshot never lands after a newer one), and a session's writes are paced by their own cost.
 * In practice turns are seconds apart and every turn is written at once; pacing only shows when
 * a big session's turns come faster than its file can be rewritten. Each distinct failure is
 * reported once.
 */
export class SnapshotWriter {
  private readonly sessions: GatewaySessions;
  private readonly reported = new Set<string>();
  private readonly pace: number;
  private readonly now: () => number;

  constructor(
    private readonly save: SaveSession,
    private readonly report: (message: string) => void,
    options: SnapshotWriterOptions = {},
  ) {
    this.pace = options.pace ?? 4;
    this.now = options.now ?? performance.now.bind(performance);
    this.sessions = options.sessions ?? new GatewaySessions();
  }

  /**
   * Asks for the session's file to be brought up to date, at once or within `withinMs` (calls in
   * the middle of a turn: many collapse into one write). A sooner request moves a waiting one up.
   */
  request(sessionId: string, withinMs = 0): void {
    const state = this.sessions.of(sessionId).writes;
    if (state.writing) {
      state.dirty = true;
      state.dirtyWithin = Math.min(state.dirtyWithin ?? Infinity, withinMs);
      return;
    }
    const due = Math.max(state.notBefore, this.now() + withinMs);
    if (state.timer) {
      if (due >= state.dueAt) return;
      clearTimeout(state.timer);
      state.timer = undefined;
    }
    const wait = due - this.now();
    if (wait <= 0) return this.start(sessionId, state);
    state.dueAt = due;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.start(sessionId, state);
    }, wait);
  }

  /** True while a write for the session is running or waiting: its latest state is not on disk yet. */
  pending(sessionId: string): boolean {
    const state = this.sessions.peek(sessionId)?.writes;
    return !!state && (!!state.writing || !!state.timer);
  }

  /** Starts every waiting write now and resolves when all (and their follow-ups) have finished. */
  async flush(): Promise<void> {
    for (;;) {
      const running: Promise<void>[] = [];
      for (const [id, { writes: state }] of this.sessions.entries()) {
        if (state.timer) {
          clearTimeout(state.timer);
          state.timer = undefined;
          this.start(id, state);
        }
        if (state.writing) running.push(state.writing);
      }
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  private start(sessionId: string, state: SessionWrites): void {
    state.dirty = false;
    state.dirtyWithin = undefined;
    const began = this.now();
    state.writing = this.write(sessionId).finally(() => {
      state.writing = undefined;
      const ended = this.now();
      state.notBefore = ended + (ended - began) * this.pace;
      if (state.dirty) this.request(sessionId, state.dirtyWithin ?? 0);
    });
  }

  private async write(sessionId: string): Promise<void> {
    try {
      // Building the snapshot can fail too (a bug, a pathological payload): never an unhandled rejection.
      const result = await this.save(sessionId);
      if (result && !result.ok) this.once(`${result.error.code}:${result.error.message}`, `ATIF not written: ${result.error.message} [${result.error.code}]`);
    } catch (error) {
      this.once(String(error), `ATIF not written: ${(error as Error).message}`);
    }
  }

  private once(key: string, message: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.report(message);
  }
}
