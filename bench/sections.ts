/**
 * The benchmark's sections, each against gateways of its own: a fresh gateway process per
 * measurement, so no figure inherits the state an earlier one left behind — except the "aged"
 * one, which measures exactly that on purpose.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Binary } from "./compile.ts";
import { measureColdStart, type ColdStartResult } from "./measure-cold-start.ts";
import { measureHttpHooks, measureProcessHooks, type HttpHookResult, type ProcessHookResult } from "./measure-hooks.ts";
import { measureBuffered, measureStream, type BufferedResult, type StreamResult } from "./measure-latency.ts";
import { measureIdle, measureSessions, type IdleMemory, type SessionsMemory } from "./measure-memory.ts";
import { measureLongSession, measureLongSubagent, measureUnattributed, type SustainedResult } from "./measure-sustained.ts";
import { measureThroughput, type ThroughputResult } from "./measure-throughput.ts";
import type { Plan } from "./plan.ts";
import { APIS } from "./payloads.ts";
import { BENCH, startService, type Service } from "./processes.ts";
import type { SnapshotGrowth } from "./snapshot-growth.ts";

export interface Context {
  readonly plan: Plan;
  readonly mock: Service;
  readonly bare: Service;
  readonly progress: (message: string) => void;
  /** One-minute load average when each section began (other work on the machine shows here). */
  readonly load: Record<string, number>;
}

/** Runs `use` against a fresh gateway (own process, ATIF into a temp directory), then stops it. */
export async function withGateway<T>(ctx: Context, use: (gateway: Service) => Promise<T>, env?: Record<string, string>): Promise<T> {
  const atif = mkdtempSync(join(tmpdir(), "nemo-relay-bench-atif-"));
  const gateway = await startService("gateway-entry.ts", ["--upstream", ctx.mock.url, "--atif", atif], { control: true, env });
  try {
    return await use(gateway);
  } finally {
    await gateway.stop();
    rmSync(atif, { recursive: true, force: true });
  }
}

function begin(ctx: Context, section: string, message: string): void {
  ctx.load[section] = loadavg()[0]!;
  ctx.progress(message);
}

export interface LatencyResults {
  readonly idle: IdleMemory;
  readonly buffered: BufferedResult[];
  readonly streams: StreamResult[];
  readonly throughput: ThroughputResult;
  /** 4 KiB c=1 on the gateway the throughput rounds left behind. */
  readonly aged: BufferedResult;
  readonly loadPeakRss: number;
}

export async function latencySection(ctx: Context): Promise<LatencyResults> {
  const { plan } = ctx;
  const endpoints = (gateway: Service) => ({ direct: ctx.mock.url, gateway: gateway.url, bare: ctx.bare.url });
  begin(ctx, "latency", "idle memory of a fresh gateway");
  const idle = await withGateway(ctx, (gateway) => measureIdle(gateway));
  const buffered: BufferedResult[] = [];
  for (const concurrency of plan.concurrencies)
    for (const bytes of plan.bodySizes)
      for (const api of APIS) {
        ctx.progress(`buffered ${api} ${bytes} B c=${concurrency}`);
        const noise = bytes === plan.bodySizes[0] && concurrency === 1;
        buffered.push(await withGateway(ctx, (gateway) => measureBuffered(endpoints(gateway), { api, bytes, concurrency, limits: plan.buffered(bytes, concurrency), noise })));
      }
  const streams: StreamResult[] = [];
  for (const api of APIS) {
    ctx.progress(`stream ${api} ${plan.stream.chunks} chunks`);
    streams.push(await withGateway(ctx, (gateway) => measureStream(endpoints(gateway), { api, chunks: plan.stream.chunks, limits: plan.stream, noise: true })));
  }
  begin(ctx, "throughput", `throughput c=${plan.throughput.concurrency}, then 4 KiB c=1 on the same (aged) gateway`);
  return withGateway(ctx, async (gateway) => {
    const throughput = await measureThroughput(endpoints(gateway), { api: "responses", ...plan.throughput, gatewayPid: gateway.pid });
    const loadPeakRss = Math.max(throughput.gatewayPeakRss ?? 0, (await gateway.command("stats")).rss ?? 0);
    const aged = await measureBuffered(endpoints(gateway), { api: "responses", bytes: plan.bodySizes[0]!, concurrency: 1, limits: plan.aged });
    return { idle, buffered, streams, throughput, aged, loadPeakRss };
  });
}

export async function hookSection(ctx: Context, binaries: readonly Binary[]): Promise<{ processHooks: ProcessHookResult; httpHooks: HttpHookResult }> {
  return withGateway(ctx, async (gateway) => {
    begin(ctx, "hooks", "hook round trips: hook-forward processes vs curl");
    const processHooks = await measureProcessHooks(gateway.url, { limits: ctx.plan.processHooks, binaries });
    ctx.progress("hook round trips: HTTP");
    const httpHooks = await measureHttpHooks(gateway.url, ctx.mock.url, { limits: ctx.plan.httpHooks });
    return { processHooks, httpHooks };
  });
}

export async function coldStartSection(ctx: Context, binaries: readonly Binary[]): Promise<ColdStartResult> {
  begin(ctx, "coldStart", "cold start");
  return measureColdStart(ctx.mock.url, { limits: ctx.plan.coldStart, binaries });
}

export interface MemoryResults {
  readonly sessions: SessionsMemory;
  /** The same run with the viewer's list page open, on a gateway with its loop-lag probe on. */
  readonly listed: SessionsMemory;
}

export async function memorySection(ctx: Context): Promise<MemoryResults> {
  begin(ctx, "memory", `memory: ${ctx.plan.sessions.sessions} sessions × ${ctx.plan.sessions.eventsPerSession} events`);
  const sessions = await withGateway(ctx, (gateway) => measureSessions(gateway, ctx.plan.sessions));
  ctx.progress(`memory: the same ${ctx.plan.sessions.sessions} sessions with the viewer's list page open`);
  const listed = await withGateway(ctx, (gateway) => measureSessions(gateway, ctx.plan.sessions, { listPage: true }), { NEMO_RELAY_DEBUG_LOOP_LAG: "1" });
  return { sessions, listed };
}

/** In a process of its own, so its heap does not disturb the load generator. */
export async function snapshotSection(ctx: Context): Promise<SnapshotGrowth> {
  begin(ctx, "snapshots", `ATIF snapshots over ${ctx.plan.snapshotTurns} turns`);
  const proc = Bun.spawn([process.execPath, join(BENCH, "snapshot-growth.ts"), "--turns", String(ctx.plan.snapshotTurns)], { stdout: "pipe", stderr: "inherit" });
  const [text, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  if (code !== 0) throw new Error(`snapshot-growth exited ${code}`);
  return JSON.parse(text) as SnapshotGrowth;
}

/** Sustained load, each phase on a fresh gateway whose event-loop probe is on (it costs a little of every call). */
export async function sustainedSection(ctx: Context): Promise<SustainedResult> {
  const limits = ctx.plan.sustained;
  const probe = { NEMO_RELAY_DEBUG_LOOP_LAG: "1" };
  begin(ctx, "sustained", `sustained: ${limits.unattributedCalls} unattributed calls, rotated with direct and the floor`);
  const unattributed = await withGateway(ctx, (gateway) => measureUnattributed({ direct: ctx.mock.url, bare: ctx.bare.url }, gateway, limits), probe);
  ctx.progress(`sustained: one Claude Code session, ${limits.sessionTurns} turns × ${limits.callsPerTurn} calls, each with a ${limits.toolOutputBytes} B tool output`);
  const session = await withGateway(ctx, (gateway) => measureLongSession(ctx.mock.url, gateway, limits), probe);
  ctx.progress(`sustained: one Claude Code subagent of ${limits.subagentCalls} calls, each with a ${limits.toolOutputBytes} B tool output`);
  const subagent = await withGateway(ctx, (gateway) => measureLongSubagent(ctx.mock.url, gateway, limits), probe);
  ctx.progress(`sustained: the same subagent, a live session page opened at call ${limits.subagentCalls / 2}`);
  const watched = await withGateway(ctx, (gateway) => measureLongSubagent(ctx.mock.url, gateway, limits, { watchFrom: limits.subagentCalls / 2 }), probe);
  return { unattributed, session, subagent, watched };
}
