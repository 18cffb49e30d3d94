import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { startFakeUpstream, type FakeUpstream } from "../../support/fake-upstream.ts";

const BIN = join(import.meta.dir, "../../../bin/nemo-relay.ts");

async function run(args: string[], stdin: string, env: Record<string, string> = {}) {
  const proc = Bun.spawn(["bun", BIN, "hook-forward", ...args], { stdin: new TextEncoder().encode(stdin), stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", ...env } });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, code };
}

let gateway: FakeUpstream;
let deadUrl: string;
beforeAll(() => {
  gateway = startFakeUpstream();
  gateway.handle(async (request) => (new URL(request.url).pathname === "/hooks/claude-code" ? Response.json({ continue: true }) : new Response("boom", { status: 503 })));
  const dead = startFakeUpstream();
  deadUrl = dead.url;
  dead.stop();
});
afterAll(() => gateway.stop());

describe("hook-forward as a process", () => {
  test("posts stdin verbatim to /hooks/<agent> with the session headers and prints the answer", async () => {
    const payload = '{"hook_event_name":"Stop","session_id":"s1"}';
    const r = await run(["claude", "--gateway-url", gateway.url, "--profile", "ci", "--session-metadata", '{"team":"a"}', "--gateway-mode", "hook-only"], payload);
    expect(r).toEqual({ stdout: '{"continue":true}\n', stderr: "", code: 0 });
    const seen = gateway.received.at(-1)!;
    expect(new TextDecoder().decode(seen.body)).toBe(payload);
    expect(seen.headers["x-nemo-relay-config-profile"]).toBe("ci");
    expect(seen.headers["x-nemo-relay-session-metadata"]).toBe('{"team":"a"}');
    expect(seen.headers["x-nemo-relay-gateway-mode"]).toBe("hook-only");
  });

  test("a W3C trace context in the environment (TRACEPARENT, TRACESTATE) goes with the hook, so the session joins that trace", async () => {
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const r = await run(["claude", "--gateway-url", gateway.url], "{}", { TRACEPARENT: traceparent, TRACESTATE: "vendor=1" });
    expect(r.code).toBe(0);
    expect(gateway.received.at(-1)!.headers).toMatchObject({ traceparent, tracestate: "vendor=1" });
    await run(["claude", "--gateway-url", gateway.url], "{}", { TRACESTATE: "vendor=1" });
    expect(gateway.received.at(-1)!.headers.tracestate).toBeUndefined();
  });

  test("the URL can come from NEMO_RELAY_GATEWAY_URL; empty stdin is sent as {}", async () => {
    const r = await run(["claude-code"], "  \n", { NEMO_RELAY_GATEWAY_URL: gateway.url });
    expect(r.code).toBe(0);
    expect(new TextDecoder().decode(gateway.received.at(-1)!.body)).toBe("{}");
  });

  test("fail-open: a dead gateway prints nothing on stdout and exits 0", async () => {
    const r = await run(["codex", "--gateway-url", deadUrl], "{}");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toStartWith(`nemo-relay hook-forward: cannot reach the gateway at ${deadUrl}`);
  });

  test("fail-closed: a dead gateway or an HTTP error exits 2", async () => {
    expect((await run(["codex", "--gateway-url", deadUrl, "--fail-closed"], "{}")).code).toBe(2);
    const http = await run(["codex", "--gateway-url", gateway.url, "--fail-closed"], "{}");
    expect(http.code).toBe(2);
    expect(http.stderr).toContain("gateway answered HTTP 503");
    const open = await run(["codex", "--gateway-url", gateway.url], "{}");
    expect(open).toMatchObject({ code: 0, stdout: "" });
  });

  test("no URL at all fails open with a clear line", async () => {
    const r = await run(["cursor"], "{}");
    expect(r).toEqual({ stdout: "", stderr: "nemo-relay hook-forward: no gateway URL; pass --gateway-url or set NEMO_RELAY_GATEWAY_URL (fail-open: the agent continues)\n", code: 0 });
  });

  test("usage mistakes exit 1 (never 2, which an agent would take as a block)", async () => {
    for (const args of [["vim"], [], ["codex", "--session-metadata", "[1]"], ["codex", "--gateway-mode", "sometimes"], ["codex", "--bogus"]]) {
      const r = await run(args, "{}");
      expect(r.code).toBe(1);
      expect(r.stderr).toEndWith("[invalid_argument]\n");
    }
  });

  test("an argument with line breaks or escape codes still gives one line, the characters shown escaped", async () => {
    const usage = await run(["codex\nsecond"], "{}");
    expect(usage.code).toBe(1);
    expect(usage.stderr).toBe('nemo-relay hook-forward: unknown agent "codex\\nsecond"; use codex, claude, cursor or hermes [invalid_argument]\n');
    const delivery = await run(["codex", "--gateway-url", `${deadUrl}\r\n\u001b[31m`, "--fail-closed"], "{}");
    expect(delivery.code).toBe(2);
    expect(delivery.stderr.split("\n")).toHaveLength(2);
    expect(delivery.stderr).toContain("\\r\\n\\u001b[31m");
  });

  test("a gateway slower than the timeout is given up on", async () => {
    const slow = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Promise<Response>(() => {}) });
    const r = await run(["codex", "--gateway-url", `http://127.0.0.1:${slow.port}`, "--timeout-ms", "150"], "{}");
    slow.stop(true);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("no answer within 150 ms");
  });
});
