/**
 * What the viewer reads, and nothing more: sessions by key, recorded files or live sessions of
 * a gateway. The viewer's HTTP routes depend on these; the app decides where they come from.
 */
import type { Step, Trajectory } from "../domain/trajectory/schema.ts";
import type { SessionSummary } from "../domain/view/session-summary.ts";
import type { StepTally } from "../domain/view/step-tally.ts";

export interface ViewedSession {
  /** Opaque, stable for the same file or session; the only handle a page ever sends back. */
  readonly key: string;
  /** The file's path, or the live session's id. */
  readonly title: string;
  /** `live`: inside a turn; `idle`: its turn ended (Stop), the session has not; `ended`: the session ended; `file`: a recorded file. */
  readonly status: "live" | "idle" | "ended" | "file";
  readonly trajectory: Trajectory;
  /**
   * Steps ahead of `trajectory.steps` that this view leaves out: a long live session's oldest,
   * sealed into its file and no longer in the gateway's memory (see LiveSessions.whole). 0 or
   * absent: the trajectory is whole.
   */
  readonly before?: number;
  /** What the steps left out (`before`) add up to, for the session's list row. */
  readonly earlier?: StepTally;
  /** The file's own JSON text, when it came from one: sent as it is, not serialised again. */
  readonly text?: string;
}

/**
 * A recorded session as the list shows it: what its row needs, not the session. A directory of
 * long sessions is listed without holding them (each would take several times its file's size).
 */
export interface ListedSession {
  readonly key: string;
  /** The file's path. */
  readonly title: string;
  readonly status: "file";
  readonly summary: SessionSummary;
}

/** ATIF files on disk: the configured output directory and any paths the user named. */
export interface RecordedSessions {
  /** Every readable ATIF file, newest first, plus one line per file that is not one (never fatal). */
  list(): Promise<{ readonly sessions: readonly ListedSession[]; readonly problems: readonly string[] }>;
  /** Only a key `list` handed out resolves: a page cannot name an arbitrary path. */
  get(key: string): Promise<ViewedSession | undefined>;
}

/** The sessions a running gateway holds in memory, with a signal whenever one changes. */
export interface LiveSessions {
  list(): readonly ViewedSession[];
  /** The session as the gateway holds it: cheap, but maybe only its newest steps (see `before`). */
  get(key: string): ViewedSession | undefined;
  /** The session with every step so far, its sealed ones read back from its file. */
  whole(key: string): Promise<ViewedSession | undefined>;
  /**
   * Called with a session's key after each event placed in it, and with `sealed` when one of its
   * oldest steps leaves memory for its file (final: a watcher that has not seen its last state
   * gets it from here). Synchronous: keep it cheap.
   */
  subscribe(listener: (key: string, sealed?: Step) => void): () => void;
}
