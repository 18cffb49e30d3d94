/**
 * The gateway's sessions as the viewer reads them. It sits among the exporters, so it hears of
 * every placed event as it happens (and passes on only the session's key: the viewer asks for
 * the snapshot when, and only if, a page watches). Snapshots come from the service itself, the
 * same ones the ATIF files are written from, redaction included; a long session's oldest steps,
 * sealed into its file, are read back from there when a page opens it.
 */
import type { EventExporter } from "../../ports/event-exporter.ts";
import type { LiveSessions, ViewedSession } from "../../ports/viewed-sessions.ts";
import { LIVE_SESSION_KEY_PREFIX } from "../../ports/wire-names.ts";
import type { GatewayService } from "./gateway-service.ts";
import type { Step } from "../../domain/trajectory/schema.ts";
import { emptyTally, tallyStep, type StepTally } from "../../domain/view/step-tally.ts";

/** A list builds each session's snapshot: a gateway holding thousands shows its most recent. */
const LISTED = 200;

/** Ended at SessionEnd; live inside a turn; idle between turns (after Stop). */
const statusOf = (state: { readonly ended: boolean; readonly openTurn: boolean }): ViewedSession["status"] => (state.ended ? "ended" : state.openTurn ? "live" : "idle");

export class GatewayLiveSessions implements LiveSessions, EventExporter {
  private service: GatewayService | undefined;
  private readonly listeners = new Set<(key: string, sealed?: Step) => void>();
  /** What each session's sealed steps add up to: its list row counts them after they leave memory. */
  private readonly tallies = new Map<string, StepTally>();

  /** The service is made with this among its exporters, so it is handed over once it exists. */
  attach(service: GatewayService): void {
    this.service = service;
    service.onSealed((sessionId, step) => {
      this.tallies.set(sessionId, tallyStep(this.tallies.get(sessionId) ?? emptyTally(), step));
      for (const listener of this.listeners) listener(LIVE_SESSION_KEY_PREFIX + sessionId, step);
    });
  }

  list(): ViewedSession[] {
    const recorder = this.service?.recorder;
    if (!recorder) return [];
    for (const id of this.tallies.keys()) if (!recorder.sessionState(id)) this.tallies.delete(id);
    const recent = recorder
      .sessionIds()
      .map((id) => ({ id, at: recorder.sessionState(id)?.lastActivityAt ?? 0 }))
      .sort((a, b) => b.at - a.at)
      .slice(0, LISTED);
    return recent.flatMap(({ id }) => this.get(LIVE_SESSION_KEY_PREFIX + id) ?? []);
  }

  get(key: string): ViewedSession | undefined {
    const id = this.idOf(key);
    const state = id === undefined ? undefined : this.service?.recorder.sessionState(id);
    const window = state && this.service?.liveWindow(id!);
    if (!window) {
      if (id !== undefined) this.tallies.delete(id); // forgotten by the gateway
      return undefined;
    }
    return { key, title: id!, status: statusOf(state), trajectory: window.trajectory, before: window.before, earlier: this.tallies.get(id!) };
  }

  async whole(key: string): Promise<ViewedSession | undefined> {
    const id = this.idOf(key);
    const trajectory = id === undefined ? undefined : await this.service?.wholeSession(id);
    const state = trajectory && this.service?.recorder.sessionState(id!);
    return state ? { key, title: id!, status: statusOf(state), trajectory } : undefined;
  }

  private idOf(key: string): string | undefined {
    return key.startsWith(LIVE_SESSION_KEY_PREFIX) ? key.slice(LIVE_SESSION_KEY_PREFIX.length) : undefined;
  }

  subscribe(listener: (key: string, sealed?: Step) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  consume(sessionId: string): void {
    for (const listener of this.listeners) listener(LIVE_SESSION_KEY_PREFIX + sessionId);
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
