import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { createGatewayApp } from "../../../src/adapters/http/gateway-app.ts";
import { DeferredQueue } from "../../../src/adapters/http/proxy/defer.ts";
import { ok } from "../../../src/domain/errors.ts";
import type { LlmCallStart, LlmObserver } from "../../../src/ports/gateway-intake.ts";
import type { ProviderApi, ProviderApiName, ProviderResponse } from "../../../src/ports/provider-api.ts";
import { gatedStream, startFakeUpstream, type FakeUpstream } from "../../support/fake-upstream.ts";

/** A wire API that just echoes what it saw, so the tests can check what the proxy observed. */
const echoApi = (name: ProviderApiName): ProviderApi => ({
  name,
  readRequest: (body) => ({ stream: (body as { stream?: boolean })?.stream === true, model: (body as { model?: string })?.model, keys: {} }),
  readResponse: (body, status) => ({ status: status < 400 ? "completed" : "failed", message: JSON.stringify(body) }),
  openStream: () => {
    const seen: string[] = [];
    return { push: (event, data) => seen.push(`${event}:${data}`), finish: () => ({ status: "completed", message: seen.join("|") }) };
  },
  errorBody: (message, type) => ({ error: { message, type, from: name } }),
});

class RecordingObserver implements LlmObserver {
  readonly calls: Array<{ start: LlmCallStart; end?: ProviderResponse }> = [];
  private onEnd?: () => void;
  started(call: LlmCallStart): string {
    this.calls.push({ start: call });
    return String(this.calls.length - 1);
  }
  ended(callId: string, response: ProviderResponse): void {
    this.calls[Number(callId)]!.end = response;
    this.onEnd?.();
  }
  /** Resolves at the next observed end (or at once if `count` ends were already seen). */
  untilEnded(count: number): Promise<void> {
    if (this.calls.filter((c) => c.end).length >= count) return Promise.resolve();
    return new Promise((resolve) => (this.onEnd = () => this.calls.filter((c) => c.end).length >= count && resolve()));
  }
}

let upstream: FakeUpstream;
let observer: RecordingObserver;
let queue: DeferredQueue;
let gateway: string;
let stopGateway: () => void;

beforeAll(() => {
  upstream = startFakeUpstream();
  observer = new RecordingObserver();
  const apis = { "openai-responses": echoApi("openai-responses"), "openai-chat": echoApi("openai-chat"), "anthropic-messages": echoApi("anthropic-messages") };
  const app = createGatewayApp({
    version: "test",
    hooks: { receive: (agent, payload) => ok({ agent, payload }) },
    maxHookBytes: 64 * 1024,
    guard: { loopback: false, allowedHosts: [], port: () => 0 },
    report: () => {},
    proxy: {
      upstreams: { openai: `${upstream.url}/v1`, anthropic: upstream.url, chatgpt: `${upstream.url}/backend-api/codex` },
      apis,
      errorApis: { openai: apis["openai-responses"], anthropic: apis["anthropic-messages"], chatgpt: apis["openai-responses"] },
      observer,
      queue: (queue = new DeferredQueue((e) => {
        throw e;
      })),
      maxBodyBytes: 256 * 1024,
      maxObservedBytes: 1024 * 1024,
      headerTimeoutMs: 10_000,
      idleTimeoutMs: 10_000,
      now: Date.now,
    },
  }).listen({ hostname: "127.0.0.1", port: 0 });
  gateway = `http://127.0.0.1:${app.server!.port}`;
  stopGateway = () => void app.stop(true);
});
afterAll(() => {
  stopGateway();
  upstream.stop();
});
afterEach(async () => {
  await queue.drained();
  upstream.received.length = 0;
  observer.calls.length = 0;
});

describe("byte-faithful forwarding", () => {
  test("request and response bytes pass unchanged, key order and whitespace included", async () => {
    const requestBody = '{"stream":false,  "model":"m1","input":"hi ✓"}';
    const responseBody = '{ "z": 1, "a": [ 2 ] ,"id":"resp_1" }';
    upstream.handle(() => new Response(responseBody, { headers: { "content-type": "application/json", "x-request-id": "req-9" } }));
    const res = await fetch(`${gateway}/v1/responses?trace=1`, { method: "POST", body: requestBody, headers: { "content-type": "application/json", authorization: "Bearer sk-test-secret" } });
    expect(await res.text()).toBe(responseBody);
    expect(res.headers.get("x-request-id")).toBe("req-9");
    const seen = upstream.received[0]!;
    expect(new TextDecoder().decode(seen.body)).toBe(requestBody);
    expect(seen.path).toBe("/v1/responses");
    expect(seen.search).toBe("?trace=1");
    expect(seen.headers.authorization).toBe("Bearer sk-test-secret");
    await observer.untilEnded(1);
    expect(observer.calls[0]!.start.request.model).toBe("m1");
    expect(observer.calls[0]!.start.headers.authorization).toBeUndefined();
    expect(observer.calls[0]!.end).toEqual({ status: "completed", message: JSON.stringify(JSON.parse(responseBody)) });
  });

  test("paths work with and without /v1 and are joined to the base without doubling /v1", async () => {
    upstream.handle(() => Response.json({ ok: true }));
    const send = async (path: string, init?: RequestInit) => (await fetch(`${gateway}${path}`, init)).text();
    await send("/responses", { method: "POST", body: "{}" });
    await send("/chat/completions", { method: "POST", body: "{}" });
    await send("/v1/messages?beta=true", { method: "POST", body: "{}" });
    await send("/models");
    await send("/v1/responses/compact", { method: "POST", body: "{}" });
    await send("/v1/responses/input_items", { method: "POST", body: "{}" });
    expect(upstream.received.map((r) => `${r.method} ${r.path}${r.search}`)).toEqual([
      "POST /v1/responses",
      "POST /v1/chat/completions",
      "POST /v1/messages?beta=true",
      "GET /v1/models",
      "POST /v1/responses/compact",
      "POST /v1/responses/input_items",
    ]);
    await observer.untilEnded(4);
    // The LLM routes are observed, Codex's compaction call among them (marked as such); models and other sub-paths pass through.
    expect(observer.calls.map((c) => [c.start.api, c.start.purpose])).toEqual([["openai-responses", undefined], ["openai-chat", undefined], ["anthropic-messages", undefined], ["openai-responses", "compaction"]]);
  });

  test("hop-by-hop and our own control headers are not forwarded; accept-encoding is dropped so bodies stay readable", async () => {
    upstream.handle(() => Response.json({}));
    const res = await fetch(`${gateway}/v1/chat/completions`, {
      method: "POST",
      body: "{}",
      headers: { "x-nemo-relay-session-id": "s1", "keep-alive": "timeout=5", "anthropic-beta": "x", "accept-encoding": "gzip, br" },
    });
    await res.text();
    const headers = upstream.received[0]!.headers;
    expect(headers["x-nemo-relay-session-id"]).toBeUndefined();
    expect(headers["keep-alive"]).toBeUndefined();
    expect(headers["anthropic-beta"]).toBe("x");
    expect(headers["accept-encoding"] ?? "").not.toContain("br");
  });

  test("upstream errors pass through with their status, headers and body", async () => {
    const body = '{"error":{"message":"rate limited","type":"rate_limit_error"}}';
    upstream.handle(() => new Response(body, { status: 429, headers: { "retry-after": "3", "content-type": "application/json" } }));
    const res = await fetch(`${gateway}/v1/messages`, { method: "POST", body: "{}" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(await res.text()).toBe(body);
    await observer.untilEnded(1);
    expect(observer.calls[0]!.end?.status).toBe("failed");
  });

  test("a compressed request body is forwarded as received and decoded for observation", async () => {
    upstream.handle(() => Response.json({}));
    const compressed = Bun.zstdCompressSync(new TextEncoder().encode('{"model":"zstd-model"}'));
    await (await fetch(`${gateway}/v1/responses`, { method: "POST", body: compressed, headers: { "content-encoding": "zstd" } })).text();
    expect(upstream.received[0]!.body).toEqual(new Uint8Array(compressed));
    expect(upstream.received[0]!.headers["content-encoding"]).toBe("zstd");
    await observer.untilEnded(1);
    expect(observer.calls[0]!.start.request.model).toBe("zstd-model");
  });
});

describe("streaming", () => {
  test("the first event reaches the client before the upstream finishes, and the bytes are identical", async () => {
    const events = ['event: a\ndata: {"n":1}\n\n', 'event: b\ndata: {"n":2}\n\n', "data: [DONE]\n\n"];
    const gate = gatedStream(events);
    upstream.handle(() => new Response(gate.body, { headers: { "content-type": "text/event-stream" } }));
    const pending = fetch(`${gateway}/v1/responses`, { method: "POST", body: '{"stream":true}' });
    gate.release(1); // a server sends its headers with the first chunk
    const res = await pending;
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("\n\n")) text += decoder.decode((await reader.read()).value!, { stream: true });
    expect(text).toBe(events[0]!); // the rest has not even been sent upstream yet
    gate.release(2);
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
    expect(text).toBe(events.join(""));
    await observer.untilEnded(1);
    expect(observer.calls[0]!.end?.message).toBe('a:{"n":1}|b:{"n":2}|undefined:[DONE]');
  });

  test("a client abort mid-stream cancels the upstream and is observed as failed", async () => {
    const gate = gatedStream(["data: 1\n\n", "data: 2\n\n"]);
    upstream.handle(() => new Response(gate.body, { headers: { "content-type": "text/event-stream" } }));
    const abort = new AbortController();
    const pending = fetch(`${gateway}/v1/chat/completions`, { method: "POST", body: '{"stream":true}', signal: abort.signal });
    gate.release(1);
    const res = await pending;
    const reader = res.body!.getReader();
    await reader.read();
    abort.abort();
    await gate.cancelled; // resolves only when the upstream body is cancelled
    await observer.untilEnded(1);
    expect(observer.calls[0]!.end).toMatchObject({ status: "failed", error: "response aborted by the client before it ended" });
  });
});

describe("errors the gateway answers itself", () => {
  test("an unreachable upstream is a 502 in the provider's error shape", async () => {
    const dead = startFakeUpstream();
    dead.stop();
    const app = createGatewayApp({
      version: "t",
      hooks: { receive: () => ok({}) },
      maxHookBytes: 1024,
      guard: { loopback: false, allowedHosts: [], port: () => 0 },
      report: () => {},
      proxy: {
        upstreams: { openai: dead.url, anthropic: dead.url, chatgpt: dead.url },
        apis: { "anthropic-messages": echoApi("anthropic-messages") },
        errorApis: { openai: echoApi("openai-responses"), anthropic: echoApi("anthropic-messages"), chatgpt: echoApi("openai-responses") },
        observer,
        queue: new DeferredQueue(() => {}),
        maxBodyBytes: 1024,
        maxObservedBytes: 1024,
        headerTimeoutMs: 10_000,
        idleTimeoutMs: 10_000,
        now: Date.now,
      },
    }).listen({ hostname: "127.0.0.1", port: 0 });
    const res = await fetch(`http://127.0.0.1:${app.server!.port}/v1/messages`, { method: "POST", body: "{}" });
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { from: string; type: string; message: string } };
    expect(body.error.from).toBe("anthropic-messages");
    expect(body.error.type).toBe("nemo_relay_gateway_error");
    expect(body.error.message).toStartWith("gateway upstream error:");
    await observer.untilEnded(1);
    expect(observer.calls[0]!.end?.status).toBe("failed");
    await app.stop(true);
  });

  test("unknown paths are 404, wrong methods 405, oversized bodies 413 — all JSON", async () => {
    const notFound = await fetch(`${gateway}/v1/embeddings`, { method: "POST", body: "{}" });
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const wrongMethod = await fetch(`${gateway}/v1/responses`);
    expect(wrongMethod.status).toBe(405);
    const tooBig = await fetch(`${gateway}/v1/responses`, { method: "POST", body: "x".repeat(300 * 1024) });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: Record<string, string> }).error).toEqual({ code: "payload_too_large", message: "request body of 307200 bytes exceeds the limit of 262144 bytes", type: "nemo_relay_gateway_error" });
    expect(upstream.received).toHaveLength(0);
  });
});

const JSON_TYPE = { "content-type": "application/json" };

describe("hook endpoint", () => {
  test("passes the parsed JSON and headers to the intake and returns its answer", async () => {
    const res = await fetch(`${gateway}/hooks/codex`, { method: "POST", body: '{"hook_event_name":"Stop"}', headers: { "content-type": "application/json" } });
    expect(await res.json()).toEqual({ agent: "codex", payload: { hook_event_name: "Stop" } });
  });

  test("an empty body is an empty object; malformed JSON is a precise 400", async () => {
    expect(await (await fetch(`${gateway}/hooks/cursor`, { method: "POST", headers: JSON_TYPE })).json()).toEqual({ agent: "cursor", payload: {} });
    const bad = await fetch(`${gateway}/hooks/codex`, { method: "POST", body: '{"hook_event_name":', headers: JSON_TYPE });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
  });

  test("a hook payload over the cap is a 413", async () => {
    const res = await fetch(`${gateway}/hooks/codex`, { method: "POST", body: JSON.stringify({ big: "x".repeat(70 * 1024) }), headers: JSON_TYPE });
    expect(res.status).toBe(413);
  });

  test("healthz answers with the version", async () => {
    expect(await (await fetch(`${gateway}/healthz`)).json()).toEqual({ status: "ok", version: "test" });
  });
});
