/**
 * `nemo-relay view` showing a running gateway's live sessions: the view server asks the
 * gateway's own `/ui/api` and passes the answers (event streams included) through, so the page
 * only ever talks to its own origin and the gateway's guard sees a local client, not a page.
 */
import { HEADERS } from "../../../ports/wire-names.ts";
import type { SessionRow } from "./session-row.ts";

/** Long enough for a loaded gateway to list its sessions, short enough not to hold up the list. */
const LIST_TIMEOUT_MS = 2_000;

export class GatewayRelay {
  /** `base` is the gateway's address (`http://127.0.0.1:47632`); `token` its token, if it needs one. */
  constructor(
    private readonly base: string,
    private readonly token?: string,
  ) {}

  /** The gateway's live sessions as rows; none when it does not answer (it may have stopped). */
  async rows(): Promise<SessionRow[]> {
    const res = await this.get("/ui/api/sessions", AbortSignal.timeout(LIST_TIMEOUT_MS)).catch(() => undefined);
    if (!res?.ok) return [];
    const body = (await res.json().catch(() => ({}))) as { rows?: SessionRow[] };
    return (body.rows ?? []).filter((r) => r.status !== "file");
  }

  /** The gateway's answer to `path` (a session, or an event stream), passed on as it streams. */
  async forward(path: string, signal: AbortSignal): Promise<Response> {
    const res = await this.get(path, signal).catch(() => undefined);
    if (!res) return Response.json({ error: { code: "upstream_unreachable", message: `the gateway at ${this.base} does not answer` } }, { status: 502 });
    return new Response(res.body, { status: res.status, headers: { "content-type": res.headers.get("content-type") ?? "application/json" } });
  }

  private get(path: string, signal: AbortSignal): Promise<Response> {
    return fetch(`${this.base}${path}`, { signal, headers: this.token ? { [HEADERS.token]: this.token } : {} });
  }
}
