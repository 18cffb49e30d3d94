/**
 * The viewer in headless Chromium (Debian's, through playwright-core): how soon a long session's
 * page paints its first screen (from navigation start to the frame after the first step element
 * was added: an observer installed before the page's own script notes it), for the exported file
 * and for `nemo-relay view`'s served page; and how long a hook takes to show on a live session's open page (the hook's POST
 * to the step's element appearing, both read from the same wall clock).
 *
 * `bun bench/measure-viewer.ts [--quick]` prints the result as JSON (the benchmark runs it in a
 * process of its own).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { AtifFiles } from "../src/adapters/fs/atif-files.ts";
import { exportPage } from "../src/adapters/http/viewer/viewer-assets.ts";
import { startViewerServer } from "../src/adapters/http/viewer/viewer-server.ts";
import { resolveConfig } from "../src/app/config/resolve.ts";
import { gatewayParts } from "../src/app/gateway/parts.ts";
import { startGateway } from "../src/app/gateway/start-gateway.ts";
import { bigSession } from "../test/support/big-session.ts";
import { capturedHooks } from "../test/support/replay.ts";
import type { Row } from "./report.ts";
import { describe, type Distribution } from "./stats.ts";

export interface ViewerResult {
  /** Navigation start to the first step painted, ms, per page and session size. */
  readonly firstScreen: ReadonlyArray<{ readonly page: "export" | "served"; readonly steps: number; readonly bytes: number; readonly painted: Distribution }>;
  /** Hook POST sent → its step on the open page, ms. */
  readonly eventToPage: Distribution;
}

const quick = process.argv.includes("--quick");
const LOADS = quick ? 2 : 7;
const EVENTS = quick ? 5 : 40;

/** Runs before the page's own script (and outside its CSP): the frame after the first step appears. */
const PAINT_PROBE = `new MutationObserver((_, observer) => {
  if (!document.querySelector("main.session .step")) return;
  observer.disconnect();
  requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now(); }));
}).observe(document, { childList: true, subtree: true });`;

async function firstPaint(browser: Browser, url: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.addInitScript(PAINT_PROBE);
    await page.goto(url);
    await page.locator("main.session .step").first().waitFor({ timeout: 20_000 });
    for (let i = 0; i < 100 && (await page.evaluate("window.__painted")) === undefined; i++) await Bun.sleep(10);
    return (await page.evaluate("window.__painted ?? NaN")) as number;
  } finally {
    await page.close();
  }
}

async function firstScreens(browser: Browser, dir: string): Promise<ViewerResult["firstScreen"]> {
  const out: Array<ViewerResult["firstScreen"][number]> = [];
  for (const steps of [1000, 5000]) {
    const trajectory = bigSession(steps);
    const html = join(dir, `big-${steps}.html`);
    writeFileSync(html, exportPage(trajectory));
    const atif = join(dir, `big-${steps}.atif.json`);
    writeFileSync(atif, JSON.stringify(trajectory));
    const server = startViewerServer(new AtifFiles([], [atif]), 0);
    try {
      const key = (await (await fetch(`${server.url}api/sessions`)).json()) as { rows: Array<{ key: string }> };
      const served = `${server.url}?session=${encodeURIComponent(key.rows[0]!.key)}`;
      const exported: number[] = [];
      const fromServer: number[] = [];
      // Alternated, so a burst of load on the machine hits both arms alike.
      for (let i = 0; i < LOADS; i++) {
        exported.push(await firstPaint(browser, `file://${html}`));
        fromServer.push(await firstPaint(browser, served));
      }
      out.push({ page: "export", steps, bytes: Bun.file(html).size, painted: describe(exported) });
      out.push({ page: "served", steps, bytes: Bun.file(atif).size, painted: describe(fromServer) });
    } finally {
      await server.stop();
    }
  }
  return out;
}

async function eventToPage(browser: Browser, dir: string): Promise<Distribution> {
  const resolved = resolveConfig([], [{ path: "bench/plugins.toml", data: { components: [{ kind: "observability", config: { atif: { output_directory: dir } } }] } }], { env: {}, bind: "127.0.0.1:0" });
  if (!resolved.ok) throw new Error(resolved.error.message);
  const started = startGateway(resolved.value, gatewayParts((message) => console.error(message)));
  if (!started.ok) throw new Error(started.error.message);
  const gateway = started.value;
  // A real Claude Code session's own payloads (test/fixtures/claude-code/basic), with a fresh prompt each time.
  const [start, prompt] = capturedHooks("claude-code", "basic");
  const post = (payload: unknown) => fetch(`${gateway.url}/hooks/claude-code`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) }).then((r) => r.text());
  const page = await browser.newPage();
  try {
    await post(start!.payload);
    await page.goto(`${gateway.viewerUrl}?session=${encodeURIComponent(`live:${start!.payload.session_id}`)}`);
    await page.locator("main.session").waitFor();
    // Notes when each probe's step appears (an observer in the page; evaluate is not subject to the page's CSP).
    await page.evaluate(`window.__seen = {}; new MutationObserver(() => { for (const el of document.querySelectorAll(".step.user")) { const m = /probe-(\\d+)/.exec(el.textContent); if (m && !(m[1] in window.__seen)) window.__seen[m[1]] = Date.now(); } }).observe(document.body, { childList: true, subtree: true })`);
    const latencies: number[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const sent = Date.now();
      await post({ ...prompt!.payload, prompt_id: `probe-id-${i}`, prompt: `probe-${i}: what changed?` });
      await page.locator(".step.user", { hasText: `probe-${i}:` }).waitFor({ timeout: 10_000 });
      latencies.push(((await page.evaluate(`window.__seen[${i}]`)) as number) - sent);
    }
    return describe(latencies);
  } finally {
    await page.close();
    await gateway.stop();
  }
}

export async function measureViewer(): Promise<ViewerResult> {
  const dir = mkdtempSync(join(tmpdir(), "nemo-relay-bench-viewer-"));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    return { firstScreen: await firstScreens(browser, dir), eventToPage: await eventToPage(browser, dir) };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) process.stdout.write(`${JSON.stringify(await measureViewer())}\n`);

/** Run in a process of its own (its browser and heaps stay out of the load generator's way). */
export async function viewerSection(quickRun: boolean, progress: (message: string) => void): Promise<ViewerResult> {
  progress("viewer in headless chromium: first screen of 1,000- and 5,000-step sessions, hook-to-page latency");
  const proc = Bun.spawn([process.execPath, join(import.meta.dir, "measure-viewer.ts"), ...(quickRun ? ["--quick"] : [])], { stdout: "pipe", stderr: "inherit" });
  const [text, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  if (code !== 0) throw new Error(`measure-viewer exited ${code}`);
  return JSON.parse(text) as ViewerResult;
}

const msText = (v: number) => `${Math.round(v)} ms`;

export function viewerRows(r: ViewerResult): Row[] {
  const rows: Row[] = r.firstScreen.map((f) => ({
    section: "9 viewer",
    what: `first screen, ${f.steps.toLocaleString("en-US")}-step session, ${f.page === "export" ? "exported HTML file" : "served by nemo-relay view"}`,
    value: `${msText(f.painted.p50)} (max ${msText(f.painted.max)})`,
    budget: "500 ms",
    verdict: f.painted.p50 <= 500 ? "met" : "missed",
    note: `navigation start to the frame after the first step is drawn; ${f.painted.n} loads; ${(f.bytes / 1024 / 1024).toFixed(1)} MiB ${f.page === "export" ? "page" : "JSON"}`,
  }));
  rows.push({
    section: "9 viewer",
    what: "hook to its step on an open live page",
    value: `${msText(r.eventToPage.p50)} / ${msText(r.eventToPage.p95)} / max ${msText(r.eventToPage.max)}`,
    budget: "1 s",
    verdict: r.eventToPage.max <= 1000 ? "met" : "missed",
    note: `p50 / p95 / max of ${r.eventToPage.n} UserPromptSubmit hooks (a real Claude Code payload) through the gateway, server-sent events and the page's render`,
  });
  return rows;
}
