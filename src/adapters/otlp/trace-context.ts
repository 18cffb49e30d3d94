/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): the `traceparent` an agent's caller
 * hands down, so a recorded session joins the caller's trace, and the ids of our own spans.
 */

export interface RemoteParent {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
  readonly traceState?: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZERO = /^0+$/;
/** tracestate: at most 512 printable characters (the spec's limit for propagation). */
const TRACESTATE = /^[\x20-\x7e]{1,512}$/;

/**
 * The parent a `traceparent` header (and optional `tracestate`) names, or undefined when the
 * value is not valid W3C trace context (then the session simply starts its own trace).
 *
 * @example
 * parseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
 * // { traceId: "4bf9…4736", spanId: "00f0…02b7", traceFlags: 1 }
 */
export function parseTraceparent(traceparent: string | undefined, tracestate?: string): RemoteParent | undefined {
  const m = TRACEPARENT.exec(traceparent?.trim().toLowerCase() ?? "");
  if (!m) return undefined;
  const [, version, traceId, spanId, flags, rest] = m as unknown as [string, string, string, string, string, string | undefined];
  if (version === "ff" || (version === "00" && rest !== undefined) || ZERO.test(traceId) || ZERO.test(spanId)) return undefined;
  const state = tracestate?.trim();
  return { traceId, spanId, traceFlags: Number.parseInt(flags, 16) & 0xff, ...(state && TRACESTATE.test(state) ? { traceState: state } : {}) };
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** A random 8-byte span id (never all zeros). */
export function newSpanId(): string {
  const bytes = new Uint8Array(8);
  do crypto.getRandomValues(bytes);
  while (bytes.every((b) => b === 0));
  return hex(bytes);
}

/**
 * A session's own trace id when no caller gave one: derived from the agent's session id, so a
 * session resumed later (or recorded by a restarted gateway) lands in the same trace.
 */
export function traceIdOf(sessionId: string): string {
  const id = Bun.SHA256.hash(`nemo-relay:${sessionId}`, "hex").slice(0, 32);
  return ZERO.test(id) ? "1".padStart(32, "0") : id;
}
