import type { RelayError } from "../../../domain/errors.ts";
import type { ProviderApi, ProviderApiName } from "../../../ports/provider-api.ts";
import type { LlmObserver } from "../../../ports/gateway-intake.ts";
import { errorResponse, ownResponse, statusOf } from "../errors.ts";
import { readBodyLimited } from "../read-body.ts";
import { decodeJsonBody } from "./decode-body.ts";
import type { DeferredQueue } from "./defer.ts";
import { clientResponseHeaders, observableHeaders, upstreamRequestHeaders } from "./headers.ts";
import { upstreamOf, upstreamUrl, type RouteMatch, type UpstreamName } from "./provider-routes.ts";
import { ObservedCall } from "./observed-call.ts";
import { relayBody, type BodyWatch } from "./relay-body.ts";
import { ResponseObserver } from "./response-observer.ts";
import { readsWhole, relayWhole } from "./whole-body.ts";

export interface ProxyOptions {
  readonly upstreams: Readonly<Record<UpstreamName, string>>;
  readonly apis: Readonly<Partial<Record<ProviderApiName, ProviderApi>>>;
  /** Speaks each upstream's error shape for the gateway's own 502s. */
  readonly errorApis: Readonly<Record<UpstreamName, ProviderApi>>;
  readonly observer: LlmObserver;
  readonly queue: DeferredQueue;
  readonly maxBodyBytes: number;
  /** How much of a response is read for the record; the client always gets all of it. */
  readonly maxObservedBytes: number;
  /** Longest wait for the provider's response headers; then the client gets a 504 in the provider's shape. */
  readonly headerTimeoutMs: number;
  /** Longest silence of a response body while the client waits; then the body is closed. */
  readonly idleTimeoutMs: number;
  readonly now: () => number;
}

/**
 * Forwards one provider request byte for byte, to the upstream that accepts its credential, and
 * streams the answer back unchanged, while a copy of both is read off the response path. The
 * client's abort cancels the upstream call.
 */
export async function forward(request: Request, match: RouteMatch, search: string, options: ProxyOptions): Promise<Response> {
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const body = hasBody ? await readBodyLimited(request, options.maxBodyBytes) : undefined;
  if (body && !body.ok) return errorResponse(body.error);
  const bytes = body?.ok ? body.value : undefined;

  const upstreamAbort = new AbortController();
  request.signal.addEventListener("abort", () => upstreamAbort.abort(), { once: true });
  let timedOut = false;
  const headerTimer = setTimeout(() => {
    timedOut = true;
    upstreamAbort.abort();
  }, options.headerTimeoutMs);
  const upstreamName = upstreamOf(match, request.headers);
  const target = upstreamUrl(upstreamName, options.upstreams[upstreamName], match.canonicalPath, search);
  const pending = fetch(target, {
    method: request.method,
    headers: upstreamRequestHeaders(request.headers),
    body: bytes,
    signal: upstreamAbort.signal,
    redirect: "manual",
    decompress: false,
  });

  const api = match.api ? options.apis[match.api] : undefined;
  const call = api && observedCall(api, request, match.canonicalPath, match.route.purpose, bytes, options);

  let upstream: Response;
  try {
    upstream = await pending;
  } catch (error) {
    const failure = upstreamFailure(error, timedOut, request.signal.aborted, options.headerTimeoutMs);
    call?.end({ status: "failed", error: failure.message });
    const shape = options.errorApis[upstreamName].errorBody(failure.message, "nemo_relay_gateway_error");
    return ownResponse(Response.json(shape, { status: statusOf(failure.code) }), failure);
  } finally {
    clearTimeout(headerTimer);
  }

  const headers = clientResponseHeaders(upstream.headers);
  const init = { status: upstream.status, statusText: upstream.statusText, headers };
  const sse = (upstream.headers.get("content-type") ?? "").includes("text/event-stream");
  const watch = call && api ? observingWatch(call, api, upstream, sse, options) : {};
  if (!upstream.body) {
    if (call && api) call.end(api.readResponse(undefined, upstream.status));
    return new Response(null, init);
  }
  if (readsWhole(upstream.headers, sse)) {
    return relayWhole(upstream, watch, init, { upstreamAbort, idleTimeoutMs: options.idleTimeoutMs, clientGone: () => request.signal.aborted });
  }
  return new Response(relayBody(upstream.body, watch, { idleTimeoutMs: options.idleTimeoutMs, closeCleanly: sse }), init);
}

/** What the response observer sees of the body; the first bytes handed on begin the call's observation. */
function observingWatch(call: ObservedCall, api: ProviderApi, upstream: Response, sse: boolean, options: ProxyOptions): BodyWatch {
  const contentEncoding = upstream.headers.get("content-encoding");
  const observer = new ResponseObserver(api, { status: upstream.status, sse, contentEncoding }, options.queue, options.maxObservedBytes, (response) => call.ended(response));
  return {
    chunk(bytes) {
      call.begin();
      observer.chunk(bytes);
    },
    end(how) {
      call.begin();
      observer.end(how);
    },
  };
}

/** Why no answer came: our header timeout, the client leaving, or the provider out of reach. */
function upstreamFailure(error: unknown, timedOut: boolean, clientGone: boolean, timeoutMs: number): RelayError {
  if (timedOut) return { code: "upstream_timeout", message: `gateway upstream timeout: the provider sent no response headers within ${timeoutMs} ms` };
  if (clientGone) return { code: "upstream_unreachable", message: "client aborted before the provider answered" };
  return { code: "upstream_unreachable", message: `gateway upstream error: ${(error as Error).message}` };
}

/** The call's observation; its start is read from the request only when it begins (see ObservedCall). */
function observedCall(api: ProviderApi, request: Request, path: string, purpose: string | undefined, bytes: Uint8Array | undefined, options: ProxyOptions): ObservedCall {
  const at = options.now();
  const { headers } = request;
  const describe = () => {
    const json = bytes ? decodeJsonBody(bytes, headers.get("content-encoding")) : undefined;
    return { api: api.name, path, headers: observableHeaders(headers), request: api.readRequest(json), at, ...(purpose ? { purpose } : {}) };
  };
  return new ObservedCall(describe, options.observer, options.queue, options.now);
}
