/** Headers that belong to one connection, never forwarded (RFC 9110 §7.6.1), plus ones we recompute. */
import { HEADERS } from "../../../ports/wire-names.ts";
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
]);

/** Credentials: forwarded to the provider, never recorded anywhere. */
const CREDENTIALS = new Set(["authorization", "x-api-key", "api-key", "anthropic-api-key", "cookie", "set-cookie", "proxy-authorization", HEADERS.token]);

/** Our own control headers are for the gateway, not the provider. */
const isOwn = (name: string) => name.startsWith("x-nemo-relay-");

/**
 * Request headers for the upstream call: everything the client sent except hop-by-hop headers,
 * our own control headers, and `accept-encoding` — so the provider answers uncompressed and the
 * bytes the client receives are exactly the bytes the provider sent, readable on the way.
 */
export function upstreamRequestHeaders(incoming: Headers): Headers {
  const out = new Headers();
  incoming.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && !isOwn(name) && name !== "accept-encoding") out.append(name, value);
  });
  return out;
}

/** Response headers for the client: the provider's, minus hop-by-hop ones. */
export function clientResponseHeaders(upstream: Headers): Headers {
  const out = new Headers();
  upstream.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) out.append(name, value);
  });
  return out;
}

/** Request headers safe to record: lower-cased, credentials removed. */
export function observableHeaders(incoming: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  incoming.forEach((value, name) => {
    if (!CREDENTIALS.has(name) && !HOP_BY_HOP.has(name)) out[name] = value;
  });
  return out;
}
