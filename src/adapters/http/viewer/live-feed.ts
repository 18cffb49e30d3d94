/**
 * Server-sent events from a gateway's own session state. The list page gets a row per changed
 * session; a session page gets the session once, then only deltas (changed and new steps). A
 * burst of events is gathered for a few milliseconds and sent as one message, and nothing is
 * computed for a session nobody watches.
 */
import { emptyDeltaBase, holds, sliceDelta, trajectoryDelta, type DeltaBase } from "../../../domain/view/trajectory-delta.ts";
import type { LiveSessions, ViewedSession } from "../../../ports/viewed-sessions.ts";
import type { Step } from "../../../domain/trajectory/schema.ts";
import type { SessionMessage, SessionRow } from "./session-row.ts";

/** Long enough to gather a hook and the LLM call around it, short next to the 1 s a step may take. */
const GATHER_MS = 25;
/** List rows (a whole session's summary each) at most this often: the list is glanced at, a session page is read. */
const ROW_GATHER_MS = 250;
/**
 * Rows are made for this long at a time, then the loop is handed back: a shared gateway's list
 * page can have a thousand sessions changing at once, and their rows in one task held the
 * gateway's loop (and every agent's call) for ~80 ms.
 */
const ROW_SLICE_MS = 4;
/** After a batch of rows that cost t, the next gathering waits at least this many times t: the list takes at most a tenth of the loop. */
const ROW_PACE = 9;
/** A comment line this often keeps an idle stream open through the server's idle timeout. */
const HEARTBEAT_MS = 5_000;

interface Client {
  send(event: "row", data: SessionRow): void;
  send(event: "delta", data: SessionMessage): void;
  /** Set once the page has gone. */
  readonly closed: boolean;
}

/** Steps per message when a page opens a session: a long one arrives in slices, never in one long task. */
const SLICE_STEPS = 200;

interface Watched {
  base: DeltaBase;
  status: string;
  readonly clients: Set<Client>;
  /** Steps sealed since the last message: they left the window, maybe in a state not sent yet. */
  sealed: Step[];
}

const encoder = new TextEncoder();

/** An SSE response whose client is registered while the stream is open; an `onOpen` that fails fails the stream (the page's EventSource then reconnects). */
function eventStream(onOpen: (client: Client) => void | Promise<void>, onClose: (client: Client) => void): Response {
  let client: { send: Client["send"]; closed: boolean } | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      client = { send: (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)), closed: false };
      heartbeat = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), HEARTBEAT_MS);
      const opened = onOpen(client);
      opened?.catch((error: unknown) => {
        clearInterval(heartbeat);
        if (!client?.closed) controller.error(error);
      });
    },
    cancel() {
      clearInterval(heartbeat);
      if (!client) return;
      client.closed = true;
      onClose(client);
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream", "cache-control": "no-store" } });
}

/** Of `steps` (sealed, final), those whose state `base` does not hold. */
function unsent(steps: readonly Step[], base: DeltaBase): Array<{ index: number; step: Step }> {
  return steps.flatMap((step) => {
    const index = step.step_id - 1;
    return holds(base, index, step) ? [] : [{ index, step }];
  });
}

export class LiveFeed {
  private readonly rowClients = new Set<Client>();
  private readonly watched = new Map<string, Watched>();
  private readonly pending = new Set<string>();
  private readonly pendingRows = new Set<string>();
  /** Pages opening a session, each with the steps sealed while its whole copy is read. */
  private readonly joining = new Map<string, Set<Step[]>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private rowTimer: ReturnType<typeof setTimeout> | undefined;
  /** Sessions whose rows are being made, a slice at a time (see ROW_SLICE_MS), what the batch has cost so far, and the gathering it sets. */
  private readonly rowBatch = new Set<string>();
  private rowBatchMs = 0;
  private rowGatherMs = ROW_GATHER_MS;

  constructor(
    private readonly live: LiveSessions,
    private readonly toRow: (session: ViewedSession) => SessionRow,
  ) {
    live.subscribe((key, sealed) => this.changed(key, sealed));
  }

  /** Rows of sessions as they change (the list page). */
  rows(): Response {
    return eventStream((c) => void this.rowClients.add(c), (c) => this.rowClients.delete(c));
  }

  /** One session: all of it first, then deltas; undefined for a key the gateway does not hold. */
  async session(key: string): Promise<Response | undefined> {
    if (!this.live.get(key)) return undefined;
    // Reading a long session whole takes its file, and sending it takes a while: steps sealed meanwhile must reach this page too.
    const sealedMeanwhile: Step[] = [];
    const joiners = this.joining.get(key) ?? new Set<Step[]>();
    this.joining.set(key, joiners.add(sealedMeanwhile));
    const joined = () => {
      joiners.delete(sealedMeanwhile);
      if (joiners.size === 0) this.joining.delete(key);
    };
    const session = await this.live.whole(key).catch((error: unknown) => {
      joined();
      throw error;
    });
    if (!session) return void joined();
    return eventStream(
      (client) => this.join(key, client, session, sealedMeanwhile).finally(joined),
      (client) => {
        const w = this.watched.get(key);
        w?.clients.delete(client);
        if (w && w.clients.size === 0) this.watched.delete(key);
      },
    );
  }

  /**
   * Sends a page the session as it was read, in slices (one event-loop turn each), then what
   * changed meanwhile (the steps sealed since, the window as it is now), then adds it to the
   * session's watchers.
   */
  private async join(key: string, client: Client, session: ViewedSession, sealedMeanwhile: readonly Step[]): Promise<void> {
    const first = trajectoryDelta(emptyDeltaBase(), session.trajectory);
    const slices = sliceDelta(first.delta, SLICE_STEPS);
    for (const [i, slice] of slices.entries()) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      if (client.closed) return;
      client.send("delta", { delta: slice, status: session.status, ...(i < slices.length - 1 ? { more: true as const } : {}) });
    }
    const now = this.live.get(key);
    let base = first.nextBase;
    if (now) {
      const caughtUp = trajectoryDelta(first.nextBase, now.trajectory, now.before);
      const { delta } = caughtUp;
      const steps = [...unsent(sealedMeanwhile, first.nextBase), ...delta.steps];
      if (steps.length > 0 || delta.subagents.length > 0 || now.status !== session.status) client.send("delta", { delta: { ...delta, steps }, status: now.status });
      // Only the window's steps can still change: the base keeps only them.
      base = caughtUp.nextBase;
    }
    let w = this.watched.get(key);
    if (!w) this.watched.set(key, (w = { base, status: now?.status ?? session.status, clients: new Set(), sealed: [] }));
    w.clients.add(client);
  }

  /** Steps sealed since the last message whose final state the page has not had yet. */
  private sealedChanges(w: Watched): Array<{ index: number; step: Step }> {
    const changes = unsent(w.sealed, w.base);
    w.sealed = [];
    return changes;
  }

  private changed(key: string, sealed?: Step): void {
    if (sealed) for (const list of this.joining.get(key) ?? []) list.push(sealed);
    if (this.rowClients.size > 0) {
      this.pendingRows.add(key);
      this.rowTimer ??= setTimeout(() => this.flushRows(), this.rowGatherMs);
    }
    const w = this.watched.get(key);
    if (!w) return;
    if (sealed) w.sealed.push(sealed);
    this.pending.add(key);
    this.timer ??= setTimeout(() => this.flush(), GATHER_MS);
  }

  /** The gathered sessions join the batch of rows being made, which starts if there is none. */
  private flushRows(): void {
    this.rowTimer = undefined;
    const idle = this.rowBatch.size === 0;
    for (const key of this.pendingRows) this.rowBatch.add(key);
    this.pendingRows.clear();
    if (idle) this.makeRows();
  }

  /** Rows for the batch's sessions, ROW_SLICE_MS at a time. */
  private makeRows(): void {
    const start = performance.now();
    for (const key of this.rowBatch) {
      this.rowBatch.delete(key);
      const session = this.rowClients.size > 0 ? this.live.get(key) : undefined;
      if (session) {
        const row = this.toRow(session);
        for (const c of this.rowClients) c.send("row", row);
      }
      if (this.rowBatch.size > 0 && performance.now() - start >= ROW_SLICE_MS) {
        this.rowBatchMs += performance.now() - start;
        return void setTimeout(() => this.makeRows(), 0);
      }
    }
    this.rowGatherMs = Math.max(ROW_GATHER_MS, ROW_PACE * (this.rowBatchMs + performance.now() - start));
    this.rowBatchMs = 0;
  }

  private flush(): void {
    this.timer = undefined;
    for (const session of this.take(this.pending)) {
      const key = session.key;
      const w = this.watched.get(key);
      if (!w) continue;
      const { delta: windowDelta, nextBase } = trajectoryDelta(w.base, session.trajectory, session.before);
      const delta = { ...windowDelta, steps: [...this.sealedChanges(w), ...windowDelta.steps] };
      w.base = nextBase;
      if (delta.steps.length === 0 && delta.subagents.length === 0 && w.status === session.status) continue;
      w.status = session.status;
      for (const c of w.clients) c.send("delta", { delta, status: session.status });
    }
  }

  /** The sessions behind the pending keys (those still held), the set emptied. */
  private take(pending: Set<string>): ViewedSession[] {
    const keys = [...pending];
    pending.clear();
    return keys.flatMap((key) => this.live.get(key) ?? []);
  }
}
