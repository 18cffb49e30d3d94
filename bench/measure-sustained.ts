/**
 * Sustained load (SPEC §5, the sustained budgets): long runs of sequential calls, where a stall
 * that a short run never meets would show as the maximum. Four phases, each on a fresh gateway
 * with its event-loop probe on (NEMO_RELAY_DEBUG_LOOP_LAG=1):
 *
 * - unattributed: N calls that name no session (a plain SDK script), each cycle one call to
 *   direct, the floor proxy and the gateway in a seeded shuffled order, so the three see the
 *   same moments of the machine;
 * - one long Claude Code session: a turn every `callsPerTurn` calls, each call followed by the
 *   tool's PreToolUse / PostToolUse hooks carrying a realistic output, each call paired with a
 *   direct one;
 * - one long subagent: a single turn whose subagent makes `subagentCalls` of those calls; then
 *   again with the live viewer's session page opened halfway (it gets the session whole, then
 *   follows its deltas).
 *
 * The gateway's RSS is read every `rssEvery` calls and its longest loop block asked for at the end.
 */
import { nowMs, timedBuffered, type Call } from "./http-client.ts";
import { API_PATH, requestBody, requestHeaders } from "./payloads.ts";
import { processMemory, sampleMemory, type Service } from "./processes.ts";
import { quantileSorted, seededRandom, shuffle, sortedCopy } from "./stats.ts";

export interface SustainedLimits {
  readonly unattributedCalls: number;
  readonly sessionTurns: number;
  readonly callsPerTurn: number;
  /** Calls (each with its tool run) of the one long subagent. */
  readonly subagentCalls: number;
  readonly toolOutputBytes: number;
  /** Wall-clock bound of each phase. */
  readonly maxMs: number;
  readonly rssEvery: number;
  readonly seed: number;
}

export interface Spread {
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

export interface SustainedPhase {
  readonly calls: number;
  readonly stoppedBy: "count" | "time";
  readonly gateway: Spread;
  readonly direct: Spread;
  readonly bare?: Spread;
  /** The slowest gateway call minus direct's median: the most any call was held back. */
  readonly addedMax: number;
  /** gateway p99 − direct p99, and the same for the floor. */
  readonly addedP99: number;
  readonly bareAddedMax?: number;
  readonly loopBlockMs: number;
  readonly rssPeak: number;
  readonly rssEnd: number;
  /** [calls so far, RSS bytes]. */
  readonly rssOverTime: Array<[number, number]>;
  readonly hooks?: Spread;
  readonly hookCount?: number;
  /** Calls of each arm slower than direct's median + 50 ms: the gateway's beside the machine's own stalls. */
  readonly slowCalls: Record<string, number>;
  readonly errors: number;
  /** What a session page watching the phase received (bytes of its event stream). */
  readonly pageBytes?: number;
}

export interface SustainedResult {
  readonly unattributed: SustainedPhase;
  readonly session: SustainedPhase;
  readonly subagent: SustainedPhase;
  /** The same subagent with a live session page opened halfway through. */
  readonly watched: SustainedPhase;
}

function spread(values: readonly number[]): Spread {
  const s = sortedCopy(values);
  return { p50: quantileSorted(s, 0.5), p99: quantileSorted(s, 0.99), p999: quantileSorted(s, 0.999), max: s.length > 0 ? s[s.length - 1]! : Number.NaN };
}

interface Recorded {
  readonly times: Record<string, number[]>;
  readonly rssOverTime: Array<[number, number]>;
  calls: number;
  errors: number;
  stoppedBy: "count" | "time";
}

async function timed(into: number[] | undefined, call: Call, recorded: Recorded): Promise<void> {
  try {
    const ms = await timedBuffered(call);
    into?.push(ms);
  } catch {
    recorded.errors++;
  }
}

async function phase(gateway: Service, run: (recorded: Recorded, deadline: number) => Promise<void>, maxMs: number): Promise<Omit<SustainedPhase, "addedMax" | "addedP99" | "bareAddedMax" | "gateway" | "direct" | "bare" | "hooks" | "hookCount" | "slowCalls"> & { times: Record<string, number[]> }> {
  await gateway.command("lag"); // starts the probe's count over
  const memory = sampleMemory(gateway.pid, 250);
  const recorded: Recorded = { times: {}, rssOverTime: [], calls: 0, errors: 0, stoppedBy: "count" };
  await run(recorded, nowMs() + maxMs);
  await gateway.command("settle");
  const rssPeak = memory.stop();
  const lag = await gateway.command("lag");
  return { calls: recorded.calls, stoppedBy: recorded.stoppedBy, errors: recorded.errors, times: recorded.times, rssOverTime: recorded.rssOverTime, rssPeak, rssEnd: processMemory(gateway.pid).rss, loopBlockMs: lag.loopLagMs ?? Number.NaN };
}

/** How much slower than direct's median a call may be before it counts as held back (the max-added budget). */
const SLOW_MS = 50;

function judgedPhase(p: Awaited<ReturnType<typeof phase>>): SustainedPhase {
  const { times, ...rest } = p;
  const gateway = spread(times.gateway ?? []);
  const direct = spread(times.direct ?? []);
  const slowCalls = Object.fromEntries(["gateway", "bare", "direct"].filter((arm) => times[arm]).map((arm) => [arm, times[arm]!.filter((t) => t > direct.p50 + SLOW_MS).length]));
  const bare = times.bare ? spread(times.bare) : undefined;
  return {
    ...rest,
    gateway,
    direct,
    bare,
    addedMax: gateway.max - direct.p50,
    addedP99: gateway.p99 - direct.p99,
    bareAddedMax: bare ? bare.max - direct.p50 : undefined,
    hooks: times.hooks ? spread(times.hooks) : undefined,
    hookCount: times.hooks?.length,
    slowCalls,
  };
}

/** Calls that name no session, rotated with direct and the floor. */
export async function measureUnattributed(endpoints: { direct: string; bare: string }, gateway: Service, limits: SustainedLimits): Promise<SustainedPhase> {
  const body = requestBody("responses", 4 * 1024, false);
  const headers = requestHeaders("responses");
  const random = seededRandom(limits.seed);
  const arms: Array<[string, string]> = [["direct", endpoints.direct], ["bare", endpoints.bare], ["gateway", gateway.url]];
  const measured = await phase(gateway, async (recorded, deadline) => {
    for (const [name] of arms) recorded.times[name] = [];
    for (let i = 0; i < limits.unattributedCalls; i++) {
      if (nowMs() > deadline) return void (recorded.stoppedBy = "time");
      for (const [name, base] of shuffle([...arms], random)) await timed(recorded.times[name], { url: `${base}${API_PATH.responses}`, body, headers }, recorded);
      recorded.calls++;
      if (recorded.calls % limits.rssEvery === 0) recorded.rssOverTime.push([recorded.calls, processMemory(gateway.pid).rss]);
    }
  }, limits.maxMs);
  return judgedPhase(measured);
}

/** A tool's output as an agent would see it: source lines, different for every call. */
function toolOutput(n: number, bytes: number): string {
  let out = "";
  for (let line = 1; out.length < bytes; line++) out += `src/module-${n % 97}/file-${line}.ts:${line * 7}: export function handler${n}_${line}(input: Request): Promise<Response> { return route(input, ${line}); }\n`;
  return out.slice(0, bytes);
}

/** A Claude Code session's traffic through the gateway: its calls, each paired with a direct one, and its hooks. */
function claudeCodeSession(direct: string, gateway: Service, sessionId: string, limits: SustainedLimits) {
  const body = requestBody("messages", 4 * 1024, false);
  const headers = { ...requestHeaders("messages"), "x-claude-code-session-id": sessionId };
  const hookHeaders = { "content-type": "application/json" };
  const hook = (recorded: Recorded, payload: Record<string, unknown>) =>
    timed(recorded.times.hooks, { url: `${gateway.url}/hooks/claude-code`, body: JSON.stringify({ session_id: sessionId, ...payload }), headers: hookHeaders }, recorded);
  return {
    hook,
    /** One model call and the Bash command it asks for (`agent`: the subagent's fields its hooks carry). */
    async callAndTool(recorded: Recorded, id: string, agent: Record<string, unknown> = {}): Promise<void> {
      await timed(recorded.times.direct, { url: `${direct}${API_PATH.messages}`, body, headers }, recorded);
      await timed(recorded.times.gateway, { url: `${gateway.url}${API_PATH.messages}`, body, headers }, recorded);
      const input = { command: `rg -n handler src/module-${recorded.calls % 20}` };
      await hook(recorded, { hook_event_name: "PreToolUse", ...agent, tool_name: "Bash", tool_use_id: id, tool_input: input });
      await hook(recorded, { hook_event_name: "PostToolUse", ...agent, tool_name: "Bash", tool_use_id: id, tool_input: input, tool_response: { stdout: toolOutput(recorded.calls, limits.toolOutputBytes), stderr: "", interrupted: false } });
      recorded.calls++;
      if (recorded.calls % limits.rssEvery === 0) recorded.rssOverTime.push([recorded.calls, processMemory(gateway.pid).rss]);
    },
  };
}

/** One long Claude Code session through the gateway: hooks and calls as the agent sends them. */
export async function measureLongSession(direct: string, gateway: Service, limits: SustainedLimits): Promise<SustainedPhase> {
  const { hook, callAndTool } = claudeCodeSession(direct, gateway, `bench-long-${limits.seed}`, limits);
  const measured = await phase(gateway, async (recorded, deadline) => {
    for (const arm of ["gateway", "direct", "hooks"]) recorded.times[arm] = [];
    for (let turn = 1; turn <= limits.sessionTurns; turn++) {
      await hook(recorded, { hook_event_name: "UserPromptSubmit", prompt: `turn ${turn}: carry on with the refactoring` });
      for (let c = 0; c < limits.callsPerTurn; c++) {
        if (nowMs() > deadline) return void (recorded.stoppedBy = "time");
        await callAndTool(recorded, `toolu_${turn}_${c}`);
      }
      await hook(recorded, { hook_event_name: "Stop", last_assistant_message: `turn ${turn} done` });
    }
  }, limits.maxMs);
  return judgedPhase(measured);
}

/**
 * One turn that delegates to a subagent (Claude Code's Agent tool), which then works through
 * `subagentCalls` calls and tool runs before it stops: a long research or refactoring task.
 */
export async function measureLongSubagent(direct: string, gateway: Service, limits: SustainedLimits, options: { watchFrom?: number } = {}): Promise<SustainedPhase> {
  const sessionId = `bench-subagent-${limits.seed}`;
  const { hook, callAndTool } = claudeCodeSession(direct, gateway, sessionId, limits);
  let page: PageWatch | undefined;
  const agent = { agent_id: `a${limits.seed}bench`, agent_type: "general-purpose" };
  const task = { description: "Refactor the handlers", prompt: "Go through every module and refactor its handlers", subagent_type: "general-purpose" };
  const measured = await phase(gateway, async (recorded, deadline) => {
    for (const arm of ["gateway", "direct", "hooks"]) recorded.times[arm] = [];
    await hook(recorded, { hook_event_name: "UserPromptSubmit", prompt: "refactor every handler, with a subagent" });
    await hook(recorded, { hook_event_name: "PreToolUse", tool_name: "Agent", tool_use_id: "toolu_task", tool_input: task });
    await hook(recorded, { hook_event_name: "SubagentStart", ...agent });
    for (let c = 0; c < limits.subagentCalls; c++) {
      if (nowMs() > deadline) {
        recorded.stoppedBy = "time";
        break;
      }
      if (c === options.watchFrom) page = watchSession(gateway.url, sessionId);
      await callAndTool(recorded, `toolu_sub_${c}`, agent);
    }
    await hook(recorded, { hook_event_name: "SubagentStop", ...agent, stop_hook_active: false, last_assistant_message: "all handlers refactored" });
    await hook(recorded, { hook_event_name: "PostToolUse", tool_name: "Agent", tool_use_id: "toolu_task", tool_input: task, tool_response: { content: [{ type: "text", text: "all handlers refactored" }] } });
    await hook(recorded, { hook_event_name: "Stop", last_assistant_message: "done" });
  }, limits.maxMs);
  return { ...judgedPhase(measured), ...(page ? { pageBytes: await page.stop() } : {}) };
}

interface PageWatch {
  /** Closes the page's stream; the bytes it got. */
  stop(): Promise<number>;
}

/**
 * A session page of the live viewer, opened now, as the page does it: the session's event stream
 * (which starts with the session whole, in slices), read and counted as a browser would receive
 * it. The gateway's side of watching (reading the session back, serving it, deltas) is what the
 * phase measures; a browser's own rendering is section 9's.
 */
function watchSession(gatewayUrl: string, sessionId: string): PageWatch {
  const abort = new AbortController();
  let bytes = 0;
  const events = `${gatewayUrl}/ui/api/sessions/${encodeURIComponent(`live:${sessionId}`)}/events`;
  const reading = (async () => {
    const response = await fetch(events, { signal: abort.signal });
    if (!response.ok || !response.body) throw new Error(`the session page's stream answered ${response.status}`);
    for await (const chunk of response.body) bytes += chunk.byteLength;
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) throw error;
  });
  return {
    async stop() {
      abort.abort();
      await reading;
      return bytes;
    },
  };
}
