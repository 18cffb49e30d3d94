/**
 * Client faults: an agent that aborts mid-stream cancels the provider call at once, a slow
 * reader slows the provider down instead of filling the gateway's memory, and a hook process
 * killed while it sends leaves the gateway serving everyone else.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Trajectory } from "../../src/domain/trajectory/schema.ts";
import { readBodyLimited } from "../../src/adapters/http/read-body.ts";
import { gatedStream, startFakeUpstream, type FakeUpstream } from "../support/fake-upstream.ts";
import { atifInto, startGatewayProcess } from "./support/gateway-process.ts";
import { PATH_OF, sseHeaders, streamParts, streamRequest } from "./support/provider-streams.ts";
import { llmSteps } from "./support/session-steps.ts";
import { postJson, startTestGateway, tempDir, type TestGateway } from "./support/test-gateway.ts";
import { until } from "./support/until.ts";

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

describe("an agent that aborts", () => {
  let t: TestGateway;
  beforeAll(() => (t = startTestGateway()));
  afterAll(() => t.stop());

  test("mid-stream: the upstream sees its response stream cancelled within milliseconds, and the call is recorded as aborted", async () => {
    const ROUNDS = 20;
    const delays: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const sessionId = `abort-mid-${round}`;
      const gate = gatedStream(streamParts("openai-responses", "an answer the agent will not wait for").head);
      t.upstream.handle(() => new Response(gate.body, { headers: sseHeaders }));
      const abort = new AbortController();
      const pending = fetch(`${t.gateway.url}/v1/responses`, { method: "POST", body: streamRequest("openai-responses", "q"), headers: { "session-id": sessionId }, signal: abort.signal });
      gate.release(1);
      const res = await pending;
      await res.body!.getReader().read();
      const abortedAt = performance.now();
      abort.abort();
      await gate.cancelled;
      delays.push(performance.now() - abortedAt);
      await t.gateway.settled();
      const steps = llmSteps(t.gateway.service.snapshot(sessionId)!.trajectory);
      expect(steps).toHaveLength(1);
      expect(steps[0]!.failed).toBe(true);
      expect(steps[0]!.error).toStartWith("response aborted by the client before it ended");
    }
    const summary = `client abort → upstream stream cancelled, ${ROUNDS} rounds: p50 ${percentile(delays, 50).toFixed(2)} ms, max ${Math.max(...delays).toFixed(2)} ms`;
    console.log(summary);
    expect(delays).toHaveLength(ROUNDS);
    expect(Math.max(...delays)).toBeLessThan(2_000);
  });

  test("before the provider answered: the upstream request is aborted too", async () => {
    const upstreamAborted = Promise.withResolvers<number>();
    t.upstream.handle((request) => new Promise<Response>((resolve) => request.signal.addEventListener("abort", () => (upstreamAborted.resolve(performance.now()), resolve(new Response("late"))))));
    const abort = new AbortController();
    const pending = fetch(`${t.gateway.url}/v1/messages`, { method: "POST", body: streamRequest("anthropic-messages", "q"), headers: { "x-claude-code-session-id": "abort-early" }, signal: abort.signal }).catch(() => undefined);
    await until("the upstream to receive the call", () => t.upstream.received.some((r) => r.path === "/v1/messages"));
    const abortedAt = performance.now();
    abort.abort();
    const seenAt = await upstreamAborted.promise;
    await pending;
    console.log(`client abort before headers → upstream request aborted after ${(seenAt - abortedAt).toFixed(2)} ms`);
    expect(seenAt - abortedAt).toBeLessThan(2_000);
    // The client's fetch can settle before the gateway has seen its own upstream call fail: wait for that, bounded.
    const steps = await until("the aborted call to be recorded", async () => {
      await t.gateway.settled();
      const snapshot = t.gateway.service.snapshot("abort-early");
      return snapshot && llmSteps(snapshot.trajectory).length > 0 ? llmSteps(snapshot.trajectory) : undefined;
    });
    expect(steps).toEqual([expect.objectContaining({ failed: true, error: "client aborted before the provider answered" })]);
  });
});

describe("a slow reader", () => {
  const STREAM_BYTES = 200 * 1024 * 1024;
  /** Bytes per millisecond: 50 MiB/s. */
  const READ_RATE = (50 * 2 ** 20) / 1000;
  let upstream: FakeUpstream;
  let sent = 0;
  const dir = tempDir("slow-reader");
  beforeAll(() => {
    upstream = startFakeUpstream();
    // Realistic chat deltas, produced only as fast as they are read (the provider side of backpressure).
    const event = `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", model: "mock-model", choices: [{ index: 0, delta: { content: "word ".repeat(60) }, finish_reason: null }] })}\n\n`;
    const chunk = new TextEncoder().encode(event.repeat(Math.floor(65_536 / event.length)));
    upstream.handle(() => {
      sent = 0;
      return new Response(
        new ReadableStream<Uint8Array>(
          {
            pull(controller) {
              if (sent >= STREAM_BYTES) return controller.close();
              sent += chunk.byteLength;
              controller.enqueue(chunk);
            },
          },
          { highWaterMark: 0 },
        ),
        { headers: sseHeaders },
      );
    });
  });
  afterAll(() => {
    upstream.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("reading a 200 MB stream slowly: the gateway process's memory grows by a small fraction of it, and the provider is held back", async () => {
    const gateway = await startGatewayProcess({ dir, pluginsToml: atifInto(join(dir, "atif")), env: { NEMO_RELAY_OPENAI_BASE_URL: `${upstream.url}/v1` } });
    try {
      await fetch(`${gateway.url}/healthz`).then((r) => r.text());
      const baseline = gateway.rssMiB();
      const res = await fetch(`${gateway.url}${PATH_OF["openai-chat"]}`, { method: "POST", body: streamRequest("openai-chat", "tell me everything"), headers: { "x-nemo-relay-session-id": "slow-reader" } });
      const reader = res.body!.getReader();
      let received = 0;
      let reads = 0;
      let peak = baseline;
      let mostAhead = 0;
      const started = performance.now();
      for (let r = await reader.read(); !r.done && reads < 1_000_000; r = await reader.read()) {
        received += r.value.byteLength;
        // A slow agent: it reads at most READ_RATE (loopback alone would do GB/s).
        ++reads;
        const ahead = received / READ_RATE - (performance.now() - started);
        if (ahead > 1) await Bun.sleep(ahead);
        peak = Math.max(peak, gateway.rssMiB());
        mostAhead = Math.max(mostAhead, sent - received);
      }
      const seconds = (performance.now() - started) / 1000;
      const growth = peak - baseline;
      console.log(
        `slow reader: ${(received / 2 ** 20).toFixed(0)} MiB read in ${seconds.toFixed(1)} s; gateway RSS ${baseline.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB (+${growth.toFixed(0)} MiB); provider at most ${(mostAhead / 2 ** 20).toFixed(1)} MiB ahead of the reader`,
      );
      expect(received).toBeGreaterThanOrEqual(STREAM_BYTES);
      expect(received).toBe(sent);
      // Buffering the stream would add at least its 200 MiB; observing all of it added ~400 MiB.
      expect(growth).toBeLessThan(128);
      expect(mostAhead).toBeLessThan(48 * 2 ** 20);
    } finally {
      gateway.proc.kill("SIGTERM");
      await gateway.exited();
    }
    // The record keeps what the first 16 MiB said, and says that it stopped reading there.
    const trajectory = JSON.parse(readFileSync(join(dir, "atif", "slow-reader.atif.json"), "utf8")) as Trajectory;
    const [step] = llmSteps(trajectory);
    expect(step!.error).toBe(`response over ${16 * 2 ** 20} bytes: only its first ${16 * 2 ** 20} bytes were read`);
    expect(step!.message.length).toBeGreaterThan(10 * 2 ** 20);
  }, 60_000);
});

describe("a hook process killed mid-delivery", () => {
  test("a body that breaks off is an error value (request_incomplete), declared length or chunked", async () => {
    for (const headers of [{ "content-length": "100000" }, {}]) {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"session_id":"cut'));
          controller.error(new Error("The connection was closed."));
        },
      });
      const request = new Request("http://gateway/hooks/codex", { method: "POST", body, headers, duplex: "half" } as RequestInit);
      const read = await readBodyLimited(request, 1_000_000);
      expect(read.ok).toBe(false);
      expect(!read.ok && read.error).toEqual({ code: "request_incomplete", message: "the request body could not be read to its end: The connection was closed." });
    }
  });

  test("the gateway stays up, says nothing alarming, and every other request works", async () => {
    const dir = tempDir("killed-hook");
    const gateway = await startGatewayProcess({ dir, pluginsToml: atifInto(join(dir, "atif")) });
    try {
      const port = new URL(gateway.url).port;
      // Each sender writes the headers and part of the body, says so, and waits to be killed.
      const senders = ["content-length", "chunked"].map((framing) => {
        const script = `
          const net = require("node:net");
          const s = net.connect(${port}, "127.0.0.1", () => {
            const body = '{"session_id":"killed","hook_event_name":"UserPromptSubmit","prompt":"half';
            const head = ${JSON.stringify(framing)} === "chunked"
              ? "POST /hooks/claude-code HTTP/1.1\\r\\nHost: 127.0.0.1:${port}\\r\\nContent-Type: application/json\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n" + body.length.toString(16) + "\\r\\n" + body + "\\r\\n"
              : "POST /hooks/claude-code HTTP/1.1\\r\\nHost: 127.0.0.1:${port}\\r\\nContent-Type: application/json\\r\\nContent-Length: 100000\\r\\n\\r\\n" + body;
            s.write(head, () => process.stdout.write("sent\\n"));
          });
          setInterval(() => {}, 1000);`;
        return Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "inherit" });
      });
      for (const sender of senders) {
        const reader = sender.stdout.getReader();
        expect(new TextDecoder().decode((await reader.read()).value)).toBe("sent\n");
        sender.kill("SIGKILL");
        await sender.exited;
      }
      expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
      const other = await postJson(`${gateway.url}/hooks/claude-code`, { session_id: "other", hook_event_name: "UserPromptSubmit", prompt: "still fine?" });
      expect(other).toEqual({ status: 200, body: { continue: true } });
      expect(gateway.proc.exitCode).toBeNull();
    } finally {
      gateway.proc.kill("SIGTERM");
      expect(await gateway.exited()).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
    // Only the start (gateway and viewer address) and stop lines: no stack trace, no error for a client that went away.
    const lines = gateway.stderr().trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("session viewer: http://127.0.0.1:");
  });
});
