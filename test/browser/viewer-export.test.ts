/**
 * The exported HTML file in a real browser with every network request blocked: a session the
 * real Claude Code recorded (test/fixtures/atif/recorded) shows its prompt, each tool's real
 * output under its call, the subagent in the tree with the file's tokens, the file's totals, one
 * waterfall bar per call; links, find and keys work; hostile output stays text and nothing runs.
 */
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { exportPage } from "../../src/adapters/http/viewer/viewer-assets.ts";
import type { Trajectory } from "../../src/domain/trajectory/schema.ts";
import { recorded } from "../domain/view/recorded.ts";
import { allSteps, fileTokensText, launchChromium } from "./viewer-support.ts";

// A real browser on a shared 2-core machine: generous bounds (each wait inside has its own).
setDefaultTimeout(30_000);

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), "nemo-relay-viewer-export-"));

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the export of `t` offline; returns the page and every URL it tried to fetch. */
async function openExport(t: Trajectory, name: string, hash = ""): Promise<{ page: Page; requested: string[]; errors: string[] }> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, exportPage(t));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requested: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requested.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : route.abort()));
  await page.goto(`file://${file}${hash}`);
  await page.locator("main.session").waitFor();
  return { page, requested: requested.filter((u) => !u.startsWith(`file://${file}`)), errors };
}

test("a real Claude Code session with a subagent: prompt, tool output by its call, tree, totals, waterfall", async () => {
  const t = recorded("claude-subagent");
  const child = t.subagent_trajectories![0]!;
  const { page, requested, errors } = await openExport(t, "claude-subagent");
  expect(requested).toEqual([]);
  expect(errors).toEqual([]);
  await expect(page.locator("#step-1 .message").textContent()).resolves.toBe(t.steps[0]!.message as string);
  // Totals are the file's own.
  await expect(page.locator('[data-figure="tokens"] .value').textContent()).resolves.toBe(fileTokensText(t));
  await expect(page.locator('[data-figure="llm-calls"] .value').textContent()).resolves.toBe(String(allSteps(t).filter((s) => s.extra?.llm_call_id).length));
  // The subagent in the tree: its tokens equal its file totals.
  const node = page.locator(`.tree li[data-agent="${child.trajectory_id}"] .own`);
  await expect(node.textContent()).resolves.toBe(`own ${fileTokensText(child)} · —`);
  // One bar per LLM call and per tool call, subagent's included.
  expect(await page.locator('.bar-row[data-kind="llm"]').count()).toBe(allSteps(t).filter((s) => s.extra?.llm_call_id).length);
  expect(await page.locator('.bar-row[data-kind="tool"]').count()).toBe(allSteps(t).flatMap((s) => s.tool_calls ?? []).length);
  // Following the tree's link opens the subagent: its Bash call with the command's real output under it.
  await page.locator(`.tree li[data-agent="${child.trajectory_id}"] a`).click();
  const bash = page.locator(".subagent .call", { has: page.locator(".fn", { hasText: "Bash" }) });
  await expect(bash.locator(".output").isVisible()).resolves.toBe(true);
  expect(await bash.locator(".output").textContent()).toContain('"stdout": "nemo-sub-42"');
  // The README's screenshot (docs/viewer.png) is this page: NEMO_RELAY_VIEWER_SCREENSHOT=docs/viewer.png bun test test/browser/viewer-export.test.ts
  const shot = process.env.NEMO_RELAY_VIEWER_SCREENSHOT;
  if (shot) {
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: shot });
  }
  await page.close();
});

test("a link to a subagent's step opens at that step; find and j/k move between steps and update the address", async () => {
  const t = recorded("codex-subagent");
  const child = t.subagent_trajectories![0]!;
  const anchor = `agent-${child.trajectory_id}-step-2`;
  const { page } = await openExport(t, "codex-subagent", `#${anchor}`);
  await expect(page.locator(`#${anchor}`).isVisible()).resolves.toBe(true);
  await page.locator("#find").fill("nemo-sub-42");
  await page.locator("#find").press("Enter");
  const first = await page.locator(".current-match").getAttribute("id");
  expect(first).toMatch(/step-\d+$/);
  expect(await page.evaluate("location.hash")).toBe(`#${first}`);
  expect(await page.locator(".find-status").textContent()).toMatch(/^1 of \d+$/);
  await page.locator("#find").press("Escape");
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  expect(await page.evaluate("document.activeElement?.id")).toBe("step-2");
  expect(await page.evaluate("location.hash")).toBe("#step-2");
  await page.close();
});

test("tool output and a message carrying markup and script are shown as text; nothing executes", async () => {
  const t = recorded("codex-basic");
  const hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
  const steps = t.steps.map((s) =>
    s.observation
      ? { ...s, message: `**ok** <img src=x onerror="window.__pwned = 3"> [x](javascript:window.__pwned=4)`, observation: { results: s.observation.results.map((r) => ({ ...r, content: hostile })) } }
      : s,
  );
  const { page, requested, errors } = await openExport({ ...t, steps }, "hostile");
  expect(requested).toEqual([]);
  expect(errors).toEqual([]);
  expect(await page.evaluate("window.__pwned")).toBeUndefined();
  expect(await page.locator("main img, main script, main a[href^='javascript']").count()).toBe(0);
  expect(await page.locator("#step-2 .output").textContent()).toBe(hostile);
  expect(await page.locator("#step-2 .message").textContent()).toBe(`ok <img src=x onerror="window.__pwned = 3"> [x](javascript:window.__pwned=4)`);
  // The Markdown that is allowed is rendered, as elements built by the page, not parsed HTML.
  expect(await page.locator("#step-2 .message strong").textContent()).toBe("ok");
  await page.close();
});

test("light and dark follow the system", async () => {
  const { page } = await openExport(recorded("codex-basic"), "scheme");
  const background = () => page.evaluate("getComputedStyle(document.body).backgroundColor");
  await page.emulateMedia({ colorScheme: "light" });
  const light = await background();
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await background()).not.toBe(light);
  await page.close();
});
