import type { Trajectory } from "../../domain/trajectory/schema.ts";
import type { AppendedFile } from "../../ports/trajectory-sink.ts";

/** A session's snapshot writes: one at a time, the next paced by the last one's cost. */
export interface SessionWrites {
  /** The write in progress, if any. */
  writing?: Promise<void>;
  /** A write waiting for its pacing delay, and when it is due. */
  timer?: ReturnType<typeof setTimeout>;
  dueAt: number;
  /** Something changed after the write in progress captured its snapshot (to be written within `dirtyWithin` ms). */
  dirty: boolean;
  dirtyWithin?: number;
  /** When the pacing lets the next write start: the last one's end plus `pace ×` its cost (ms). */
  notBefore: number;
  /** Its appended file as the last append left it (undefined before the first). */
  file?: AppendedFile;
  /** Sealed steps handed out by the recorder that no write has put on disk yet (a write failed). */
  unwritten?: string[];
}

/**
 * Everything the gateway keeps for one session besides its domain record (the recorder's):
 * which agent (and version) it is, its trace context, its snapshot writes, and a resumed session's earlier
 * part. One record, forgotten in one place.
 */
export interface GatewaySession {
  agent?: string;
  /** The agent's version, as its LLM calls' client said. */
  agentVersion?: string;
  /** The latest prompt of its top-level agent (a side thread quoting it belongs here). */
  prompt?: string;
  /** When it last heard from its agent (epoch ms). */
  lastSeen?: number;
  /** Its W3C trace context, from the first of its requests that carried one. */
  trace?: { readonly traceparent: string; readonly tracestate?: string };
  readonly writes: SessionWrites;
  /**
   * A resumed session's earlier part; null once it is known there is none; undefined before anyone
   * looked. Once its steps are in the appended file, only the rest is kept, with `earlierSteps`.
   */
  earlier?: Trajectory | null;
  earlierSteps?: number;
}

/** The gateway's session records, by session id. */
export class GatewaySessions {
  readonly #byId = new Map<string, GatewaySession>();

  /** The session's record, made on first use. */
  of(sessionId: string): GatewaySession {
    let session = this.#byId.get(sessionId);
    if (!session) this.#byId.set(sessionId, (session = { writes: { dirty: false, notBefore: -Infinity, dueAt: Infinity } }));
    return session;
  }

  /** The record if there is one (no record is made). */
  peek(sessionId: string): GatewaySession | undefined {
    return this.#byId.get(sessionId);
  }

  entries(): IterableIterator<[string, GatewaySession]> {
    return this.#byId.entries();
  }

  forget(sessionId: string): void {
    this.#byId.delete(sessionId);
  }

  /**
   * The session a side thread of `agent` serves: the one whose latest prompt the thread's text
   * quotes (the Codex TUI's title thread quotes the user's prompt), else the one heard from last.
   */
  parentOf(agent: string, text: string | undefined): string | undefined {
    return this.latestOf(agent, (session) => session.prompt !== undefined && text?.includes(session.prompt) === true) ?? this.latestOf(agent);
  }

  /** The session of `agent` heard from last (among those `where` accepts). */
  latestOf(agent: string, where: (session: GatewaySession) => boolean = () => true): string | undefined {
    let latest: [string, GatewaySession] | undefined;
    for (const entry of this.#byId) {
      const session = entry[1];
      if (session.agent !== agent || session.lastSeen === undefined || !where(session)) continue;
      if (!latest || session.lastSeen > latest[1].lastSeen!) latest = entry;
    }
    return latest?.[0];
  }
}
