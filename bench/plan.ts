/**
 * How much of everything to measure: the full run (under five minutes on a 2-core machine)
 * and `--quick` (each measurement with tiny counts, a smoke run in well under 30 s). Every
 * loop is bounded twice: by a count and by wall-clock time. Latency is measured in steady state:
 * a few hundred unmeasured cycles first let every arm's JIT warm up (cold start is its own row).
 */
import type { SustainedLimits } from "./measure-sustained.ts";
import type { Limits } from "./paired.ts";

export interface Plan {
  readonly name: "full" | "quick";
  readonly bodySizes: readonly number[];
  readonly concurrencies: readonly number[];
  readonly buffered: (bytes: number, concurrency: number) => Limits;
  readonly stream: Limits & { readonly chunks: number };
  readonly throughput: { readonly concurrency: number; readonly bytes: number; readonly roundMs: number; readonly rounds: number; readonly maxMs: number };
  /** 4 KiB c=1 again, on the gateway the throughput rounds have just aged. */
  readonly aged: Limits;
  readonly processHooks: Limits;
  /** Build the compiled binary for the hook and cold-start arms. */
  readonly compile: boolean;
  readonly httpHooks: Limits;
  readonly coldStart: Limits;
  readonly sessions: { readonly sessions: number; readonly eventsPerSession: number; readonly concurrency: number; readonly maxMs: number };
  readonly snapshotTurns: number;
  readonly sustained: SustainedLimits;
}

export const FULL: Plan = {
  name: "full",
  bodySizes: [4 * 1024, 64 * 1024, 1024 * 1024],
  concurrencies: [1, 32],
  buffered: (bytes, concurrency) =>
    concurrency === 1
      ? { cycles: bytes >= 1024 * 1024 ? 800 : 4000, maxMs: bytes >= 1024 * 1024 ? 5_000 : 4_000, warmup: bytes >= 1024 * 1024 ? 50 : 300, seed: 11 }
      : { cycles: 400, maxMs: bytes >= 1024 * 1024 ? 6_000 : 4_000, warmup: 5, seed: 13 },
  stream: { cycles: 2000, maxMs: 6_000, warmup: 200, seed: 17, chunks: 50 },
  throughput: { concurrency: 32, bytes: 4 * 1024, roundMs: 1_500, rounds: 5, maxMs: 40_000 },
  aged: { cycles: 2000, maxMs: 3_000, warmup: 20, seed: 31 },
  processHooks: { cycles: 40, maxMs: 25_000, warmup: 2, seed: 19 },
  compile: true,
  httpHooks: { cycles: 4000, maxMs: 4_000, warmup: 100, seed: 23 },
  coldStart: { cycles: 15, maxMs: 25_000, warmup: 1, seed: 29 },
  sessions: { sessions: 1000, eventsPerSession: 100, concurrency: 32, maxMs: 90_000 },
  snapshotTurns: 1000,
  sustained: { unattributedCalls: 25_000, sessionTurns: 1_000, callsPerTurn: 20, subagentCalls: 3_000, toolOutputBytes: 8 * 1024, maxMs: 150_000, rssEvery: 2_500, seed: 41 },
};

export const QUICK: Plan = {
  name: "quick",
  bodySizes: FULL.bodySizes,
  concurrencies: FULL.concurrencies,
  buffered: (_bytes, concurrency) => ({ cycles: concurrency === 1 ? 20 : 3, maxMs: 400, warmup: 2, seed: 11 }),
  stream: { cycles: 20, maxMs: 400, warmup: 2, seed: 17, chunks: 50 },
  throughput: { concurrency: 32, bytes: 4 * 1024, roundMs: 200, rounds: 2, maxMs: 2_000 },
  aged: { cycles: 10, maxMs: 300, warmup: 1, seed: 31 },
  processHooks: { cycles: 3, maxMs: 3_000, warmup: 0, seed: 19 },
  compile: false,
  httpHooks: { cycles: 50, maxMs: 500, warmup: 5, seed: 23 },
  coldStart: { cycles: 2, maxMs: 4_000, warmup: 0, seed: 29 },
  sessions: { sessions: 50, eventsPerSession: 20, concurrency: 16, maxMs: 3_000 },
  snapshotTurns: 40,
  sustained: { unattributedCalls: 300, sessionTurns: 5, callsPerTurn: 20, subagentCalls: 100, toolOutputBytes: 8 * 1024, maxMs: 5_000, rssEvery: 100, seed: 41 },
};
