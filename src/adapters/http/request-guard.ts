/**
 * Loopback is not a trust boundary against web pages: any page the user visits can send
 * requests to 127.0.0.1, and a DNS-rebinding page can even read the answers. Agents' hooks and
 * LLM clients send no `Origin` and name the gateway by a loopback host, so the gateway refuses
 * what only a browser sends: a foreign `Origin` (a cross-site request, simple or preflighted), a
 * `Host` that is not the gateway's own name (rebinding), and a hook body that is not JSON (a
 * form or text post needs no preflight).
 */
import type { RelayError } from "../../domain/errors.ts";

export interface GuardOptions {
  /** The gateway listens on a loopback address: only loopback names may be used for it. */
  readonly loopback: boolean;
  /** Beyond loopback, the `host[:port]` names clients may use (any, when empty: the token guards it). */
  readonly allowedHosts: readonly string[];
  /** The port actually bound (known only once listening, for a bind on port 0). */
  readonly port: () => number;
}

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

/**
 * The hosts a request may name and the origins it may come from, for one gateway.
 *
 * @example
 * const guard = requestGuard({ loopback: true, allowedHosts: [], port: () => 4040 });
 * guard(new Request("http://127.0.0.1:4040/healthz", { headers: { origin: "http://evil.example" } }))?.code; // "forbidden_origin"
 */
export function requestGuard(options: GuardOptions): (request: Request) => RelayError | undefined {
  let port = -1;
  let hosts = new Set<string>();
  let origins = new Set<string>();
  const refresh = () => {
    port = options.port();
    // Port 80 is left out of `Host` by browsers and clients alike.
    const names = LOOPBACK_NAMES.flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`]));
    hosts = new Set([...names, ...options.allowedHosts.map((h) => h.toLowerCase())]);
    origins = new Set([...hosts].flatMap((host) => [`http://${host}`, `https://${host}`]));
  };
  return (request) => {
    if (port !== options.port()) refresh();
    const origin = request.headers.get("origin");
    if (origin !== null && !origins.has(origin.toLowerCase())) {
      return { code: "forbidden_origin", message: `requests from web pages are refused (Origin ${shown(origin)} is not this gateway)` };
    }
    if (options.loopback || options.allowedHosts.length > 0) {
      const host = (request.headers.get("host") ?? "").toLowerCase();
      if (!hosts.has(host)) return { code: "misdirected_host", message: `this gateway answers only to ${[...hosts].join(", ")} (Host ${shown(host || "(none)")})` };
    }
    return undefined;
  };
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(value: string | null): boolean {
  return value !== null && /^application\/json\s*(;|$)/i.test(value.trim());
}

/** A header value inside a one-line message: bounded, control characters escaped. */
function shown(value: string): string {
  const cut = value.length > 100 ? `${value.slice(0, 100)}…` : value;
  return JSON.stringify(cut);
}
