/**
 * The gateway's own viewer at /ui, live, in a real browser: a captured real Claude Code session
 * (test/fixtures/claude-code/subagent.*, hooks and provider calls) is replayed through a running
 * gateway while its page is open; after every hook and call the page shows the gateway's steps
 * without a reload; it is live from the prompt, idle once Stop closed the turn, ended at SessionEnd. Same-origin requests from /ui
 * work; a page on another origin still reads nothing.
 */
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { capturedExchanges, capturedHooks, replay, replayUpstream } from "../support/replay.ts";
import { startTestGateway, type TestGateway } from "../reliability/support/test-gateway.ts";
import { AtifFiles } from "../../src/adapters/fs/atif-files.ts";
import { GatewayRelay } from "../../src/adapters/http/viewer/gateway-relay.ts";
import { startViewerServer } from "../../src/adapters/http/viewer/viewer-server.ts";
import { fileTokensText, launchChromium } from "./viewer-support.ts";

// A real browser on a shared 2-core machine: generous bounds (each wait inside has its own).
setDefaultTimeout(30_000);

const hooks = capturedHooks("claude-code", "subagent");
const exchanges = capturedExchanges("claude-code", "subagent");
const sessionId = hooks[0]!.payload.session_id as string;

let browser: Browser;
let t: TestGateway;
let upstream: ReturnType<typeof replayUpstream>;

beforeAll(async () => {
  browser = await launchChromium();
  upstream = replayUpstream(exchanges);
  t = startTestGateway({ upstreams: { anthropic: upstream.url } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  upstream?.stop();
});

const snapshot = () => t.gateway.service.snapshot(sessionId)?.trajectory;

/** Bounded: the page must catch up with the gateway (how fast is the bench's business). */
async function pageShows(page: Page, steps: number): Promise<void> {
  if (steps === 0) return;
  const shown = page.locator("main.session > .steps > .step");
  await shown.nth(steps - 1).waitFor({ timeout: 5_000 });
  expect(await shown.count()).toBe(steps);
}

test("a replayed real session appears step by step on the open page, no reload, and ends at SessionEnd", async () => {
  const [first, ...rest] = hooks;
  const res = await fetch(`${t.gateway.url}/hooks/claude-code`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(first!.payload) });
  expect(res.status).toBe(200);

  const list = await browser.newPage();
  await list.goto(`${t.gateway.url}/ui/`);
  await list.locator(`tr[data-key="live:${sessionId}"] .badge`).waitFor();
  // Started, no prompt yet: between turns.
  expect(await list.locator(`tr[data-key="live:${sessionId}"] .badge`).textContent()).toBe("idle");

  const page = await browser.newPage();
  const failed: string[] = [];
  // The page closes its event stream itself once the session has ended: that one is no failure.
  page.on("requestfailed", (r) => void (!r.url().endsWith("/events") && failed.push(r.url())));
  page.on("response", (r) => void (r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`)));
  await page.goto(`${t.gateway.url}/ui/?session=${encodeURIComponent(`live:${sessionId}`)}`);
  await page.locator("main.session").waitFor();
  await page.evaluate("window.__sameDocument = true");
  const status = page.locator('[data-figure="status"] .value');
  expect(await status.textContent()).toBe("idle");

  const seen: number[] = [];
  await replay(t.gateway.url, "claude-code", rest, exchanges, {
    after: async (what) => {
      await t.gateway.settled();
      const steps = snapshot()?.steps.length ?? 0;
      await pageShows(page, steps);
      seen.push(steps);
      // Inside the turn from the prompt on; between turns again once Stop closed it.
      if (what === "hook UserPromptSubmit") await status.filter({ hasText: /^live$/ }).waitFor({ timeout: 5_000 });
      if (what === "hook Stop") await status.filter({ hasText: /^idle$/ }).waitFor({ timeout: 5_000 });
    },
  });
  // The page grew with the session, one replayed event at a time, in the same document.
  expect(new Set(seen).size).toBeGreaterThan(2);
  expect(await page.evaluate("window.__sameDocument")).toBe(true);
  const final = snapshot()!;
  await status.filter({ hasText: /^ended$/ }).waitFor({ timeout: 5_000 });
  expect(await page.locator('[data-figure="tokens"] .value').textContent()).toBe(fileTokensText(final));
  // The subagent arrived too: folded, its section says how many steps it has and builds none of them; opened, it shows them all.
  const child = final.subagent_trajectories![0]!;
  expect(await page.locator(`.tree li[data-agent="${child.trajectory_id}"]`).count()).toBe(1);
  expect(await page.locator("details.subagent > summary").textContent()).toBe(`subagent ${child.agent.name} · ${child.steps.length} steps`);
  expect(await page.locator(".subagent .step").count()).toBe(0);
  await page.locator("details.subagent > summary").click();
  await page.locator(".subagent .step").nth(child.steps.length - 1).waitFor({ timeout: 5_000 });
  expect(await page.locator(".subagent .step").count()).toBe(child.steps.length);
  await list.locator(`tr[data-key="live:${sessionId}"] .badge`, { hasText: "ended" }).waitFor({ timeout: 5_000 });
  expect(failed).toEqual([]);
  await Promise.all([page.close(), list.close()]);
}, 60_000);

test("a replayed real Codex session with a failing command: the call shows failed, its real output under it, live", async () => {
  const codexHooks = capturedHooks("codex", "fail");
  const codexExchanges = capturedExchanges("codex", "fail");
  const codexUpstream = replayUpstream(codexExchanges);
  const gw = startTestGateway({ upstreams: { openai: codexUpstream.url } });
  const id = codexHooks[0]!.payload.session_id as string;
  const page = await browser.newPage();
  try {
    const [first, ...rest] = codexHooks;
    expect((await fetch(`${gw.gateway.url}/hooks/codex`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(first!.payload) })).status).toBe(200);
    await page.goto(`${gw.gateway.url}/ui/?session=${encodeURIComponent(`live:${id}`)}`);
    await page.locator("main.session").waitFor();
    await replay(gw.gateway.url, "codex", rest, codexExchanges, {
      after: async () => {
        await gw.gateway.settled();
        await pageShows(page, gw.gateway.service.snapshot(id)?.trajectory.steps.length ?? 0);
      },
    });
    expect(codexUpstream.mismatches).toEqual([]);
    const call = page.locator(".call", { has: page.locator(".fn", { hasText: "exec_command" }) });
    await call.locator(".status", { hasText: "failed" }).waitFor({ timeout: 5_000 });
    expect(await call.locator(".output").textContent()).toContain("nemo-fail-42");
    expect(await call.locator(".status").textContent()).toContain("failed: Process exited with code 3");
    await page.locator('[data-figure="status"] .value', { hasText: /^ended$/ }).waitFor({ timeout: 5_000 });
  } finally {
    await page.close();
    await gw.stop();
    codexUpstream.stop();
  }
});

test("nemo-relay view's own server relays a running gateway's live sessions: the list and the session update as hooks arrive", async () => {
  const basic = capturedHooks("claude-code", "basic");
  const id = basic[0]!.payload.session_id as string;
  const view = startViewerServer(new AtifFiles([], []), 0, new GatewayRelay(t.gateway.url));
  const post = (payload: unknown) => fetch(`${t.gateway.url}/hooks/claude-code`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
  const page = await browser.newPage();
  try {
    await page.goto(view.url);
    await page.locator("main.list").waitFor();
    // The session starts after the list is open: its row arrives through the relayed event stream.
    expect((await post(basic[0]!.payload)).status).toBe(200);
    const row = page.locator(`tr[data-key="live:${id}"]`);
    await row.waitFor({ timeout: 5_000 });
    await row.locator("a").click();
    await page.locator("main.session").waitFor();
    const prompt = basic.find((h) => h.event === "UserPromptSubmit")!;
    expect((await post(prompt.payload)).status).toBe(200);
    await page.locator("#step-1.user").waitFor({ timeout: 5_000 });
    expect(await page.locator("#step-1 .message").textContent()).toBe(prompt.payload.prompt as string);
    expect(new URL(page.url()).origin).toBe(new URL(view.url).origin);
  } finally {
    await page.close();
    await view.stop();
  }
});

test("a page on another origin cannot read the viewer's data or its event stream", async () => {
  const attacker = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("<!doctype html><p>hello</p>", { headers: { "content-type": "text/html" } }) });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${attacker.port}/`);
    const outcome = await page.evaluate(async (gw) => {
      const read = async (path: string) => {
        try {
          const r = await fetch(`${gw}${path}`);
          return `${r.status} ${await r.text()}`;
        } catch (error) {
          return `blocked: ${String(error)}`;
        }
      };
      const stream = await new Promise<string>((resolve) => {
        const es = new (globalThis as unknown as { EventSource: new (url: string) => { onmessage: () => void; onerror: () => void; close(): void } }).EventSource(`${gw}/ui/api/events`);
        es.onmessage = () => resolve("message");
        es.onerror = () => {
          es.close();
          resolve("error");
        };
        setTimeout(() => resolve("timeout"), 3000);
      });
      return { list: await read("/ui/api/sessions"), session: await read(`/ui/api/sessions/live%3A${"x"}`), stream };
    }, t.gateway.url);
    expect(outcome.list).toStartWith("blocked:");
    expect(outcome.session).toStartWith("blocked:");
    expect(outcome.stream).toBe("error");
    await page.close();
  } finally {
    attacker.stop(true);
  }
});
