/**
 * What the viewer's server tells its page about one session, as a list row. Shared by the HTTP
 * routes and the page (both ends of the same wire), so they cannot drift apart.
 */
import type { SessionSummary } from "../../../domain/view/session-summary.ts";
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

/** What the page gets for one session (a live one then follows its event stream). */
export interface SessionPayload {
  readonly row: SessionRow;
  readonly trajectory: unknown;
}
