/**
 * A 5,000-step session (the recorded real Codex turn repeated, test/support/big-session.ts) in a
 * real browser: the page builds only its first screenful of steps, yet a link, find and the end
 * of the waterfall reach any of them. How fast is the bench's business (bench/measure-viewer.ts).
 */
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { exportPage } from "../../src/adapters/http/viewer/viewer-assets.ts";
import { bigSession } from "../support/big-session.ts";
import { launchChromium } from "./viewer-support.ts";

// A real browser on a shared 2-core machine: generous bounds (each wait inside has its own).
setDefaultTimeout(30_000);

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), "nemo-relay-viewer-scale-"));
const file = join(dir, "big.html");
const session = bigSession(5000);

beforeAll(async () => {
  browser = await launchChromium();
  writeFileSync(file, exportPage(session));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const stepsShown = "main.session > .steps > .step";

test("only the first screenful of 5,000 steps is built; scrolling builds more", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`file://${file}`);
  await page.locator(stepsShown).first().waitFor();
  const first = await page.locator(stepsShown).count();
  expect(first).toBeGreaterThan(0);
  expect(first).toBeLessThan(200);
  // The waterfall shows its first bars and offers the rest.
  expect(await page.locator(".bar-row").count()).toBeLessThan(200);
  await page.locator(".waterfall button").click();
  const calls = session.steps.filter((s) => s.extra?.llm_call_id).length + session.steps.flatMap((s) => s.tool_calls ?? []).length;
  expect(await page.locator(".bar-row").count()).toBe(calls);
  await page.locator(stepsShown).last().scrollIntoViewIfNeeded();
  await page.locator(stepsShown).nth(first).waitFor();
  expect(await page.locator(stepsShown).count()).toBeGreaterThan(first);
  await page.close();
});

test("a link deep into the session and a find for its last step both bring it on screen", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`file://${file}#step-4000`);
  await expect(page.locator("#step-4000").isVisible()).resolves.toBe(true);
  const last = session.steps.at(-1)!;
  // Every repeated turn says the same; the last step's call id is its own.
  const id = (last.tool_calls?.[0]?.tool_call_id ?? session.steps.at(-2)!.tool_calls![0]!.tool_call_id);
  await page.locator("#find").fill(id);
  await page.locator("#find").press("Enter");
  const found = await page.locator(".current-match").getAttribute("id");
  expect(found).toBe(`step-${session.steps.findIndex((s) => JSON.stringify(s).includes(id)) + 1}`);
  await expect(page.locator(".current-match").isVisible()).resolves.toBe(true);
  await page.close();
});
