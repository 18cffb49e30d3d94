/**
 * Upstream faults of a provider that answers badly (late, silently, with errors): the agent gets
 * a provider-shaped error or the part of the stream that came followed by a clean close, the LLM
 * call is recorded as failed with what was seen, and the next call of the same session is
 * recorded as usual. Broken connections are in upstream-unreachable.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { call, turnWithFault } from "./support/fault-turn.ts";
import { sseHeaders, streamParts, streamText, type WireApi } from "./support/provider-streams.ts";
import { startResettingProvider } from "./support/resetting-provider.ts";
import { readAll } from "./support/session-steps.ts";
import { startTestGateway, type TestGateway } from "./support/test-gateway.ts";

const HEADER_TIMEOUT_S = 0.3;
const IDLE_TIMEOUT_S = 0.3;
/** Session fault tests run against these gateway settings. */
const timeouts = { upstream_header_timeout_secs: HEADER_TIMEOUT_S, upstream_idle_timeout_secs: IDLE_TIMEOUT_S };

/** What the fake upstream does for a request carrying `x-fault: <name>`. */
type Fault = (request: Request, api: WireApi) => Response | Promise<Response>;

const upstreamSaw = { headersAbort: Promise.withResolvers<void>(), stallCancel: Promise.withResolvers<void>() };
const encoder = new TextEncoder();
/** A stream's events up to its first text delta ("partial answer "). */
const partial = (api: WireApi) => {
  const head = streamParts(api, "partial answer that never ends").head;
  return head.slice(0, head.findIndex((event) => event.includes("partial answer ")) + 1);
};

const FAULTS: Record<string, Fault> = {
  // Accepts the request and never answers; notices when the gateway gives up on it.
  "no-headers": (request) =>
    new Promise<Response>((resolve) =>
      request.signal.addEventListener("abort", () => {
        upstreamSaw.headersAbort.resolve();
        resolve(new Response("too late"));
      }),
    ),
  // The first events, then silence with the connection open.
  stall: (_request, api) =>
    new Response(
      new ReadableStream({
        start(controller) {
          for (const event of partial(api)) controller.enqueue(encoder.encode(event));
        },
        cancel: () => upstreamSaw.stallCancel.resolve(),
      }),
      { headers: sseHeaders },
    ),
  // Nothing wrong: the whole answer at once.
  "whole-stream": (_request, api) => new Response(streamText(api, "every word of a long answer"), { headers: sseHeaders }),
  // A stream was asked for; an error body comes instead.
  "error-body": () => new Response(JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded, try again" } }), { status: 529, headers: { "content-type": "application/json", "retry-after": "2" } }),
  "html-5xx": () => new Response("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", { status: 503, headers: { "content-type": "text/html" } }),
};

let t: TestGateway;
beforeAll(() => {
  t = startTestGateway({ gateway: timeouts });
  t.upstream.handle(async (request) => {
    const api: WireApi = new URL(request.url).pathname.endsWith("/messages") ? "anthropic-messages" : "openai-responses";
    const fault = request.headers.get("x-fault");
    if (fault) return FAULTS[fault]!(request, api);
    const prompt = new TextDecoder().decode(t.upstream.received.at(-1)!.body);
    return new Response(streamText(api, `fine answer to ${/after-[a-z-]+/.exec(prompt)?.[0] ?? "?"}`), { headers: sseHeaders });
  });
});
afterAll(() => t.stop());

describe("upstream faults", () => {
  test("no response headers within upstream_header_timeout_secs: a 504 in the provider's shape, and the upstream call is cancelled", async () => {
    const started = performance.now();
    const { got, failed } = await turnWithFault(t, "fault-no-headers", () => call(t.gateway.url, "anthropic-messages", "fault-no-headers", "q", "no-headers"));
    expect(got.status).toBe(504);
    expect(JSON.parse(got.text)).toEqual({ type: "error", error: { type: "nemo_relay_gateway_error", message: "gateway upstream timeout: the provider sent no response headers within 300 ms" } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(HEADER_TIMEOUT_S * 1000);
    await upstreamSaw.headersAbort.promise;
    expect(failed).toMatchObject({ failed: true, error: "gateway upstream timeout: the provider sent no response headers within 300 ms" });
  });

  test("a stream that stalls: the client keeps what came and the body ends cleanly after upstream_idle_timeout_secs; the upstream read is cancelled", async () => {
    let closedAfter = 0;
    const { got, failed } = await turnWithFault(t, "fault-stall", async () => {
      const res = await call(t.gateway.url, "openai-responses", "fault-stall", "q", "stall");
      const started = performance.now();
      const body = await readAll(res);
      closedAfter = performance.now() - started;
      return new Response(body.text, { status: res.status, headers: res.headers });
    });
    await upstreamSaw.stallCancel.promise;
    expect(got.status).toBe(200);
    expect(got.text).toBe(partial("openai-responses").join(""));
    expect(closedAfter).toBeGreaterThanOrEqual(IDLE_TIMEOUT_S * 1000 - 20);
    expect(closedAfter).toBeLessThan(5_000);
    expect(failed).toMatchObject({ failed: true, message: "partial answer " });
    expect(failed.error).toStartWith("response stalled");
  });

  test("a client that pauses longer than the idle timeout is not a stalled provider: it gets the whole stream", async () => {
    const frames = streamText("openai-responses", "every word of a long answer");
    const res = await call(t.gateway.url, "openai-responses", "slow-client", "q", "whole-stream");
    const reader = res.body!.getReader();
    let text = "";
    for (let r = await reader.read(), i = 0; !r.done && i < 100; r = await reader.read(), i++) {
      text += new TextDecoder().decode(r.value);
      // The pause is the behaviour under test: longer than upstream_idle_timeout_secs.
      await Bun.sleep(IDLE_TIMEOUT_S * 1000 * 1.5);
    }
    expect(text).toBe(frames);
  });

  test("an error body on a streaming request passes through with its status and headers, and is recorded as the provider's error", async () => {
    const { got, failed } = await turnWithFault(t, "fault-error-body", () => call(t.gateway.url, "anthropic-messages", "fault-error-body", "q", "error-body"));
    expect(got).toMatchObject({ status: 529, contentType: "application/json", text: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded, try again"}}' });
    expect(failed).toMatchObject({ failed: true, error: "Overloaded, try again" });
  });

  test("a non-JSON 5xx passes through unchanged and its text is what the record says", async () => {
    const { got, failed } = await turnWithFault(t, "fault-html", () => call(t.gateway.url, "openai-responses", "fault-html", "q", "html-5xx"));
    expect(got).toMatchObject({ status: 503, contentType: "text/html", text: "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>" });
    expect(failed.failed).toBe(true);
    expect(failed.error).toContain("503 Service Temporarily Unavailable");
  });

  test("a body of declared length that stalls (read whole by the gateway): the call fails after upstream_idle_timeout_secs and is recorded as stalled", async () => {
    const head = '{"id":"msg_1","content":[{"type":"text","text":"half';
    // Never resolved: the provider sends part of what it declared, then stays silent with the connection open.
    const provider = startResettingProvider("application/json", [head], new Promise<void>(() => {}), head.length + 40);
    const g = startTestGateway({ gateway: timeouts, upstreams: { anthropic: provider.url } });
    g.upstream.handle(() => new Response(streamText("openai-responses", "fine answer to after-fault-stall-declared"), { headers: sseHeaders }));
    try {
      let failedAfter = 0;
      const { got, failed } = await turnWithFault(
        g,
        "fault-stall-declared",
        async () => {
          const started = performance.now();
          const outcome = await call(g.gateway.url, "anthropic-messages", "fault-stall-declared", "q").then(
            (res) => res.text().then((text) => `${res.status} ended cleanly: ${text}`, (error: Error) => `${res.status} body error: ${error.message}`),
            (error: Error) => `call failed: ${error.message}`,
          );
          failedAfter = performance.now() - started;
          return new Response(outcome);
        },
        "openai-responses",
      );
      expect(got.text).toMatch(/^(call failed|200 body error): /);
      expect(failedAfter).toBeGreaterThanOrEqual(IDLE_TIMEOUT_S * 1000 - 20);
      expect(failedAfter).toBeLessThan(5_000);
      expect(failed.failed).toBe(true);
      expect(failed.error).toStartWith("response stalled");
    } finally {
      await g.stop();
      provider.stop();
    }
  });
});
