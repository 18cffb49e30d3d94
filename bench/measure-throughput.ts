/**
 * Budget 3: requests per second at a fixed concurrency, closed loop, for a bounded time per
 * round; rounds rotate direct / floor / gateway so each round gives one paired ratio. The
 * gateway's RSS is sampled while it is under this load.
 */
import { nowMs, timedBuffered, type Call } from "./http-client.ts";
import type { Endpoints } from "./measure-latency.ts";
import { compare, runPaired, type Arm, type Comparison } from "./paired.ts";
import { API_PATH, requestBody, requestHeaders, type Api } from "./payloads.ts";
import { sampleMemory } from "./processes.ts";
import { quantileSorted, sortedCopy } from "./stats.ts";

export interface ThroughputParams {
  readonly api: Api;
  readonly bytes: number;
  readonly concurrency: number;
  readonly roundMs: number;
  readonly rounds: number;
  readonly maxMs: number;
  /** The gateway's pid, to sample its RSS during its rounds. */
  readonly gatewayPid?: number;
}

export interface ThroughputResult {
  readonly api: Api;
  readonly bytes: number;
  readonly concurrency: number;
  readonly rounds: number;
  readonly roundMs: number;
  /** gateway req/s vs direct req/s (difference and ratio per round). */
  readonly gateway: Comparison;
  readonly bare?: Comparison;
  /** gateway req/s vs the floor's, round by round (the budget: ≥ 0.8). */
  readonly vsFloor?: Comparison;
  /** Each arm's per-call latency over all its rounds (ms): the c=32 p99 budget compares gateway and floor. */
  readonly latency: Record<string, { p50: number; p99: number; calls: number }>;
  readonly errors: number;
  /** The gateway's req/s round by round, in the order they ran (a downward trend is drift). */
  readonly gatewayRounds: number[];
  /** Calls the gateway answered in these rounds, warm-up included. */
  readonly gatewayCalls: number;
  /** Largest gateway RSS seen during its rounds, bytes. */
  readonly gatewayPeakRss?: number;
}

/** `concurrency` workers, each sending its next call as soon as the last one is answered. */
async function closedLoop(call: Call, concurrency: number, ms: number, times: number[]): Promise<{ done: number; errors: number; seconds: number }> {
  const start = nowMs();
  const deadline = start + ms;
  let done = 0;
  let errors = 0;
  const worker = async () => {
    while (nowMs() < deadline) {
      try {
        times.push(await timedBuffered(call));
        done++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { done, errors, seconds: (nowMs() - start) / 1000 };
}

export async function measureThroughput(endpoints: Endpoints, params: ThroughputParams): Promise<ThroughputResult> {
  const body = requestBody(params.api, params.bytes, false);
  const headers = requestHeaders(params.api);
  const targets: Array<[string, string]> = [["direct", endpoints.direct], ["gateway", endpoints.gateway]];
  if (endpoints.bare) targets.push(["bare", endpoints.bare]);
  let errors = 0;
  let gatewayCalls = 0;
  let peak: number | undefined;
  const times: Record<string, number[]> = Object.fromEntries(targets.map(([name]) => [name, []]));
  const arms: Arm[] = targets.map(([name, base]) => ({
    name,
    async sample() {
      const memory = name === "gateway" && params.gatewayPid ? sampleMemory(params.gatewayPid) : undefined;
      const round = await closedLoop({ url: `${base}${API_PATH[params.api]}`, body, headers }, params.concurrency, params.roundMs, times[name]!);
      if (memory) peak = Math.max(peak ?? 0, memory.stop());
      if (name === "gateway") gatewayCalls += round.done;
      errors += round.errors;
      return { rps: [round.done / round.seconds] };
    },
  }));
  const run = await runPaired(arms, { cycles: params.rounds, maxMs: params.maxMs, warmup: 1, seed: 3 });
  return {
    api: params.api,
    bytes: params.bytes,
    concurrency: params.concurrency,
    rounds: run.cycles,
    roundMs: params.roundMs,
    gateway: compare(run, "rps", "gateway", "direct"),
    bare: endpoints.bare ? compare(run, "rps", "bare", "direct") : undefined,
    vsFloor: endpoints.bare ? compare(run, "rps", "gateway", "bare") : undefined,
    latency: Object.fromEntries(Object.entries(times).map(([name, values]) => {
      const sorted = sortedCopy(values);
      return [name, { p50: quantileSorted(sorted, 0.5), p99: quantileSorted(sorted, 0.99), calls: values.length }];
    })),
    errors,
    gatewayRounds: run.perCycle.gateway?.rps ?? [],
    gatewayCalls,
    gatewayPeakRss: peak,
  };
}
