/**
 * A/B of two builds of the gateway: is B faster than A, by how much, with a confidence interval.
 * Each revision is checked out into a temporary git worktree (sharing this repository's
 * node_modules) and served by its own `bench/gateway-entry.ts`; both answer the same mock
 * provider, and every cycle calls each once, in a fresh random order (paired). With A = B the
 * harness still favours one process by up to ~0.03 ms, so it runs twice, the processes started in
 * opposite orders, and the verdict is the mean of the two rounds' differences.
 *
 *   bun bench/ab.ts A B [--stream] [--api responses|messages] [--cycles N]
 *   bun bench/ab.ts HEAD~1 .            # what the last commit changed ("." is the working tree)
 *   bun bench/ab.ts main . --stream     # first streamed content and end of stream
 */
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timedBuffered, timedStream, type Call } from "./http-client.ts";
import { compare, runPaired, type Limits } from "./paired.ts";
import { API_PATH, requestBody, requestHeaders, type Api } from "./payloads.ts";
import { ROOT, startService, type Service } from "./processes.ts";
import type { Estimate } from "./stats.ts";

export interface AbOptions {
  readonly a: string;
  readonly b: string;
  readonly stream: boolean;
  readonly api: Api;
  readonly limits: Limits;
}

export interface AbResult {
  readonly a: string;
  readonly b: string;
  /** B − A per metric (`latency`, or `first` and `end` for streams): each round, and their mean. */
  readonly metrics: Record<string, { readonly rounds: Estimate[]; readonly mean: number }>;
}

/** A revision's tree: "." is this working tree, anything else a temporary detached worktree. */
function checkout(rev: string, parent: string): { dir: string; remove(): void } {
  if (rev === ".") return { dir: ROOT, remove: () => {} };
  const dir = join(parent, rev.replace(/[^A-Za-z0-9._-]/g, "_"));
  const added = Bun.spawnSync(["git", "worktree", "add", "--detach", dir, rev], { cwd: ROOT, stderr: "pipe" });
  if (added.exitCode !== 0) throw new Error(`cannot check out ${rev}: ${added.stderr.toString().trim()}`);
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return { dir, remove: () => void Bun.spawnSync(["git", "worktree", "remove", "--force", dir], { cwd: ROOT }) };
}

export async function compareBuilds(options: AbOptions): Promise<AbResult> {
  const parent = mkdtempSync(join(tmpdir(), "nemo-relay-ab-"));
  const trees: Array<ReturnType<typeof checkout>> = [];
  const services: Service[] = [];
  try {
    for (const rev of [options.a, options.b]) trees.push(checkout(rev, parent));
    const mock = await startService("mock-upstream.ts");
    services.push(mock);
    const metrics = options.stream ? ["first", "end"] : ["latency"];
    const rounds: Record<string, Estimate[]> = Object.fromEntries(metrics.map((m) => [m, []]));
    for (const order of [["a", "b"], ["b", "a"]] as const) {
      const started: Record<string, Service> = {};
      for (const arm of order) {
        const dir = trees[arm === "a" ? 0 : 1]!.dir;
        started[arm] = await startService(join(dir, "bench", "gateway-entry.ts"), ["--upstream", mock.url, "--atif", join(parent, `atif-${arm}`)]);
      }
      try {
        const run = await runPaired(
          (["a", "b"] as const).map((arm) => ({ name: arm, sample: sampler(started[arm]!.url, options) })),
          options.limits,
        );
        for (const metric of metrics) rounds[metric]!.push(compare(run, metric, "b", "a").difference);
      } finally {
        for (const service of Object.values(started)) await service.stop();
      }
    }
    return {
      a: options.a,
      b: options.b,
      metrics: Object.fromEntries(metrics.map((m) => [m, { rounds: rounds[m]!, mean: rounds[m]!.reduce((sum, e) => sum + e.median, 0) / rounds[m]!.length }])),
    };
  } finally {
    for (const service of services) await service.stop();
    for (const tree of trees) tree.remove();
    rmSync(parent, { recursive: true, force: true });
  }
}

function sampler(base: string, options: AbOptions): () => Promise<Record<string, number[]>> {
  const call: Call = {
    url: `${base}${API_PATH[options.api]}`,
    body: requestBody(options.api, 4096, options.stream),
    headers: { ...requestHeaders(options.api), "x-mock-chunks": "50" },
  };
  if (!options.stream) return async () => ({ latency: [await timedBuffered(call)] });
  return async () => {
    const t = await timedStream(call);
    return { first: [t.firstMs], end: [t.endMs] };
  };
}

function parseArgs(argv: readonly string[]): AbOptions {
  const revs = argv.filter((a, i) => !a.startsWith("--") && !["--api", "--cycles"].includes(argv[i - 1] ?? ""));
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const api = value("--api") ?? "responses";
  const cycles = Number(value("--cycles") ?? 3000);
  if (revs.length !== 2 || (api !== "responses" && api !== "messages") || !Number.isInteger(cycles) || cycles < 1) {
    throw new Error("usage: bun bench/ab.ts A B [--stream] [--api responses|messages] [--cycles N]   (A, B: git revisions, or . for the working tree)");
  }
  return { a: revs[0]!, b: revs[1]!, stream: argv.includes("--stream"), api, limits: { cycles, maxMs: 15_000, warmup: 300, seed: 41 } };
}

if (import.meta.main) {
  let options: AbOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const result = await compareBuilds(options).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
  const ms = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(3)} ms`;
  console.log(`${result.b} − ${result.a}, ${options.api} 4 KiB ${options.stream ? "stream (50 chunks)" : "buffered"}, c=1:`);
  for (const [metric, { rounds, mean }] of Object.entries(result.metrics)) {
    const each = rounds.map((r) => `${ms(r.median)} [${ms(r.ciLow)}, ${ms(r.ciHigh)}] (${r.n} cycles)`).join("; started the other way round ");
    console.log(`  ${metric.padEnd(7)} ${ms(mean)}   (${each})`);
  }
}
