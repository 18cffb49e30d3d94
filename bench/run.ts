/**
 * `bun run bench` (`--quick` for a smoke run): the SPEC §5 budgets measured on loopback,
 * paired and rotated against the direct call. The gateway, the mock provider and the floor
 * proxy each run in their own process; this one only generates load and measures at the client.
 * Progress goes to stderr, the table to stdout, everything to bench/results/latest.json.
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import { compileBinaries, removeBinaries, type Binary } from "./compile.ts";
import { installPackage } from "./install-package.ts";
import { nowMs } from "./http-client.ts";
import { FULL, QUICK, type Plan } from "./plan.ts";
import { BENCH, startService, type Service } from "./processes.ts";
import { gitInfo, machineInfo, printTable, writeJson, type Row } from "./report.ts";
import { agedRow, bufferedRows, coldStartRows, hookRows, memoryRows, snapshotRows, streamRows, throughputRows } from "./rows.ts";
import { coldStartSection, hookSection, latencySection, memorySection, snapshotSection, sustainedSection, type Context } from "./sections.ts";
import { floorRows, sustainedRows } from "./sustained-rows.ts";
import { viewerRows, viewerSection } from "./measure-viewer.ts";

const startedAt = nowMs();
const progress = (message: string) => process.stderr.write(`[bench ${((nowMs() - startedAt) / 1000).toFixed(1)}s] ${message}\n`);

export async function runBench(plan: Plan, output: string): Promise<{ rows: Row[]; seconds: number }> {
  const machine = machineInfo();
  const services: Service[] = [];
  const rows: Row[] = [];
  const results: Record<string, unknown> = {};
  const load: Record<string, number> = {};
  let binaries: Binary[] = [];
  try {
    const mock = await startService("mock-upstream.ts");
    services.push(mock);
    const bare = await startService("bare-proxy.ts", ["--upstream", mock.url]);
    services.push(bare);
    progress(`mock provider ${mock.url}, floor proxy ${bare.url}`);
    const ctx: Context = { plan, mock, bare, progress, load };

    const latency = await latencySection(ctx);
    rows.push(...bufferedRows(latency.buffered), ...streamRows(latency.streams), ...throughputRows(latency.throughput), agedRow(latency.aged, latency.throughput.gatewayCalls));
    Object.assign(results, { buffered: latency.buffered, streams: latency.streams, throughput: latency.throughput, aged: latency.aged });
    const floor = floorRows(latency.buffered, latency.throughput);

    const sustained = await sustainedSection(ctx);
    Object.assign(results, { sustained });

    if (plan.compile) {
      progress("compiling the CLI (bun build --compile) and installing the package (npm pack, npm install -g)");
      binaries = [...compileBinaries(), installPackage()];
    }
    const hooks = await hookSection(ctx, binaries);
    rows.push(...hookRows(hooks.processHooks, hooks.httpHooks));
    const coldStart = await coldStartSection(ctx, binaries);
    rows.push(...coldStartRows(coldStart));
    Object.assign(results, { binaries, ...hooks, coldStart });

    const { sessions, listed } = await memorySection(ctx);
    rows.push(...memoryRows(latency.idle, latency.loadPeakRss, sessions, listed));
    Object.assign(results, { memory: { idle: latency.idle, loadPeakRss: latency.loadPeakRss, sessions, listed } });

    const snapshots = await snapshotSection(ctx);
    rows.push(...snapshotRows(snapshots), ...sustainedRows(sustained), ...floor);
    Object.assign(results, { snapshots });

    load.viewer = loadavg()[0]!;
    const viewer = await viewerSection(plan.name === "quick", progress);
    rows.push(...viewerRows(viewer));
    Object.assign(results, { viewer });
  } finally {
    for (const service of services) await service.stop();
    removeBinaries(binaries);
  }
  const seconds = (nowMs() - startedAt) / 1000;
  writeJson(output, {
    date: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: loadavg(), loadAverageBySection: load },
    git: gitInfo(),
    plan: { ...plan, buffered: Object.fromEntries(plan.concurrencies.flatMap((c) => plan.bodySizes.map((b) => [`${b}B c=${c}`, plan.buffered(b, c)]))) },
    seconds,
    rows,
    results,
  });
  return { rows, seconds };
}

if (import.meta.main) {
  const quick = process.argv.includes("--quick");
  const at = process.argv.indexOf("--out");
  const output = at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : join(BENCH, "results", quick ? "quick.json" : "latest.json");
  const machine = machineInfo();
  progress(`${quick ? "quick" : "full"} run on ${machine.os}, ${machine.cpus} × ${machine.cpuModel}, bun ${machine.bun}, load ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  const { rows, seconds } = await runBench(quick ? QUICK : FULL, output);
  console.log(printTable(rows));
  const met = rows.filter((r) => r.verdict === "met").length;
  const missed = rows.filter((r) => r.verdict === "missed").length;
  console.log(`\n${met} budget rows met, ${missed} missed; ${seconds.toFixed(1)} s; load average now ${loadavg().map((x) => x.toFixed(2)).join(" ")}; results in ${output}`);
}
