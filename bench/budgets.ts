/**
 * SPEC §5, the contract: each budget with the figure it is judged on. A verdict is on the
 * point estimate; the report prints the confidence interval beside it so a close call shows.
 */
export type Verdict = "met" | "missed" | "n/a";

export interface Budget {
  readonly id: string;
  /** As SPEC §5 words it. */
  readonly text: string;
  /** The limit, in the unit of the figure it is judged on. */
  readonly limit: number;
  readonly kind: "max" | "min";
}

export const BUDGETS = {
  bufferedAdded: { id: "added-latency-4k-c1", text: "≤ 0.3 ms added (p50)", limit: 0.3, kind: "max" },
  firstContentAdded: { id: "added-ttfc", text: "≤ 0.5 ms added (p50)", limit: 0.5, kind: "max" },
  throughput: { id: "throughput-c32", text: "≥ 15 k req/s", limit: 15_000, kind: "min" },
  hookProcess: { id: "hook-forward-vs-curl", text: "≤ 1.6 × curl (p50)", limit: 1.6, kind: "max" },
  hookHttp: { id: "hook-http", text: "≤ 0.3 ms (p50)", limit: 0.3, kind: "max" },
  coldStart: { id: "cold-start", text: "≤ 80 ms", limit: 80, kind: "max" },
  idleRss: { id: "rss-idle", text: "≤ 64 MiB", limit: 64 * 1024 * 1024, kind: "max" },
  sessionsRss: { id: "rss-1000-sessions", text: "≤ 256 MiB", limit: 256 * 1024 * 1024, kind: "max" },
  addedVsFloor: { id: "added-latency-4k-c1-floor", text: "≤ the floor's + 0.05 ms (p50)", limit: 0.05, kind: "max" },
  throughputVsFloor: { id: "throughput-c32-floor", text: "≥ 0.8 × the bare Bun proxy", limit: 0.8, kind: "min" },
  p99VsFloor: { id: "p99-c32-floor", text: "≤ 3 × the floor's p99", limit: 3, kind: "max" },
  sustainedAddedMax: { id: "sustained-added-max", text: "≤ 50 ms (max)", limit: 50, kind: "max" },
  loopBlock: { id: "sustained-loop-block", text: "≤ 20 ms", limit: 20, kind: "max" },
  sustainedRss: { id: "sustained-rss", text: "≤ 256 MiB", limit: 256 * 1024 * 1024, kind: "max" },
} as const satisfies Record<string, Budget>;

export function judge(budget: Budget, value: number): Verdict {
  if (!Number.isFinite(value)) return "n/a";
  return (budget.kind === "max" ? value <= budget.limit : value >= budget.limit) ? "met" : "missed";
}

/** How far from the limit, in words: "by 0.12 ms (40 %)" style, positive when missed. */
export function margin(budget: Budget, value: number, unit: (v: number) => string): string {
  if (!Number.isFinite(value)) return "";
  const over = budget.kind === "max" ? value - budget.limit : budget.limit - value;
  const percent = Math.abs(over / budget.limit) * 100;
  return `${over > 0 ? "over" : "under"} by ${unit(Math.abs(over))} (${percent.toFixed(0)} %)`;
}
