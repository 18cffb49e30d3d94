/**
 * What the viewer's server tells its page about one session, as a list row. Shared by the HTTP
 * routes and the page (both ends of the same wire), so they cannot drift apart.
 */
import type { SessionSummary } from "../../../domain/view/session-summary.ts";
import type { TrajectoryDelta } from "../../../domain/view/trajectory-delta.ts";
import type { ViewedSession } from "../../../ports/viewed-sessions.ts";

export interface SessionRow {
  /** Opaque to the page: names the file or live session in the server's own listing. */
  readonly key: string;
  /** Where it comes from: the file's path, or the gateway's session id. */
  readonly title: string;
  /** As ViewedSession's: `live` (inside a turn), `idle` (between turns), `ended`, or `file`. */
  readonly status: ViewedSession["status"];
  readonly summary: SessionSummary;
}

/** What the page gets for one recorded session (a live one comes by its event stream: SessionMessage). */
export interface SessionPayload {
  readonly row: SessionRow;
  readonly trajectory: unknown;
}

/**
 * One `delta` message of a live session's event stream. The stream opens with the session whole,
 * in slices; `more` is set on every slice but the last, so a page knows when it has all of it
 * (an ended session's page then closes the stream).
 */
export interface SessionMessage {
  readonly delta: TrajectoryDelta;
  readonly status: ViewedSession["status"];
  readonly more?: true;
}
