/**
 * How a page opens a live session, in a real browser: by the session's event stream alone (no
 * second copy by `GET`), long sessions in several slices, a link to a step of a later slice
 * honoured, an ended session shown whole, and a key the gateway does not hold answered with the
 * server's own message. The sessions are driven through the gateway by the bench's Claude Code
 * session (hooks and model calls to a mock provider).
 */
import { expect, setDefaultTimeout, test } from "bun:test";
import type { Page } from "playwright-core";
import { measureLongSession } from "../../bench/measure-sustained.ts";
import { browserOnBenchGateway } from "./viewer-support.ts";

setDefaultTimeout(60_000);

const t = browserOnBenchGateway();

/** A Claude Code session of `turns` turns, two model calls and tool runs each (3 steps a turn): the gateway holds it live, idle after its last Stop. */
async function session(seed: number, turns: number): Promise<{ key: string; llmCalls: number; steps: number }> {
  const limits = { unattributedCalls: 0, sessionTurns: turns, callsPerTurn: 2, subagentCalls: 0, toolOutputBytes: 256, maxMs: 40_000, rssEvery: 10_000, seed };
  const result = await measureLongSession(t.mock.url, t.gateway, limits);
  expect(result.errors).toBe(0);
  const key = `live:bench-long-${seed}`;
  const whole = (await (await fetch(`${t.gateway.url}/ui/api/sessions/${encodeURIComponent(key)}`)).json()) as { trajectory: { steps: unknown[] } };
  return { key, llmCalls: turns * 2, steps: whole.trajectory.steps.length };
}

/** A page on the session; `gets` collects the plain `GET`s of the session (not its event stream) it made. */
async function open(key: string, hash = ""): Promise<{ page: Page; gets: string[]; errors: string[] }> {
  const page = await t.browser.newPage();
  const gets: string[] = [];
  const errors: string[] = [];
  const sessionUrl = `${t.gateway.url}/ui/api/sessions/${encodeURIComponent(key)}`;
  page.on("request", (r) => void (r.url() === sessionUrl && gets.push(r.url())));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${t.gateway.url}/ui/?session=${encodeURIComponent(key)}${hash}`);
  return { page, gets, errors };
}

const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"] .value`);

test("a long live session's page gets it by its event stream alone, in slices, and a link to a late step is honoured", async () => {
  const s = await session(31, 200);
  expect(s.steps).toBeGreaterThan(400); // more than two slices of 200
  const { page, gets, errors } = await open(s.key, `#step-${s.steps - 5}`);
  await figure(page, "llm-calls").filter({ hasText: new RegExp(`^${s.llmCalls}$`) }).waitFor({ timeout: 20_000 });
  const late = page.locator(`#step-${s.steps - 5}`);
  await late.waitFor({ timeout: 10_000 });
  expect(await late.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < el.ownerDocument.documentElement.clientHeight; })).toBe(true);
  expect(await figure(page, "status").textContent()).toBe("idle");
  expect(gets).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test("an ended session that the gateway still holds is shown whole: the page closes its stream only after the last slice", async () => {
  const s = await session(32, 150);
  const ended = await fetch(`${t.gateway.url}/hooks/claude-code`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ session_id: "bench-long-32", hook_event_name: "SessionEnd", reason: "exit" }) });
  expect(ended.ok).toBe(true);
  const { page, gets, errors } = await open(s.key);
  await figure(page, "status").filter({ hasText: /^ended$/ }).waitFor({ timeout: 10_000 });
  await figure(page, "llm-calls").filter({ hasText: new RegExp(`^${s.llmCalls}$`) }).waitFor({ timeout: 10_000 });
  expect(gets).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test("a live key the gateway does not hold: the page falls back to the GET and shows the server's message", async () => {
  const { page, gets } = await open("live:no-such-session");
  await page.locator("main.error").waitFor({ timeout: 10_000 });
  expect(await page.locator("main.error").textContent()).toContain('no session "live:no-such-session" here');
  expect(gets).toHaveLength(1);
  await page.close();
});
