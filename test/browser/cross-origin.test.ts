/**
 * Local means local, in a real browser (Debian's chromium through playwright-core; a missing
 * browser fails this test, it never skips): a page on another origin can neither post a hook to
 * the gateway (simple or JSON) nor read what it serves, and a page that rebinds a name of its own
 * to 127.0.0.1 (simulated with chromium's host resolver rules) gets a 421, not the gateway's data.
 * Nothing the pages sent is recorded.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { startGatewayProcess, type GatewayProcess, atifInto } from "../reliability/support/gateway-process.ts";
import { tempDir } from "../reliability/support/test-gateway.ts";

const CHROMIUM = "/usr/bin/chromium";

let browser: Browser;
let gateway: GatewayProcess;
let attacker: ReturnType<typeof Bun.serve>;
let atif: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install -y chromium; .ci/run installs it)`);
  const dir = tempDir("browser");
  atif = join(dir, "atif");
  gateway = await startGatewayProcess({ dir, pluginsToml: atifInto(atif) });
  attacker = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("<!doctype html><title>some page</title><p>hello</p>", { headers: { "content-type": "text/html" } }) });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--host-resolver-rules=MAP attacker.test 127.0.0.1"] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  attacker?.stop(true);
  if (gateway) {
    gateway.proc.kill("SIGTERM");
    await gateway.exited();
  }
});

test("a page on another origin cannot post a hook or read the gateway", async () => {
  const page = await browser.newPage();
  await page.goto(`http://attacker.test:${attacker.port}/`);
  const outcome = await page.evaluate(async (gatewayUrl) => {
    const body = JSON.stringify({ session_id: "from-a-page", hook_event_name: "UserPromptSubmit", prompt: "injected by a page" });
    const attempt = async (run: () => Promise<Response>) => {
      try {
        const r = await run();
        return { status: r.status, type: r.type, text: r.type === "opaque" ? "" : await r.text() };
      } catch (error) {
        return { error: String(error) };
      }
    };
    return {
      // A "simple" request: no preflight, the browser sends it and hides the answer.
      simple: await attempt(() => fetch(`${gatewayUrl}/hooks/codex`, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body })),
      // JSON needs a preflight, which is refused.
      json: await attempt(() => fetch(`${gatewayUrl}/hooks/codex`, { method: "POST", headers: { "content-type": "application/json" }, body })),
      read: await attempt(() => fetch(`${gatewayUrl}/healthz`)),
    };
  }, gateway.url);
  expect(outcome.simple).toEqual({ status: 0, type: "opaque", text: "" });
  expect(outcome.json).toEqual({ error: "TypeError: Failed to fetch" });
  expect(outcome.read).toEqual({ error: "TypeError: Failed to fetch" });
  await page.close();
});

test("a rebinding page (its own name resolving to 127.0.0.1) gets a 421, not the gateway's data", async () => {
  const page = await browser.newPage();
  const port = new URL(gateway.url).port;
  const response = await page.goto(`http://attacker.test:${port}/healthz`);
  expect(response?.status()).toBe(421);
  const text = await page.textContent("body");
  expect(text).toContain("misdirected_host");
  expect(text).not.toContain('"status":"ok"');
  await page.close();
});

test("nothing the pages sent was recorded, and each refusal was logged", async () => {
  expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
  gateway.proc.kill("SIGTERM");
  expect(await gateway.exited()).toBe(0);
  expect(existsSync(atif) ? readdirSync(atif) : []).toEqual([]);
  const refusals = gateway.stderr().split("\n").filter((line) => line.includes("refused "));
  // The simple POST, the JSON request's preflight, the read and the rebinding navigation.
  expect(refusals.length).toBeGreaterThanOrEqual(4);
});
