import { Elysia } from "elysia";
import { redactText } from "../../domain/redaction.ts";
import type { HookIntake } from "../../ports/gateway-intake.ts";
import { HEADERS } from "../../ports/wire-names.ts";
import { requireToken } from "./auth-token.ts";
import { errorResponse } from "./errors.ts";
import { forward, type ProxyOptions } from "./proxy/forward.ts";
import { matchProviderRoute } from "./proxy/provider-routes.ts";
import { readBodyLimited } from "./read-body.ts";
import { isJsonContentType, requestGuard, type GuardOptions } from "./request-guard.ts";
import { logged, type RequestLog } from "./request-log.ts";
import type { LiveSessions } from "../../ports/viewed-sessions.ts";

/** Stateless for whole buffers: one decoder serves every request. */
const utf8 = new TextDecoder();

export interface GatewayAppOptions {
  readonly version: string;
  readonly hooks: HookIntake;
  readonly proxy: ProxyOptions;
  readonly maxHookBytes: number;
  /** When set, every route answers 401 unless the request carries it in `x-nemo-relay-token`. */
  readonly authToken?: string;
  /** Which hosts and origins may reach the gateway (browsers are not clients). */
  readonly guard: GuardOptions;
  /** One line per refused request, for a human: method, path and why; never a payload. */
  readonly report: (message: string) => void;
  /** The request log (`serve`): failures, or every request; none when absent. */
  readonly log?: RequestLog;
  /** The session viewer at `/ui`, over the gateway's own sessions; none when absent (`[gateway] ui = false`). */
  readonly viewer?: { readonly live: LiveSessions };
}

/**
 * The gateway's HTTP surface (SPEC §1.2): `/healthz`, `/hooks/<agent>`, and the provider routes,
 * with and without `/v1`. Bodies are never parsed by the framework: hooks are read as JSON by
 * us (for precise errors), provider bodies are forwarded as the bytes they are. Every route
 * first refuses what only a web page sends (see request-guard.ts), then, with a token, checks it.
 *
 * @example
 * const app = createGatewayApp(options).listen({ hostname: "127.0.0.1", port: 0 });
 */
export function createGatewayApp(options: GatewayAppOptions) {
  const health = JSON.stringify({ status: "ok", version: options.version });
  const app = new Elysia();
  const guard = requestGuard(options.guard);
  // Checked first in each handler, before anything of the request is read.
  const refusal = (request: Request): Response | undefined => {
    const refused = guard(request);
    if (!refused) return undefined;
    options.report(`refused ${request.method} ${new URL(request.url).pathname}: ${refused.message}`);
    return errorResponse(refused);
  };
  if (options.authToken) app.onRequest(requireToken(options.authToken));
  if (options.viewer) {
    const live = options.viewer.live;
    // Loaded on the first /ui request: a gateway nobody looks at never pays for the viewer (~10 ms at start-up).
    let viewer: Promise<{ handle(request: Request): Promise<Response> }> | undefined;
    const ui = ({ request }: { request: Request }) =>
      refusal(request) ?? (viewer ??= import("./viewer/viewer-routes.ts").then((m) => new Elysia().use(m.viewerRoutes({ live, refuse: () => undefined })))).then((v) => v.handle(request));
    app.get("/ui", ui).get("/ui/*", ui);
  }
  return app
    .get("/healthz", ({ request }) => refusal(request) ?? new Response(health, { headers: { "content-type": "application/json" } }))
    .post("/hooks/:agent", ({ request, params }) => refusal(request) ?? logged(request, options.log, options.proxy.now, () => receiveHook(request, params.agent, options)), { parse: "none" })
    .all("/*", ({ request }) => refusal(request) ?? logged(request, options.log, options.proxy.now, () => routeProvider(request, options.proxy)), { parse: "none" });
}

async function receiveHook(request: Request, agent: string, options: GatewayAppOptions): Promise<Response> {
  const receivedAt = options.proxy.now();
  // Every agent and hook-forward send JSON; a form or text post (no preflight needed) is a page's.
  if (!isJsonContentType(request.headers.get("content-type"))) {
    return errorResponse({ code: "unsupported_media_type", message: "hook bodies must be sent as content-type: application/json" });
  }
  const body = await readBodyLimited(request, options.maxHookBytes);
  if (!body.ok) return errorResponse(body.error);
  const text = utf8.decode(body.value);
  let payload: unknown = {};
  // A test, not trim(): trimming copies the whole payload (up to max_hook_payload_bytes) on every hook.
  if (/\S/.test(text)) {
    try {
      payload = JSON.parse(text);
    } catch (error) {
      // The parser quotes the token it tripped on: never echo a secret-shaped one back.
      return errorResponse({ code: "invalid_json", message: `hook body is not JSON: ${redactText((error as Error).message)}` });
    }
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (name !== HEADERS.token) headers[name] = value;
  });
  const result = options.hooks.receive(agent, payload, { headers, receivedAt });
  return result.ok ? Response.json(result.value) : errorResponse(result.error);
}

function routeProvider(request: Request, proxy: ProxyOptions): Promise<Response> | Response {
  const { pathname, search } = new URL(request.url);
  const match = matchProviderRoute(pathname, request.method);
  if (match === "method_not_allowed") return errorResponse({ code: "method_not_allowed", message: `${request.method} is not allowed on ${pathname}` });
  if (!match) return errorResponse({ code: "not_found", message: `no route for ${request.method} ${pathname}` });
  return forward(request, match, search, proxy);
}
