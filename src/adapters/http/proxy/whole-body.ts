import type { BodyWatch, StreamEnd } from "./relay-body.ts";

/** A body that declares a length up to this, and is not an event stream, is read whole. */
const WHOLE_BODY_MAX_BYTES = 1024 * 1024;

/**
 * True when the answer is better read whole than relayed chunk by chunk: a non-streamed body
 * of a declared, bounded length. Bun then moves its bytes natively, which is most of what
 * relaying a small answer costs, and the client loses nothing by waiting for the end — a part of
 * a JSON body is of no use to it. Streams, and bodies of unknown or large size, are relayed.
 */
export function readsWhole(headers: Headers, sse: boolean): boolean {
  if (sse) return false;
  const declared = headers.get("content-length");
  return declared !== null && Number(declared) <= WHOLE_BODY_MAX_BYTES;
}

export interface WholeBodyOptions {
  /** Aborting it stops the upstream read. */
  readonly upstreamAbort: AbortController;
  /** The longest the provider may take to send the rest of the body. */
  readonly idleTimeoutMs: number;
  readonly clientGone: () => boolean;
}

/**
 * The provider's answer, its body read whole and shown to the watch, then passed on unchanged.
 * A body that breaks off or stalls reaches the client as the provider's status and headers with
 * a body that fails, so a truncated answer never looks complete.
 */
export async function relayWhole(upstream: Response, watch: BodyWatch, init: ResponseInit, options: WholeBodyOptions): Promise<Response> {
  let stalled = false;
  const timer = setTimeout(() => {
    stalled = true;
    options.upstreamAbort.abort();
  }, options.idleTimeoutMs);
  try {
    const bytes = await upstream.bytes();
    watch.chunk?.(bytes);
    watch.end?.("complete");
    return new Response(bytes, init);
  } catch {
    const how: StreamEnd = stalled ? "stalled" : options.clientGone() ? "aborted" : "error";
    watch.end?.(how);
    // The reason would only be logged by the server, with a stack trace; the client sees the body fail.
    return new Response(new ReadableStream({ start: (controller) => controller.error() }), init);
  } finally {
    clearTimeout(timer);
  }
}
