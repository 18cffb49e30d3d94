/**
 * What ATIF snapshots cost as one session grows: a Codex session of `turns` turns (real captured
 * payloads, 8 hook events a turn) is recorded by the gateway's own service, one turn every
 * `cadenceMs` (5 ms: hundreds of times faster than an agent whose turns wait on an LLM), and
 * every closed turn asks the gateway's own `SnapshotWriter` for a snapshot — the writer decides
 * when to build and write it (it paces a session's writes by their cost). Every build and write
 * it does is timed; the total is fitted against n.
 *
 * At the checkpoint turns one extra snapshot is built and written directly (outside the totals),
 * to show what a single whole-file rewrite costs at that size.
 *
 * `bun bench/snapshot-growth.ts --turns N` prints the result as JSON (the benchmark runs it in
 * a process of its own, so its heap does not disturb the load generator).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCodexHooks } from "../src/adapters/agents/codex/index.ts";
import { AtifDirectorySink } from "../src/adapters/fs/atif-directory-sink.ts";
import { GatewayService } from "../src/app/gateway/gateway-service.ts";
import { SnapshotWriter } from "../src/app/gateway/snapshot-writer.ts";
import type { TrajectorySink } from "../src/ports/trajectory-sink.ts";
import { nowMs } from "./http-client.ts";
import { hookTemplates, template } from "./payloads.ts";
import { powerLawExponent } from "./stats.ts";
import { agentCalls } from "../src/app/agents.ts";

const TURN = ["UserPromptSubmit", "PreModelRequest", "PostModelRequest", "PreToolUse", "PostToolUse", "PreModelRequest", "PostModelRequest", "Stop"];

export interface SnapshotPoint {
  readonly turn: number;
  /** Recording the turn's 8 hook events, ms. */
  readonly recordMs: number;
  /** Building the trajectory (GatewayService.snapshot), ms. */
  readonly buildMs: number;
  /** JSON.stringify as the sink does it (pretty-printed), ms; part of writeMs. */
  readonly stringifyMs: number;
  /** The sink's write: stringify, temp file, datasync, rename, ms. */
  readonly writeMs: number;
  readonly fileBytes: number;
  readonly steps: number;
}

export interface SnapshotGrowth {
  readonly turns: number;
  /** One whole-file rewrite at the checkpoint turns (10, 100, 1000 or as many as ran). */
  readonly points: SnapshotPoint[];
  /** Build + write of every snapshot the writer made, summed, ms. */
  readonly totalMs: number;
  readonly totalBuildMs: number;
  readonly totalWriteMs: number;
  readonly totalRecordMs: number;
  /** How many snapshots the writer made for the `turns` closed turns. */
  readonly writes: number;
  /** Longest time from a turn closing to a written file that contains it, ms. */
  readonly maxLagMs: number;
  /** One turn closed every cadenceMs; the session lasted wallMs. */
  readonly cadenceMs: number;
  readonly wallMs: number;
  /** The last file holds every turn (it was compared with a snapshot built after the last one). */
  readonly complete: boolean;
  /** k in total(n) ∝ n^k, fitted on the cumulative totals at n/8, n/4, n/2, n (2 = quadratic). */
  readonly totalExponent: number;
  readonly quadratic: boolean;
}

export async function measureSnapshotGrowth(turns: number, checkpoints: readonly number[] = [10, 100, 1000], cadenceMs = 5): Promise<SnapshotGrowth> {
  const dir = mkdtempSync(join(tmpdir(), "nemo-relay-bench-atif-"));
  const templates = hookTemplates("codex");
  const service = new GatewayService({ adapters: [createCodexHooks()], calls: agentCalls(), producer: "nemo-relay bench", now: Date.now, report: (m) => console.error(m) });
  const sink = new AtifDirectorySink(dir);
  const sessionId = "bench-growth";
  const send = (event: string, turn: number, n: number) => {
    const payload: Record<string, unknown> = { ...template(templates, event), session_id: sessionId, turn_id: `turn-${turn}` };
    if ("tool_use_id" in payload) payload.tool_use_id = `call_${turn}_${n}`;
    const result = service.receive("codex", payload, { headers: {}, receivedAt: Date.now() });
    if (!result.ok) throw new Error(`codex ${event}: ${result.error.message}`);
  };
  // The writer the gateway uses, with the gateway's snapshot function; each build and write timed.
  let turn = 0;
  let totalBuild = 0;
  let totalWrite = 0;
  let writes = 0;
  let maxLag = 0;
  /** When each turn closed (index = turn - 1), and how many of them a written file holds. */
  const closedAt: number[] = [];
  let onDisk = 0;
  let wallMs = 0;
  let lastWritten = "";
  const timedSink: TrajectorySink = {
    async write(trajectory, target) {
      const upTo = turn;
      const w0 = nowMs();
      const result = await sink.write(trajectory, target);
      const end = nowMs();
      totalWrite += end - w0;
      writes++;
      // Every turn closed since the previous write and included in this one lands now.
      for (; onDisk < Math.min(upTo, closedAt.length); onDisk++) maxLag = Math.max(maxLag, end - closedAt[onDisk]!);
      lastWritten = JSON.stringify(trajectory);
      return result;
    },
  };
  const writer = new SnapshotWriter(async (id) => {
    const b0 = nowMs();
    const snapshot = service.snapshot(id);
    totalBuild += nowMs() - b0;
    return snapshot && timedSink.write(snapshot.trajectory, snapshot.target);
  }, (m) => console.error(m));
  send("SessionStart", 0, 0);
  const cumulative: number[] = [];
  const points: SnapshotPoint[] = [];
  let totalRecord = 0;
  const began = nowMs();
  try {
    for (turn = 1; turn <= turns; turn++) {
      const r0 = nowMs();
      TURN.forEach((event, n) => send(event, turn, n));
      const recordMs = nowMs() - r0;
      totalRecord += recordMs;
      closedAt.push(nowMs());
      writer.request(sessionId);
      cumulative.push(totalBuild + totalWrite);
      if (checkpoints.includes(turn)) points.push({ ...(await oneRewrite(service, sink, sessionId)), turn, recordMs });
      // The next turn's hooks arrive later, as requests of their own: the event loop runs meanwhile.
      await Bun.sleep(Math.max(0, began + turn * cadenceMs - nowMs()));
    }
    turn = turns + 1;
    await writer.flush();
    wallMs = nowMs() - began;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const complete = lastWritten === JSON.stringify(service.snapshot(sessionId)!.trajectory);
  const ns = [turns / 8, turns / 4, turns / 2, turns].map((n) => Math.max(1, Math.round(n)));
  const totalExponent = powerLawExponent(ns, ns.map((n) => cumulative[n - 1]!));
  return {
    turns, points, totalMs: totalBuild + totalWrite, totalBuildMs: totalBuild, totalWriteMs: totalWrite, totalRecordMs: totalRecord,
    writes, maxLagMs: maxLag, cadenceMs, wallMs, complete, totalExponent, quadratic: totalExponent > 1.6,
  };
}

/** One whole-file rewrite of the session as it stands, timed part by part. */
async function oneRewrite(service: GatewayService, sink: AtifDirectorySink, sessionId: string): Promise<Omit<SnapshotPoint, "turn" | "recordMs">> {
  const b0 = nowMs();
  const snapshot = service.snapshot(sessionId)!;
  const buildMs = nowMs() - b0;
  const s0 = nowMs();
  const text = `${JSON.stringify(snapshot.trajectory, null, 2)}\n`;
  const stringifyMs = nowMs() - s0;
  const w0 = nowMs();
  const written = await sink.write(snapshot.trajectory, { ...snapshot.target, sessionId: `${sessionId}-checkpoint` });
  const writeMs = nowMs() - w0;
  if (!written.ok) throw new Error(written.error.message);
  return { buildMs, stringifyMs, writeMs, fileBytes: Buffer.byteLength(text), steps: snapshot.trajectory.steps.length };
}

if (import.meta.main) {
  const at = process.argv.indexOf("--turns");
  const turns = Number(at > 0 ? process.argv[at + 1] : 1000);
  console.log(JSON.stringify(await measureSnapshotGrowth(Number.isInteger(turns) && turns > 0 ? turns : 1000)));
}
