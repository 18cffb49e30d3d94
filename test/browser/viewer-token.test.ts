/**
 * The gateway's viewer with a token, in a real browser: opening /ui/?token=… once leaves the
 * token out of the address and every later request of the page (script, data, event stream)
 * carries it as a cookie; a browser without it gets only the 401.
 */
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser } from "playwright-core";
import { startTestGateway, type TestGateway } from "../reliability/support/test-gateway.ts";
import { launchChromium } from "./viewer-support.ts";

setDefaultTimeout(30_000);

const TOKEN = "a-viewer-token-long-enough-0123456789";
let browser: Browser;
let t: TestGateway;

beforeAll(async () => {
  browser = await launchChromium();
  t = startTestGateway({ env: { NEMO_RELAY_AUTH_TOKEN: TOKEN } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

test("the token in the address once: the page loads and lists live sessions, and the address no longer holds it", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const failed: string[] = [];
  page.on("response", (r) => void (r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`)));
  await page.goto(`${t.gateway.url}/ui/?token=${TOKEN}`);
  await page.locator("main.list").waitFor();
  expect(page.url()).toBe(`${t.gateway.url}/ui/`);
  // A session started now reaches the open list through the event stream, which needed the cookie too.
  const res = await fetch(`${t.gateway.url}/hooks/codex`, { method: "POST", headers: { "content-type": "application/json", "x-nemo-relay-token": TOKEN }, body: JSON.stringify({ hook_event_name: "UserPromptSubmit", session_id: "token-s1", turn_id: "t1", prompt: "hello" }) });
  expect(res.status).toBe(200);
  await page.locator('tr[data-key="live:token-s1"]').waitFor({ timeout: 5_000 });
  expect(failed).toEqual([]);
  await context.close();
});

test("a browser without the token gets the 401 and no page", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${t.gateway.url}/ui/`);
  expect(response?.status()).toBe(401);
  expect(await page.locator("main").count()).toBe(0);
  await context.close();
});
