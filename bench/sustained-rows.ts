/** The sustained and floor-relative budgets as table rows (see measure-sustained.ts and measure-throughput.ts). */
import { BUDGETS, judge, margin, type Budget } from "./budgets.ts";
import type { BufferedResult } from "./measure-latency.ts";
import type { Spread, SustainedPhase, SustainedResult } from "./measure-sustained.ts";
import type { ThroughputResult } from "./measure-throughput.ts";
import { mib, ms, times, type Row } from "./report.ts";

const spread = (s: Spread) => `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.p999)} / max ${ms(s.max)}`;

function judged(budget: Budget, value: number, unit: (v: number) => string): Pick<Row, "budget" | "verdict" | "note"> {
  const verdict = judge(budget, value);
  return { budget: budget.text, verdict, note: verdict === "missed" ? margin(budget, value, unit) : "" };
}

const notes = (...parts: Array<string | undefined>) => parts.filter((p) => p !== undefined && p !== "").join("; ");
const rssCurve = (p: SustainedPhase) => p.rssOverTime.map(([calls, rss]) => `${(calls / 1000).toFixed(1)}k ${(rss / 1024 / 1024).toFixed(0)}`).join(" → ");

function phaseRows(what: string, p: SustainedPhase, rssFigure: "end" | "peak"): Row[] {
  const section = "10 sustained";
  const bound = p.stoppedBy === "time" ? " (time bound)" : "";
  const added = judged(BUDGETS.sustainedAddedMax, p.addedMax, ms);
  const block = judged(BUDGETS.loopBlock, p.loopBlockMs, ms);
  const rss = rssFigure === "end" ? p.rssEnd : p.rssPeak;
  const memory = judged(BUDGETS.sustainedRss, rss, mib);
  return [
    {
      section,
      what: `${what}: ${p.calls.toLocaleString("en-US")} calls, p50 / p99 / p99.9 / max`,
      baseline: `direct ${spread(p.direct)}`,
      value: spread(p.gateway),
      added: `max +${ms(p.addedMax)}, p99 +${ms(p.addedP99)}`,
      ...added,
      note: notes(
        added.note,
        p.bare ? `floor ${spread(p.bare)} (max +${ms(p.bareAddedMax ?? Number.NaN)})` : "",
        `calls over direct's median + 50 ms: ${Object.entries(p.slowCalls).map(([arm, n]) => `${arm} ${n}`).join(", ")}`,
        p.hooks ? `${p.hookCount} hooks ${spread(p.hooks)}` : "",
        p.pageBytes !== undefined ? `the page received ${mib(p.pageBytes)}` : "",
        `${p.errors} errors${bound}`,
      ),
    },
    {
      section,
      what: `${what}: longest event-loop block in the gateway`,
      value: ms(p.loopBlockMs),
      ...block,
      // A process the machine does not run for a while shows as a block too: direct's worst call says how long the machine itself stalled.
      note: notes(block.note, `probe timer every 2 ms, its lateness; the slowest direct call in the same phase ${ms(p.direct.max)}`),
    },
    { section, what: `${what}: RSS ${rssFigure === "end" ? "after the run" : "peak during the run"}`, value: mib(rss), ...memory, note: notes(memory.note, `peak ${mib(p.rssPeak)}, end ${mib(p.rssEnd)}; MiB by calls: ${rssCurve(p)}`) },
  ];
}

export function sustainedRows(r: SustainedResult): Row[] {
  return [
    ...phaseRows("unattributed", r.unattributed, "end"),
    ...phaseRows("one session, a turn every 20 calls", r.session, "peak"),
    ...phaseRows("one subagent, one turn", r.subagent, "peak"),
    ...phaseRows("one subagent, a page watching from halfway", r.watched, "peak"),
  ];
}

/** The budgets judged against the floor (a bare Bun proxy) measured in the same run. */
export function floorRows(buffered: readonly BufferedResult[], t: ThroughputResult): Row[] {
  const rows: Row[] = [];
  for (const b of buffered.filter((x) => x.bytes === 4 * 1024 && x.concurrency === 1 && x.bare)) {
    const over = b.gateway.difference.median - b.bare!.difference.median;
    rows.push({ section: "11 vs floor", what: `${b.api} 4 KiB c=1: added minus the floor's added (p50)`, value: `${over >= 0 ? "+" : ""}${ms(over)}`, ...judged(BUDGETS.addedVsFloor, over, ms) });
  }
  if (t.vsFloor) {
    const ratio = judged(BUDGETS.throughputVsFloor, t.vsFloor.ratio.median, times);
    rows.push({ section: "11 vs floor", what: `throughput c=${t.concurrency} ÷ the floor's`, value: `${times(t.vsFloor.ratio.median)} [${times(t.vsFloor.ratio.ciLow)}, ${times(t.vsFloor.ratio.ciHigh)}]`, ...ratio });
  }
  const gateway = t.latency.gateway;
  const bare = t.latency.bare;
  if (gateway && bare) {
    const p99 = judged(BUDGETS.p99VsFloor, gateway.p99 / bare.p99, times);
    rows.push({ section: "11 vs floor", what: `c=${t.concurrency} p99 ÷ the floor's`, baseline: `floor p99 ${ms(bare.p99)}`, value: `${times(gateway.p99 / bare.p99)} (gateway p99 ${ms(gateway.p99)})`, ...p99, note: notes(p99.note, `over every call of the throughput rounds: gateway ${gateway.calls}, floor ${bare.calls}`) });
  }
  return rows;
}
