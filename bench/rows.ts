/** Every result as table rows: figure, baseline, paired difference, budget and verdict. */
import { BUDGETS, judge, margin, type Budget } from "./budgets.ts";
import type { HttpHookResult, ProcessHookResult } from "./measure-hooks.ts";
import type { BufferedResult, StreamResult, ArmSummary } from "./measure-latency.ts";
import type { IdleMemory, SessionsMemory } from "./measure-memory.ts";
import type { ColdStartResult } from "./measure-cold-start.ts";
import type { ThroughputResult } from "./measure-throughput.ts";
import type { SnapshotGrowth } from "./snapshot-growth.ts";
import type { Comparison } from "./paired.ts";
import { mib, ms, rps, times, withCi, type Row } from "./report.ts";
import type { Distribution } from "./stats.ts";

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`);
const spread = (d: Distribution, unit = ms) => `${unit(d.p50)} / ${unit(d.p95)} / ${unit(d.p99)}`;

function budgeted(budget: Budget, value: number, unit: (v: number) => string): Pick<Row, "budget" | "verdict"> & { margin: string } {
  return { budget: budget.text, verdict: judge(budget, value), margin: margin(budget, value, unit) };
}

function floorNote(summary: ArmSummary): string {
  const parts: string[] = [];
  if (summary.bare) parts.push(`bare Bun proxy adds ${withCi(summary.bare.difference, ms)}`);
  if (summary.noise) parts.push(`direct vs direct (noise) ${withCi(summary.noise.difference, ms)}`);
  return parts.join("; ");
}

function latencyRow(section: string, what: string, summary: ArmSummary, budget?: Budget, extra = ""): Row {
  const c = summary.gateway;
  const judged = budget ? budgeted(budget, c.difference.median, ms) : undefined;
  const note = [judged?.verdict === "missed" ? judged.margin : "", floorNote(summary), extra].filter((s) => s !== "").join("; ");
  return { section, what, baseline: ms(c.baselineStats.p50), value: spread(c.armStats), added: withCi(c.difference, ms), budget: judged?.budget, verdict: judged?.verdict, note };
}

export function bufferedRows(results: readonly BufferedResult[]): Row[] {
  return results.map((r) => {
    const budget = r.bytes === 4 * 1024 && r.concurrency === 1 ? BUDGETS.bufferedAdded : undefined;
    const extra = `${r.cycles} cycles${r.stoppedBy === "time" ? " (time bound)" : ""}${r.identical ? "" : "; ANSWERS DIFFER FROM DIRECT"}`;
    return latencyRow("1 buffered", `${r.api} ${size(r.bytes)} c=${r.concurrency}`, r, budget, extra);
  });
}

export function streamRows(results: readonly StreamResult[]): Row[] {
  return results.flatMap((r) => {
    const extra = `${r.cycles} cycles${r.identical ? "" : "; STREAM DIFFERS FROM DIRECT"}`;
    return [latencyRow("2 stream", `${r.api} first content`, r.first, BUDGETS.firstContentAdded, extra), latencyRow("2 stream", `${r.api} end of ${r.chunks}-chunk stream`, r.end)];
  });
}

/** The same 4 KiB c=1 call on a gateway that has already proxied many calls with no session id. */
export function agedRow(r: BufferedResult, callsBefore: number): Row {
  const row = latencyRow("3 throughput", `then ${r.api} 4 KiB c=1 on that aged gateway`, r, BUDGETS.bufferedAdded, `after ${callsBefore.toLocaleString("en-US")} proxied calls; ${r.cycles} cycles`);
  return row;
}

export function throughputRows(r: ThroughputResult): Row[] {
  const judged = budgeted(BUDGETS.throughput, r.gateway.armStats.p50, rps);
  const rows: Row[] = [
    {
      section: "3 throughput",
      what: `gateway, ${r.api} ${size(r.bytes)} c=${r.concurrency}`,
      baseline: rps(r.gateway.baselineStats.p50),
      value: `${rps(r.gateway.armStats.p50)} (min ${rps(r.gateway.armStats.min)})`,
      added: `${times(r.gateway.ratio.median)} of direct [${times(r.gateway.ratio.ciLow)}, ${times(r.gateway.ratio.ciHigh)}]`,
      budget: judged.budget,
      verdict: judged.verdict,
      note: [
        judged.verdict === "missed" ? judged.margin : "",
        `${r.rounds} rounds × ${r.roundMs} ms per arm; gateway round by round: ${r.gatewayRounds.map((x) => Math.round(x).toLocaleString("en-US")).join(" → ")} req/s`,
        r.errors > 0 ? `${r.errors} errors` : "",
      ]
        .filter(Boolean)
        .join("; "),
    },
  ];
  if (r.bare) rows.push({ section: "3 throughput", what: "floor: bare Bun proxy", baseline: rps(r.bare.baselineStats.p50), value: rps(r.bare.armStats.p50), added: `${times(r.bare.ratio.median)} of direct` });
  return rows;
}

function processRow(c: Comparison, note: string): Row {
  const p50Ratio = c.armStats.p50 / c.baselineStats.p50;
  const judged = c.baseline === "curl" ? budgeted(BUDGETS.hookProcess, p50Ratio, times) : undefined;
  return {
    section: "4 hook process",
    what: c.arm,
    baseline: `${c.baseline} ${ms(c.baselineStats.p50)}`,
    value: spread(c.armStats),
    added: `${times(p50Ratio)} of ${c.baseline} p50; paired ${times(c.ratio.median)} [${times(c.ratio.ciLow)}, ${times(c.ratio.ciHigh)}]`,
    budget: judged?.budget,
    verdict: judged?.verdict,
    note: [judged?.verdict === "missed" ? judged.margin : "", note].filter(Boolean).join("; "),
  };
}

export function hookRows(p: ProcessHookResult, h: HttpHookResult): Row[] {
  const note = `${p.cycles} cycles; answers ${p.answersOk ? "as expected ({})" : "NOT as expected"}; curl ${p.curl}${p.compiled.length > 0 ? `; ${p.compiled.join("; ")}` : "; no compiled binary in this run"}`;
  const rows = p.comparisons.map((c) => processRow(c, note));
  const curl = p.comparisons[0]?.baselineStats;
  if (p.curl === "present" && curl) rows.push({ section: "4 hook process", what: "curl (same POST)", value: spread(curl) });
  const judged = budgeted(BUDGETS.hookHttp, h.gateway.armStats.p50, ms);
  rows.push({
    section: "5 hook HTTP",
    what: "POST /hooks/claude-code at the client",
    baseline: `no-op server ${ms(h.gateway.baselineStats.p50)}`,
    value: spread(h.gateway.armStats),
    added: withCi(h.gateway.difference, ms),
    budget: judged.budget,
    verdict: judged.verdict,
    note: [judged.verdict === "missed" ? judged.margin : "", `${h.cycles} cycles; answer ${h.answerOk ? '{"continue":true}' : "NOT as expected"}`].filter(Boolean).join("; "),
  });
  return rows;
}

export function coldStartRows(r: ColdStartResult): Row[] {
  const floor = r.arms["bare Bun.serve"];
  return Object.entries(r.arms).map(([name, d]) => {
    if (name === "bare Bun.serve") return { section: "6 cold start", what: `floor: ${name}`, value: spread(d) };
    const c = r.comparisons.find((x) => x.arm === name);
    const judged = budgeted(BUDGETS.coldStart, d.p50, ms);
    return { section: "6 cold start", what: name, baseline: floor ? ms(floor.p50) : undefined, value: spread(d), added: c ? withCi(c.difference, ms) : undefined, budget: judged.budget, verdict: judged.verdict, note: judged.verdict === "missed" ? `${judged.margin}; ${r.cycles} cycles` : `${r.cycles} cycles` };
  });
}

export function memoryRows(idle: IdleMemory, loadPeak: number | undefined, s: SessionsMemory, listed?: SessionsMemory): Row[] {
  const idleJudged = budgeted(BUDGETS.idleRss, idle.rss, mib);
  const sessionsJudged = budgeted(BUDGETS.sessionsRss, s.peakRss, mib);
  return [
    { section: "7 memory", what: "RSS idle (fresh gateway)", value: mib(idle.rss), budget: idleJudged.budget, verdict: idleJudged.verdict, note: `after a full GC ${mib(idle.rssAfterGc)}` },
    { section: "7 memory", what: "RSS peak under load (throughput c=32)", value: mib(loadPeak ?? Number.NaN), note: "sampled every 50 ms during the throughput rounds at c=32" },
    {
      section: "7 memory",
      what: `RSS, ${s.sessions} sessions × ${s.eventsPerSession} hook events`,
      value: `peak ${mib(s.peakRss)}`,
      budget: sessionsJudged.budget,
      verdict: sessionsJudged.verdict,
      note: [
        sessionsJudged.verdict === "missed" ? sessionsJudged.margin : "",
        `settled ${mib(s.settledRss)}, after GC ${mib(s.rssAfterGc)} (live JS heap ${mib(s.heapAfterGc)}); ${s.eventsSent} events (${mib(s.payloadBytes)} of JSON) in ${s.seconds.toFixed(1)} s, ${s.sessionsHeld} sessions held; hook p50/p99 under this load ${ms(s.latency.p50)} / ${ms(s.latency.p99)}${s.answersOk ? "" : "; SOME ANSWERS WRONG"}`,
      ]
        .filter(Boolean)
        .join("; "),
    },
    ...(listed?.listPage ? [listPageRow(listed, listed.listPage)] : []),
  ];
}

/** The sessions run again with the viewer's list page open: how long its rows hold the gateway's loop. */
function listPageRow(s: SessionsMemory, page: NonNullable<SessionsMemory["listPage"]>): Row {
  const judged = budgeted(BUDGETS.loopBlock, page.loopBlockMs, ms);
  return {
    section: "7 memory",
    what: `${s.sessions} sessions × ${s.eventsPerSession} hook events, a list page open: longest event-loop block`,
    value: ms(page.loopBlockMs),
    budget: judged.budget,
    verdict: judged.verdict,
    note: [judged.verdict === "missed" ? judged.margin : "", `hook p50 / p99 / max under this load ${ms(s.latency.p50)} / ${ms(s.latency.p99)} / ${ms(s.latency.max)}; the page received ${mib(page.bytes)}${s.answersOk ? "" : "; SOME ANSWERS WRONG"}`].filter(Boolean).join("; "),
  };
}

export function snapshotRows(g: SnapshotGrowth): Row[] {
  const rows: Row[] = g.points.map((p) => ({
    section: "8 ATIF snapshot",
    what: `at turn ${p.turn}`,
    value: `${ms(p.buildMs + p.writeMs)}`,
    note: `build ${ms(p.buildMs)} + write ${ms(p.writeMs)} (of which JSON.stringify ${ms(p.stringifyMs)}); ${p.steps} steps, ${mib(p.fileBytes)}; recording the turn's 8 events ${ms(p.recordMs)}`,
  }));
  rows.push({
    section: "8 ATIF snapshot",
    what: `total over ${g.turns} turns, one every ${g.cadenceMs} ms`,
    value: ms(g.totalMs),
    note: `${g.writes} snapshots written (paced by their cost), ${((100 * g.totalMs) / g.wallMs).toFixed(1)} % of the session's ${ms(g.wallMs)}; build ${ms(g.totalBuildMs)} + write ${ms(g.totalWriteMs)}; a closed turn on disk within ${ms(g.maxLagMs)}; last file ${g.complete ? "complete" : "INCOMPLETE"}; total ∝ n^${g.totalExponent.toFixed(2)} → ${g.quadratic ? "grows quadratically" : "does not grow quadratically"}`,
  });
  return rows;
}
