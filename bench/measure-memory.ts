/**
 * Budget 7: the gateway's resident memory when idle, and with many sessions open at once —
 * each fed a realistic Claude Code hook sequence over HTTP, all sessions interleaved so every
 * one of them is live at the same time. Memory is read from the OS (/proc), not the heap.
 */
import { nowMs } from "./http-client.ts";
import { hookTemplates, template, type HookTemplate } from "./payloads.ts";
import { processMemory, sampleMemory, type Service } from "./processes.ts";
import { describe, type Distribution } from "./stats.ts";

export interface IdleMemory {
  /** RSS of a fresh gateway after one health check and a short settle, bytes. */
  readonly rss: number;
  /** The same after a full GC, bytes. */
  readonly rssAfterGc: number;
}

export interface SessionsMemory {
  readonly sessions: number;
  readonly eventsPerSession: number;
  /** Events actually delivered (fewer only if the time bound hit). */
  readonly eventsSent: number;
  readonly payloadBytes: number;
  readonly seconds: number;
  readonly stoppedBy: "count" | "time";
  /** Sessions the gateway holds in memory at the end. */
  readonly sessionsHeld: number;
  /** Largest RSS seen while the events were arriving, bytes. */
  readonly peakRss: number;
  /** RSS once every observation and ATIF write has settled, bytes. */
  readonly settledRss: number;
  readonly rssAfterGc: number;
  /** Live JS heap after that GC, bytes: what the sessions themselves hold. */
  readonly heapAfterGc: number;
  /** Hook latency at the client during the run, ms. */
  readonly latency: Distribution;
  readonly answersOk: boolean;
  /** With a list page open (`listPage`): the longest event-loop block while the events arrived (the gateway's probe on), and the bytes the page got. */
  readonly listPage?: { readonly loopBlockMs: number; readonly bytes: number };
}

export async function measureIdle(gateway: Service): Promise<IdleMemory> {
  await (await fetch(`${gateway.url}/healthz`)).arrayBuffer();
  await Bun.sleep(500);
  const rss = processMemory(gateway.pid).rss;
  await gateway.command("gc");
  return { rss, rssAfterGc: processMemory(gateway.pid).rss };
}

/** One turn of a Claude Code session over HTTP hooks: a prompt, three tool calls, the answer. */
const TURN = ["UserPromptSubmit", "MessageDisplay", "PreToolUse", "PostToolUse", "PreToolUse", "PostToolUse", "PreToolUse", "PostToolUse", "PostToolBatch", "MessageDisplay", "Stop"];

/** The k-th hook event of session `s`, from the captured Claude Code payloads. */
export function claudeSessionEvent(templates: readonly HookTemplate[], s: number, k: number): string {
  const turn = Math.floor(k / TURN.length);
  const at = k % TURN.length;
  const event = TURN[at]!;
  const payload: Record<string, unknown> = { ...template(templates, event), session_id: `mem-${s}`, prompt_id: `prompt-${s}-${turn}` };
  if ("turn_id" in payload) payload.turn_id = `turn-${s}-${turn}`;
  if ("message_id" in payload) payload.message_id = `msg-${s}-${turn}-${at}`;
  if ("tool_use_id" in payload) payload.tool_use_id = `toolu_${s}_${turn}_${Math.floor((at - 2) / 2)}`;
  if (event === "UserPromptSubmit") payload.prompt = `Turn ${turn} of session ${s}: run the scripted command and report.`;
  return JSON.stringify(payload);
}

/**
 * `listPage`: the viewer's list page is open on the gateway the whole time (its event stream of
 * session rows, read as a browser would), as on a shared gateway with someone watching it; the
 * gateway must run its loop-lag probe (NEMO_RELAY_DEBUG_LOOP_LAG=1).
 */
export async function measureSessions(gateway: Service, params: { sessions: number; eventsPerSession: number; concurrency: number; maxMs: number }, options: { listPage?: boolean } = {}): Promise<SessionsMemory> {
  const templates = hookTemplates("claude-code");
  const url = `${gateway.url}/hooks/claude-code`;
  const headers = { "content-type": "application/json" };
  const latencies: number[] = [];
  let sent = 0;
  let payloadBytes = 0;
  let answersOk = true;
  const page = options.listPage ? await openListPage(gateway) : undefined;
  const memory = sampleMemory(gateway.pid, 100);
  const start = nowMs();
  const deadline = start + params.maxMs;
  // Worker w owns sessions w, w+c, …: each session's events go strictly in order, and every
  // session receives event k before any receives event k+1, so all are open together.
  const worker = async (w: number) => {
    for (let k = 0; k < params.eventsPerSession; k++) {
      for (let s = w; s < params.sessions; s += params.concurrency) {
        if (nowMs() > deadline) return;
        const body = claudeSessionEvent(templates, s, k);
        payloadBytes += body.length;
        const t0 = nowMs();
        const response = await fetch(url, { method: "POST", headers, body });
        const text = await response.text();
        latencies.push(nowMs() - t0);
        if (response.status !== 200 || text !== '{"continue":true}') answersOk = false;
        sent++;
      }
    }
  };
  await Promise.all(Array.from({ length: params.concurrency }, (_, w) => worker(w)));
  const seconds = (nowMs() - start) / 1000;
  // Read before the settle and the forced GC below, which hold the loop on purpose.
  const listPage = await page?.close();
  const peakRss = memory.stop();
  const settled = await gateway.command("settle");
  const settledRss = processMemory(gateway.pid).rss;
  const collected = await gateway.command("gc");
  return {
    sessions: params.sessions,
    eventsPerSession: params.eventsPerSession,
    eventsSent: sent,
    payloadBytes,
    seconds,
    stoppedBy: sent >= params.sessions * params.eventsPerSession ? "count" : "time",
    sessionsHeld: settled.sessions ?? Number.NaN,
    peakRss,
    settledRss,
    rssAfterGc: processMemory(gateway.pid).rss,
    heapAfterGc: collected.heapUsed ?? Number.NaN,
    latency: describe(latencies),
    answersOk,
    ...(listPage ? { listPage } : {}),
  };
}

/** Rows are gathered for 250 ms or more (paced by their cost): the page stays open this long after the last event, for the last rows. */
const LAST_ROWS_MS = 1_000;

/**
 * The list page's stream of rows, open and read until closed. The probe's count starts once it
 * is open; `close` waits for the last rows, then gives the longest block and the bytes the page got.
 */
async function openListPage(gateway: Service): Promise<{ close(): Promise<{ loopBlockMs: number; bytes: number }> }> {
  const abort = new AbortController();
  const response = await fetch(`${gateway.url}/ui/api/events`, { signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`the list page's stream answered ${response.status}`);
  let bytes = 0;
  const reading = (async () => {
    for await (const chunk of response.body!) bytes += chunk.byteLength;
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) throw error;
  });
  await gateway.command("lag");
  return {
    async close() {
      await Bun.sleep(LAST_ROWS_MS);
      const loopBlockMs = (await gateway.command("lag")).loopLagMs ?? Number.NaN;
      abort.abort();
      await reading;
      return { loopBlockMs, bytes };
    },
  };
}
