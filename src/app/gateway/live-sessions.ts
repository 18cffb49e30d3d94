/**
 * The gateway's sessions as the viewer reads them. It sits among the exporters, so it hears of
 * every placed event as it happens (and passes on only the session's key: the viewer asks for
 * the snapshot when, and only if, a page watches). Snapshots come from the service itself, the
 * same ones the ATIF files are written from, redaction included.
 */
import type { EventExporter } from "../../ports/event-exporter.ts";
import type { LiveSessions, ViewedSession } from "../../ports/viewed-sessions.ts";
import type { GatewayService } from "./gateway-service.ts";

const PREFIX = "live:";
/** A list builds each session's snapshot: a gateway holding thousands shows its most recent. */
const LISTED = 200;

export class GatewayLiveSessions implements LiveSessions, EventExporter {
  private service: GatewayService | undefined;
  private readonly listeners = new Set<(key: string) => void>();

  /** The service is made with this among its exporters, so it is handed over once it exists. */
  attach(service: GatewayService): void {
    this.service = service;
  }

  list(): ViewedSession[] {
    const recorder = this.service?.recorder;
    if (!recorder) return [];
    const recent = recorder
      .sessionIds()
      .map((id) => ({ id, at: recorder.sessionState(id)?.lastActivityAt ?? 0 }))
      .sort((a, b) => b.at - a.at)
      .slice(0, LISTED);
    return recent.flatMap(({ id }) => this.get(PREFIX + id) ?? []);
  }

  get(key: string): ViewedSession | undefined {
    if (!key.startsWith(PREFIX) || !this.service) return undefined;
    const id = key.slice(PREFIX.length);
    const state = this.service.recorder.sessionState(id);
    const snapshot = state && this.service.snapshot(id);
    if (!snapshot) return undefined;
    return { key, title: id, status: state.ended ? "ended" : state.openTurn ? "live" : "idle", trajectory: snapshot.trajectory };
  }

  subscribe(listener: (key: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  consume(sessionId: string): void {
    for (const listener of this.listeners) listener(PREFIX + sessionId);
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
