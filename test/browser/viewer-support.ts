/**
 * Shared by the viewer's browser tests: Debian's chromium through playwright-core (a missing
 * browser fails, never skips), and what a session's numbers look like on the page.
 */
import { afterAll, beforeAll } from "bun:test";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { startService, type Service } from "../../bench/processes.ts";
import type { Trajectory } from "../../src/domain/trajectory/schema.ts";

const CHROMIUM = "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install -y chromium; .ci/run installs it)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}

/**
 * For one test file: Chromium, the bench's mock provider, and a bench gateway in front of it
 * (with its control channel), started before the file's tests and stopped after them.
 */
export function browserOnBenchGateway(): { readonly browser: Browser; readonly mock: Service; readonly gateway: Service } {
  const parts = {} as { browser: Browser; mock: Service; gateway: Service };
  beforeAll(async () => {
    parts.browser = await launchChromium();
    parts.mock = await startService("mock-upstream.ts");
    parts.gateway = await startService("gateway-entry.ts", ["--upstream", parts.mock.url], { control: true });
  }, 60_000);
  afterAll(async () => {
    await parts.browser?.close();
    await parts.gateway?.stop();
    await parts.mock?.stop();
  });
  return parts;
}

const n = (x: number | null | undefined) => new Intl.NumberFormat("en-US").format(x ?? 0);

/** The tokens line the page shows for a trajectory's file totals. */
export const fileTokensText = (t: Trajectory): string =>
  `${n(t.final_metrics?.total_prompt_tokens)} in · ${n(t.final_metrics?.total_completion_tokens)} out · ${n(t.final_metrics?.total_cached_tokens)} cached`;

/** Every step of the session and its subagents. */
export const allSteps = (t: Trajectory) => [t, ...(t.subagent_trajectories ?? [])].flatMap((x) => x.steps);
