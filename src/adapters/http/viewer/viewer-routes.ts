/**
 * The viewer's HTTP routes under `/ui`: the page, its script and style, the session list and one
 * session as JSON, and the live event streams. Every answer carries a strict CSP and is kept
 * from other origins (`nosniff`, `Cross-Origin-Resource-Policy: same-origin`); the caller's
 * guard (foreign Origin, wrong Host, token) runs first on every request.
 */
import { Elysia } from "elysia";
import { summarizeSession } from "../../../domain/view/session-summary.ts";
import type { LiveSessions, RecordedSessions, ViewedSession } from "../../../ports/viewed-sessions.ts";
import { LIVE_SESSION_KEY_PREFIX, VIEWER_TOKEN } from "../../../ports/wire-names.ts";
import { viewerToken } from "../auth-token.ts";
import { errorResponse } from "../errors.ts";
import type { GatewayRelay } from "./gateway-relay.ts";
import { LiveFeed } from "./live-feed.ts";
import { slicedJson } from "./sliced-json.ts";
import type { SessionPayload, SessionRow } from "./session-row.ts";
import { SERVED_CSP, servedPage, VIEWER_SCRIPT, VIEWER_STYLE } from "./viewer-assets.ts";

export interface ViewerRoutesOptions {
  readonly recorded?: RecordedSessions;
  readonly live?: LiveSessions;
  /** `view --gateway-url`: another gateway's live sessions, relayed. */
  readonly relay?: GatewayRelay;
  /** The host app's refusal of what only a foreign web page sends; undefined lets a request through. */
  readonly refuse: (request: Request) => Response | undefined;
}

const SAFE_HEADERS = { "content-security-policy": SERVED_CSP, "x-content-type-options": "nosniff", "cross-origin-resource-policy": "same-origin", "referrer-policy": "no-referrer", "cache-control": "no-store" };

const withHeaders = (response: Response): Response => {
  for (const [name, value] of Object.entries(SAFE_HEADERS)) response.headers.set(name, value);
  return response;
};

const text = (body: string, type: string) => withHeaders(new Response(body, { headers: { "content-type": `${type}; charset=utf-8` } }));

/** Keys of live sessions: here, only a relayed gateway holds them. */
const isRelayed = (key: string) => key.startsWith(LIVE_SESSION_KEY_PREFIX);

/** A list row for a session: the summary is computed here, once, not by every page. */
const toRow = (s: ViewedSession): SessionRow => ({ key: s.key, title: s.title, status: s.status, summary: summarizeSession(s.trajectory, undefined, s.earlier) });

/**
 * The routes, as an Elysia plugin to mount on the gateway or the `view` server.
 *
 * @example
 * new Elysia().use(viewerRoutes({ recorded: new AtifFiles([dir], []), refuse: () => undefined }));
 */
export function viewerRoutes(options: ViewerRoutesOptions) {
  const feed = options.live ? new LiveFeed(options.live, toRow) : undefined;
  const guarded = (handler: (request: Request, params: Record<string, string>) => Response | Promise<Response>) => ({ request, params }: { request: Request; params: Record<string, string> }) =>
    options.refuse(request) ?? handler(request, params);
  const find = async (key: string) => (await options.live?.whole(key)) ?? (await options.recorded?.get(key));
  const notFound = (key: string) => withHeaders(errorResponse({ code: "not_found", message: `no session ${JSON.stringify(key.slice(0, 80))} here (it may have been forgotten; reload the list)` }));
  return new Elysia()
    // `/ui` and `/ui/` alike (Elysia does not tell them apart): the page uses absolute paths.
    .get("/ui", guarded((request) => {
      // A token in the address (checked already) becomes a cookie for the viewer's routes, and leaves the address.
      if (new URL(request.url).searchParams.has(VIEWER_TOKEN.query)) {
        const cookie = `${VIEWER_TOKEN.cookie}=${encodeURIComponent(viewerToken(request) ?? "")}; Path=${VIEWER_TOKEN.path}; HttpOnly; SameSite=Strict`;
        return withHeaders(new Response(null, { status: 303, headers: { location: `${VIEWER_TOKEN.path}/`, "set-cookie": cookie } }));
      }
      return text(servedPage("/ui", new URL(request.url).searchParams.get("session") ?? undefined), "text/html");
    }))
    .get("/ui/app.js", guarded(() => text(VIEWER_SCRIPT, "text/javascript")))
    .get("/ui/app.css", guarded(() => text(VIEWER_STYLE, "text/css")))
    .get("/ui/api/sessions", guarded(async () => {
      const recorded = (await options.recorded?.list()) ?? { sessions: [], problems: [] };
      const rows: SessionRow[] = [...(await options.relay?.rows() ?? []), ...(options.live?.list() ?? []).map(toRow), ...recorded.sessions];
      // `live`: whether anything here can change; a page over files alone opens no event stream.
      return withHeaders(Response.json({ rows, problems: recorded.problems, live: Boolean(options.live ?? options.relay) }));
    }))
    .get("/ui/api/events", guarded(async (request) => withHeaders(feed?.rows() ?? (await options.relay?.forward("/ui/api/events", request.signal)) ?? new Response(": no live sessions here\n\n", { headers: { "content-type": "text/event-stream" } }))))
    .get("/ui/api/sessions/:key", guarded(async (request, params) => {
      if (options.relay && isRelayed(params.key!)) return withHeaders(await options.relay.forward(`/ui/api/sessions/${encodeURIComponent(params.key!)}`, request.signal));
      const session = await find(params.key!);
      if (!session) return notFound(params.key!);
      // A file's own text goes out as it is: no second serialisation of a big session. A live one is serialised as it is read (see slicedJson).
      const row = `{"row":${JSON.stringify(toRow(session) satisfies SessionPayload["row"])},"trajectory":`;
      const body = session.text !== undefined ? `${row}${session.text}}` : slicedJson(row, session.trajectory, "}");
      return withHeaders(new Response(body, { headers: { "content-type": "application/json" } }));
    }))
    .get("/ui/api/sessions/:key/events", guarded(async (request, params) => {
      if (options.relay && isRelayed(params.key!)) return withHeaders(await options.relay.forward(`/ui/api/sessions/${encodeURIComponent(params.key!)}/events`, request.signal));
      const stream = await feed?.session(params.key!);
      return stream ? withHeaders(stream) : notFound(params.key!);
    }));
}
