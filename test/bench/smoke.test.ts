/**
 * The benchmark's measurement functions, run with tiny counts as a correctness check: the
 * gateway's answers equal the direct ones byte for byte, hooks get the JSON the agent expects,
 * and every figure is a finite positive number. No timing is asserted: CI machines vary.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { fetchBytes } from "../../bench/http-client.ts";
import { measureColdStart } from "../../bench/measure-cold-start.ts";
import { measureHttpHooks, measureProcessHooks } from "../../bench/measure-hooks.ts";
import { measureBuffered, measureStream, type Endpoints } from "../../bench/measure-latency.ts";
import { measureIdle, measureSessions } from "../../bench/measure-memory.ts";
import { measureLongSession, measureLongSubagent, measureUnattributed } from "../../bench/measure-sustained.ts";
import { measureThroughput } from "../../bench/measure-throughput.ts";
import type { Comparison } from "../../bench/paired.ts";
import { API_PATH, APIS, requestBody, requestHeaders } from "../../bench/payloads.ts";
import { startService, type Service } from "../../bench/processes.ts";
import { compareBuilds } from "../../bench/ab.ts";
import { measureSnapshotGrowth } from "../../bench/snapshot-growth.ts";
import { bootstrapMedian } from "../../bench/stats.ts";

const tiny = { cycles: 3, maxMs: 2_000, warmup: 1 };
const SLOW = 40_000;

const positive = (value: number) => {
  expect(Number.isFinite(value)).toBe(true);
  expect(value).toBeGreaterThan(0);
};
const finite = (value: number) => expect(Number.isFinite(value)).toBe(true);
const sane = (c: Comparison) => {
  positive(c.armStats.p50);
  positive(c.baselineStats.p50);
  positive(c.armStats.p99);
  finite(c.difference.median);
  finite(c.difference.ciLow);
  finite(c.difference.ciHigh);
};

let mock: Service;
let bare: Service;
let gateway: Service;
let endpoints: Endpoints;

beforeAll(async () => {
  mock = await startService("mock-upstream.ts");
  bare = await startService("bare-proxy.ts", ["--upstream", mock.url]);
  gateway = await startService("gateway-entry.ts", ["--upstream", mock.url], { control: true });
  endpoints = { direct: mock.url, gateway: gateway.url, bare: bare.url };
});

afterAll(async () => {
  for (const service of [gateway, bare, mock]) await service?.stop();
});

describe("the proxied answers are the direct answers, byte for byte", () => {
  for (const api of APIS)
    for (const stream of [false, true])
      test(`${api}, ${stream ? "SSE" : "buffered"}`, async () => {
        const call = (base: string) => ({ url: `${base}${API_PATH[api]}`, body: requestBody(api, 4096, stream), headers: { ...requestHeaders(api), "x-mock-chunks": "7" } });
        const direct = await fetchBytes(call(mock.url));
        const proxied = await fetchBytes(call(gateway.url));
        expect(direct.status).toBe(200);
        expect(direct.contentType).toBe(stream ? "text/event-stream" : "application/json");
        expect(proxied.status).toBe(direct.status);
        expect(proxied.contentType).toBe(direct.contentType);
        expect(proxied.bytes).toEqual(direct.bytes);
        if (stream) expect(new TextDecoder().decode(direct.bytes).split("\n\n").length).toBeGreaterThan(7);
      });
});

describe("latency and throughput measurements", () => {
  test("buffered calls: identical answers, finite positive figures", async () => {
    for (const bytes of [4096, 1024 * 1024]) {
      const result = await measureBuffered(endpoints, { api: "messages", bytes, concurrency: 2, limits: tiny, noise: true });
      expect(result.identical).toBe(true);
      expect(result.cycles).toBeGreaterThan(0);
      sane(result.gateway);
      sane(result.bare!);
      sane(result.noise!);
    }
  });

  test("streamed calls: identical streams, first content before the end", async () => {
    const result = await measureStream(endpoints, { api: "responses", chunks: 10, limits: tiny });
    expect(result.identical).toBe(true);
    sane(result.first.gateway);
    sane(result.end.gateway);
    expect(result.end.gateway.armStats.p50).toBeGreaterThanOrEqual(result.first.gateway.armStats.p50);
  });

  test("throughput: positive request rates, no errors", async () => {
    const result = await measureThroughput(endpoints, { api: "responses", bytes: 4096, concurrency: 4, roundMs: 100, rounds: 1, maxMs: 2_000, gatewayPid: gateway.pid });
    expect(result.errors).toBe(0);
    positive(result.gateway.armStats.p50);
    positive(result.bare!.armStats.p50);
    positive(result.gatewayCalls);
    positive(result.gatewayPeakRss ?? Number.NaN);
    positive(result.vsFloor!.ratio.median);
    positive(result.latency.gateway!.p99);
    positive(result.latency.bare!.p99);
  });
});

describe("sustained load", () => {
  const limits = { unattributedCalls: 30, sessionTurns: 2, callsPerTurn: 5, subagentCalls: 6, toolOutputBytes: 2048, maxMs: 5_000, rssEvery: 10, seed: 41 };
  let probed: Service;
  beforeAll(async () => {
    probed = await startService("gateway-entry.ts", ["--upstream", mock.url], { control: true, env: { NEMO_RELAY_DEBUG_LOOP_LAG: "1" } });
  });
  afterAll(() => probed?.stop());

  test("unattributed: every call of every arm answered, spreads ordered, the loop probe and RSS read", async () => {
    const r = await measureUnattributed({ direct: mock.url, bare: bare.url }, probed, limits);
    expect({ calls: r.calls, errors: r.errors, stoppedBy: r.stoppedBy }).toEqual({ calls: 30, errors: 0, stoppedBy: "count" });
    for (const s of [r.gateway, r.direct, r.bare!]) expect(s.p50 <= s.p99 && s.p99 <= s.p999 && s.p999 <= s.max).toBe(true);
    expect(r.loopBlockMs).toBeGreaterThanOrEqual(0);
    expect(r.rssOverTime.map(([calls]) => calls)).toEqual([10, 20, 30]);
    expect(Object.keys(r.slowCalls).sort()).toEqual(["bare", "direct", "gateway"]);
    positive(r.rssEnd);
  });

  test("one session: its calls and hooks answered, a turn every callsPerTurn calls", async () => {
    const r = await measureLongSession(mock.url, probed, limits);
    expect({ calls: r.calls, errors: r.errors, hooks: r.hookCount }).toEqual({ calls: 10, errors: 0, hooks: 2 * (2 + 2 * 5) });
    positive(r.gateway.max);
    expect(r.loopBlockMs).toBeGreaterThanOrEqual(0);
  });

  test("one subagent watched from halfway: the page's stream is read, and counted", async () => {
    const r = await measureLongSubagent(mock.url, probed, limits, { watchFrom: 3 });
    expect({ calls: r.calls, errors: r.errors }).toEqual({ calls: 6, errors: 0 });
    positive(r.pageBytes!);
  });

  test("one subagent: the delegation, its calls and tool hooks, its stop, all answered", async () => {
    const r = await measureLongSubagent(mock.url, probed, limits);
    expect({ calls: r.calls, errors: r.errors, hooks: r.hookCount }).toEqual({ calls: 6, errors: 0, hooks: 3 + 2 * 6 + 3 });
    positive(r.gateway.max);
    expect(r.loopBlockMs).toBeGreaterThanOrEqual(0);
  });
});

describe("hook measurements", () => {
  test("HTTP hooks answer Claude's {\"continue\":true}", async () => {
    const result = await measureHttpHooks(gateway.url, mock.url, { limits: tiny });
    expect(result.answerOk).toBe(true);
    sane(result.gateway);
  });

  test(
    "a hook-forward process prints Codex's {} (and curl, when present, gets the same)",
    async () => {
      const result = await measureProcessHooks(gateway.url, { limits: { cycles: 1, maxMs: 10_000, warmup: 0 } });
      expect(result.answersOk).toBe(true);
      expect(result.arms).toContain("hook-forward (bun)");
      if (result.curl === "present") expect(result.comparisons.length).toBe(1);
      for (const comparison of result.comparisons) sane(comparison);
    },
    SLOW,
  );
});

test(
  "cold start: every arm reaches a healthy /healthz",
  async () => {
    const result = await measureColdStart(mock.url, { limits: { cycles: 1, maxMs: 20_000, warmup: 0 } });
    for (const distribution of Object.values(result.arms)) positive(distribution.p50);
    expect(Object.keys(result.arms)).toEqual(["bare Bun.serve", "startGateway entry", "nemo-relay serve (bun)"]);
  },
  SLOW,
);

test(
  "memory: sessions are all held and every hook answered",
  async () => {
    const fresh = await startService("gateway-entry.ts", ["--upstream", mock.url], { control: true });
    try {
      const idle = await measureIdle(fresh);
      positive(idle.rss);
      const result = await measureSessions(fresh, { sessions: 5, eventsPerSession: 12, concurrency: 2, maxMs: 10_000 });
      expect(result.answersOk).toBe(true);
      expect(result.eventsSent).toBe(60);
      expect(result.sessionsHeld).toBe(5);
      positive(result.peakRss);
      positive(result.heapAfterGc);
      expect(result.listPage).toBeUndefined();
    } finally {
      await fresh.stop();
    }
  },
  SLOW,
);

test(
  "memory with the list page open: the page gets rows, the probe reads a loop block, every hook answered",
  async () => {
    const probed = await startService("gateway-entry.ts", ["--upstream", mock.url], { control: true, env: { NEMO_RELAY_DEBUG_LOOP_LAG: "1" } });
    try {
      const result = await measureSessions(probed, { sessions: 5, eventsPerSession: 12, concurrency: 2, maxMs: 10_000 }, { listPage: true });
      expect(result.answersOk).toBe(true);
      expect(result.eventsSent).toBe(60);
      positive(result.listPage!.bytes);
      finite(result.listPage!.loopBlockMs);
      expect(result.listPage!.loopBlockMs).toBeGreaterThanOrEqual(0);
    } finally {
      await probed.stop();
    }
  },
  SLOW,
);

test("ATIF snapshots: a point per checkpoint, finite totals, and the last file holds every turn", async () => {
  const result = await measureSnapshotGrowth(16, [10]);
  expect(result.points.map((p) => p.turn)).toEqual([10]);
  expect(result.points[0]!.steps).toBeGreaterThan(10);
  positive(result.totalMs);
  positive(result.points[0]!.fileBytes);
  finite(result.totalExponent);
  expect(result.writes).toBeGreaterThan(0);
  expect(result.writes).toBeLessThanOrEqual(16);
  expect(result.complete).toBe(true);
  positive(result.maxLagMs);
});

test(
  "A/B of two builds: both rounds for every metric, finite, and no worktree left behind",
  async () => {
    const result = await compareBuilds({ a: "HEAD", b: ".", stream: true, api: "messages", limits: tiny });
    expect(Object.keys(result.metrics).sort()).toEqual(["end", "first"]);
    for (const { rounds, mean } of Object.values(result.metrics)) {
      expect(rounds).toHaveLength(2);
      for (const round of rounds) finite(round.median);
      finite(mean);
    }
    const worktrees = Bun.spawnSync(["git", "worktree", "list"]).stdout.toString();
    expect(worktrees).not.toContain("nemo-relay-ab-");
  },
  SLOW,
);

test("the bootstrap is deterministic and brackets the median", () => {
  const values = Array.from({ length: 101 }, (_, i) => i);
  const a = bootstrapMedian(values, 500, 3);
  expect(a).toEqual(bootstrapMedian(values, 500, 3));
  expect(a.median).toBe(50);
  expect(a.ciLow).toBeLessThanOrEqual(50);
  expect(a.ciHigh).toBeGreaterThanOrEqual(50);
});
