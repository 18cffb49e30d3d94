/**
 * A live page in a real browser on a Claude Code session whose subagent keeps working: its calls
 * go through the gateway to a mock provider, its tool hooks carry 2 KiB outputs, and the page is
 * opened part-way, as the viewer opens it. The page ends showing every step of the subagent, and
 * a section the reader opened stays open while the subagent grows.
 */
import { expect, setDefaultTimeout, test } from "bun:test";
import { measureLongSubagent } from "../../bench/measure-sustained.ts";
import { browserOnBenchGateway } from "./viewer-support.ts";

setDefaultTimeout(60_000);

const t = browserOnBenchGateway();

test("a subagent of 400 calls watched from call 100: the page shows all of its steps, its open section still open", async () => {
  const limits = { unattributedCalls: 0, sessionTurns: 0, callsPerTurn: 0, subagentCalls: 400, toolOutputBytes: 2048, maxMs: 40_000, rssEvery: 1_000, seed: 7 };
  const key = encodeURIComponent("live:bench-subagent-7");
  const page = await t.browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  let opened: Promise<void> | undefined;
  // The bench's phase drives the session; the page opens once the subagent has 100 calls behind it.
  const run = measureLongSubagent(t.mock.url, t.gateway, limits, {});
  const poll = setInterval(() => {
    if (opened) return;
    void fetch(`${t.gateway.url}/ui/api/sessions/${key}`).then(async (r) => {
      if (opened || !r.ok) return;
      const steps = ((await r.json()) as { trajectory: { subagent_trajectories?: Array<{ steps: unknown[] }> } }).trajectory.subagent_trajectories?.[0]?.steps.length ?? 0;
      if (steps < 200 || opened) return;
      opened = (async () => {
        await page.goto(`${t.gateway.url}/ui/?session=${key}`);
        await page.locator("details.subagent > summary").first().click(); // the reader opens the subagent
      })();
    });
  }, 100);
  const result = await run;
  clearInterval(poll);
  expect(opened).toBeDefined(); // the page was opened while the subagent was still working
  await opened;
  expect(result.errors).toBe(0);
  const session = (await (await fetch(`${t.gateway.url}/ui/api/sessions/${key}`)).json()) as { trajectory: { subagent_trajectories: Array<{ steps: unknown[] }> } };
  const steps = session.trajectory.subagent_trajectories[0]!.steps.length;
  expect(steps).toBeGreaterThan(400);
  await page.locator("details.subagent > summary", { hasText: ` ${steps} steps` }).waitFor({ timeout: 20_000 });
  expect(await page.locator("details.subagent").first().evaluate((d) => d.hasAttribute("open"))).toBe(true);
  expect(await page.locator("details.subagent .step").count()).toBe(steps);
  expect(errors).toEqual([]);
});
