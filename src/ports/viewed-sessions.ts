/**
 * What the viewer reads, and nothing more: sessions by key, recorded files or live sessions of
 * a gateway. The viewer's HTTP routes depend on these; the app decides where they come from.
 */
import type { Trajectory } from "../domain/trajectory/schema.ts";

export interface ViewedSession {
  /** Opaque, stable for the same file or session; the only handle a page ever sends back. */
  readonly key: string;
  /** The file's path, or the live session's id. */
  readonly title: string;
  /** `live`: inside a turn; `idle`: its turn ended (Stop), the session has not; `ended`: the session ended; `file`: a recorded file. */
  readonly status: "live" | "idle" | "ended" | "file";
  readonly trajectory: Trajectory;
  /** The file's own JSON text, when it came from one: sent as it is, not serialised again. */
  readonly text?: string;
}

/** ATIF files on disk: the configured output directory and any paths the user named. */
export interface RecordedSessions {
  /** Every readable ATIF file, plus one line per file that is not one (never fatal). */
  list(): Promise<{ readonly sessions: readonly ViewedSession[]; readonly problems: readonly string[] }>;
  /** Only a key `list` handed out resolves: a page cannot name an arbitrary path. */
  get(key: string): Promise<ViewedSession | undefined>;
}

/** The sessions a running gateway holds in memory, with a signal whenever one changes. */
export interface LiveSessions {
  list(): readonly ViewedSession[];
  get(key: string): ViewedSession | undefined;
  /** Called with a session's key after each event placed in it (synchronously: keep it cheap). */
  subscribe(listener: (key: string) => void): () => void;
}
