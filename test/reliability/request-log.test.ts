/**
 * `serve` says what it does: by default one line per failed upstream call and per rejected hook,
 * with `--verbose` (or NEMO_RELAY_LOG=debug) one per request, with `--quiet` none; never a
 * credential, query or payload.
 */
import { afterAll, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { startFakeUpstream } from "../support/fake-upstream.ts";
import { atifInto, startGatewayProcess } from "./support/gateway-process.ts";
import { tempDir } from "./support/test-gateway.ts";

const dir = tempDir("request-log");
const upstream = startFakeUpstream();
upstream.handle((request) => (new URL(request.url).pathname.endsWith("/responses") ? Response.json({ error: { message: "Incorrect API key" } }, { status: 401 }) : Response.json({ data: [] })));
afterAll(() => {
  upstream.stop();
  rmSync(dir, { recursive: true, force: true });
});

const SECRET = "sk-proj-do-not-log-me-1234567890";

/** Four requests: a provider 401, a fine models call, a rejected hook, a fine hook; the gateway's log lines about them. */
async function logLines(args: string[], env: Record<string, string> = {}): Promise<string[]> {
  const g = await startGatewayProcess({ dir: join(dir, args.join("") || "default"), pluginsToml: atifInto(join(dir, "atif")), args, env: { NEMO_RELAY_OPENAI_BASE_URL: `${upstream.url}/v1`, ...env } });
  try {
    const auth = { authorization: `Bearer ${SECRET}`, "content-type": "application/json" };
    await (await fetch(`${g.url}/v1/responses?key=${SECRET}`, { method: "POST", headers: auth, body: JSON.stringify({ model: "m", input: SECRET }) })).text();
    await (await fetch(`${g.url}/v1/models`, { headers: auth })).text();
    await (await fetch(`${g.url}/hooks/codex`, { method: "POST", headers: auth, body: `{"prompt": "${SECRET}"` })).text();
    await (await fetch(`${g.url}/hooks/codex`, { method: "POST", headers: auth, body: JSON.stringify({ hook_event_name: "Stop", session_id: "log" }) })).text();
  } finally {
    g.proc.kill("SIGTERM");
    expect(await g.exited()).toBe(0);
  }
  expect(g.stderr()).not.toContain(SECRET);
  return g
    .stderr()
    .split("\n")
    .filter((line) => / → \d{3}/.test(line))
    .map((line) => line.replace(/^\S+\s+/, "").replace(/\(\d+ ms\)/, "(… ms)"));
}

test("default: the failed call and the rejected hook, one line each", async () => {
  expect(await logLines([])).toEqual([
    "POST /v1/responses → 401 from the provider (… ms)",
    expect.stringMatching(/^POST \/hooks\/codex → 400: hook body is not JSON: .* \[invalid_json\] \(… ms\)$/),
  ]);
});

test("--verbose (and NEMO_RELAY_LOG=debug): every request", async () => {
  const expected = ["POST /v1/responses → 401 from the provider (… ms)", "GET /v1/models → 200 (… ms)", expect.stringContaining("POST /hooks/codex → 400"), "POST /hooks/codex → 200 (… ms)"];
  expect(await logLines(["--verbose"])).toEqual(expected);
  expect(await logLines([], { NEMO_RELAY_LOG: "debug" })).toEqual(expected);
});

test("--quiet: no request lines", async () => {
  expect(await logLines(["--quiet"])).toEqual([]);
});
