/**
 * A provider that cannot be reached or breaks the connection: refused, unresolvable, reset in
 * the middle of a stream or of a body. The agent gets a 502 in the provider's shape, or what
 * came followed by a clean end (a stream) or by an error (a body, so it never looks complete);
 * the call is recorded as failed and the session goes on.
 */
import { describe, expect, test } from "bun:test";
import { startFakeUpstream } from "../support/fake-upstream.ts";
import { call, turnWithFault } from "./support/fault-turn.ts";
import { sseHeaders, streamParts, streamText } from "./support/provider-streams.ts";
import { startResettingProvider } from "./support/resetting-provider.ts";
import { startTestGateway } from "./support/test-gateway.ts";

/** A stream's events up to its first text delta ("partial answer "). */
const partial = () => {
  const head = streamParts("anthropic-messages", "partial answer that never ends").head;
  return head.slice(0, head.findIndex((event) => event.includes("partial answer ")) + 1);
};

describe("a connection that breaks", () => {
  test("a connection reset mid-stream: the client keeps the events that came, then a clean end; the call is failed with the partial text", async () => {
    const reset = Promise.withResolvers<void>();
    const provider = startResettingProvider("text/event-stream", partial(), reset.promise);
    const g = startTestGateway({ upstreams: { anthropic: provider.url } });
    g.upstream.handle(() => new Response(streamText("openai-responses", "fine answer to after-fault-reset"), { headers: sseHeaders }));
    try {
      const { got, failed } = await turnWithFault(
        g,
        "fault-reset",
        async () => {
          const res = await call(g.gateway.url, "anthropic-messages", "fault-reset", "q");
          const reader = res.body!.getReader();
          const expected = partial().join("");
          let text = "";
          for (let i = 0; i < 100 && text.length < expected.length; i++) text += new TextDecoder().decode((await reader.read()).value);
          reset.resolve();
          let error = "";
          try {
            for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
          } catch (e) {
            error = `|error: ${(e as Error).message}`;
          }
          return new Response(text + error, { status: res.status, headers: res.headers });
        },
        "openai-responses",
      );
      expect(got).toMatchObject({ status: 200, contentType: "text/event-stream" });
      expect(got.text).toBe(partial().join(""));
      expect(failed.failed).toBe(true);
      expect(failed.message).toBe("partial answer ");
      expect(failed.error).toStartWith("response interrupted before it ended");
    } finally {
      await g.stop();
      provider.stop();
    }
  });

  test("a buffered (non-stream) body cut mid-way ends in an error at the client: a truncated JSON body never looks complete", async () => {
    const reset = Promise.withResolvers<void>();
    const provider = startResettingProvider("application/json", ['{"id":"msg_1","content":[{"type":"text","text":"half'], reset.promise);
    const g = startTestGateway({ upstreams: { anthropic: provider.url } });
    g.upstream.handle(() => new Response(streamText("openai-responses", "fine answer to after-fault-cut-json"), { headers: sseHeaders }));
    try {
      const { got, failed } = await turnWithFault(
        g,
        "fault-cut-json",
        async () => {
          const res = await call(g.gateway.url, "anthropic-messages", "fault-cut-json", "q");
          const reader = res.body!.getReader();
          const first = new TextDecoder().decode((await reader.read()).value);
          reset.resolve();
          const rest = await reader.read().then(
            () => "ended cleanly",
            (error: Error) => `error: ${error.message}`,
          );
          return new Response(`${first}|${rest}`, { status: res.status });
        },
        "openai-responses",
      );
      expect(got.text).toStartWith('{"id":"msg_1","content":[{"type":"text","text":"half|error: ');
      expect(failed.failed).toBe(true);
    } finally {
      await g.stop();
      provider.stop();
    }
  });

  test("a body of declared length cut mid-way (read whole by the gateway): the client's call fails, never with a complete-looking body", async () => {
    const reset = Promise.withResolvers<void>();
    const head = '{"id":"msg_1","content":[{"type":"text","text":"half';
    const provider = startResettingProvider("application/json", [head], reset.promise, head.length + 40);
    const g = startTestGateway({ upstreams: { anthropic: provider.url } });
    g.upstream.handle(() => new Response(streamText("openai-responses", "fine answer to after-fault-cut-declared"), { headers: sseHeaders }));
    try {
      const { got, failed } = await turnWithFault(
        g,
        "fault-cut-declared",
        async () => {
          // The gateway holds the body until it is whole; the provider breaks off meanwhile.
          setTimeout(() => reset.resolve(), 50);
          // Bun sends no status line before a first body byte, so the failure shows as the connection closing.
          const outcome = await call(g.gateway.url, "anthropic-messages", "fault-cut-declared", "q").then(
            (res) => res.text().then((text) => `${res.status} ended cleanly: ${text}`, (error: Error) => `${res.status} body error: ${error.message}`),
            (error: Error) => `call failed: ${error.message}`,
          );
          return new Response(outcome);
        },
        "openai-responses",
      );
      expect(got.text).toMatch(/^(call failed|200 body error): /);
      expect(failed.failed).toBe(true);
      expect(failed.error).toStartWith("response interrupted before it ended");
    } finally {
      await g.stop();
      provider.stop();
    }
  });

});

describe("an upstream that cannot be reached", () => {
  test("connection refused: a 502 in the provider's shape, at once", async () => {
    const dead = startFakeUpstream();
    dead.stop();
    const g = startTestGateway({ upstreams: { anthropic: dead.url } });
    g.upstream.handle(() => new Response(streamText("openai-responses", "fine answer to after-fault-refused"), { headers: sseHeaders }));
    try {
      const { got, failed } = await turnWithFault(g, "fault-refused", () => call(g.gateway.url, "anthropic-messages", "fault-refused", "q"), "openai-responses");
      expect(got.status).toBe(502);
      const body = JSON.parse(got.text) as { type: string; error: { type: string; message: string } };
      expect(body.type).toBe("error");
      expect(body.error.type).toBe("nemo_relay_gateway_error");
      expect(body.error.message).toStartWith("gateway upstream error:");
      expect(failed.failed).toBe(true);
      expect(failed.error).toStartWith("gateway upstream error:");
    } finally {
      await g.stop();
    }
  });

  test("a host name that does not resolve: a 502 naming the lookup failure", async () => {
    // A 64-character label cannot be put into a DNS query, so the resolver fails locally
    // without sending anything (the machine's nameserver is not on loopback); `.invalid`
    // (RFC 6761) would never resolve anyway.
    const unresolvable = `http://${"x".repeat(64)}.invalid`;
    const g = startTestGateway({ upstreams: { anthropic: unresolvable } });
    g.upstream.handle(() => new Response(streamText("openai-responses", "fine answer to after-fault-dns"), { headers: sseHeaders }));
    try {
      const started = performance.now();
      const { got, failed } = await turnWithFault(g, "fault-dns", () => call(g.gateway.url, "anthropic-messages", "fault-dns", "q"), "openai-responses");
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(got.status).toBe(502);
      const body = JSON.parse(got.text) as { error: { message: string } };
      expect(body.error.message).toContain("ENOTFOUND");
      expect(failed).toMatchObject({ failed: true });
      expect(failed.error).toContain("ENOTFOUND");
    } finally {
      await g.stop();
    }
  });
});
