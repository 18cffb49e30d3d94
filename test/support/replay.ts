/**
 * Replays a captured real session (hook payloads + provider exchanges, test/fixtures/<client>/)
 * through a running gateway: the provider calls go through the proxy to an upstream that answers
 * with the captured responses, and each call is sent at the point of the hook sequence where the
 * real client made it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface CapturedHook {
  readonly event: string;
  readonly payload: Record<string, unknown>;
}

export interface CapturedExchange {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly response: { readonly status: number; readonly headers: Record<string, string>; readonly body: unknown };
  readonly mock: { readonly step?: string; readonly usage?: { inputTokens: number; cachedTokens: number; outputTokens: number } | null };
}

const FIXTURES = join(import.meta.dir, "../fixtures");
const lines = <T>(path: string): T[] => readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as T);

export const capturedHooks = (client: string, scenario: string) => lines<CapturedHook>(join(FIXTURES, client, `${scenario}.hooks.jsonl`));
export const capturedExchanges = (client: string, scenario: string) => lines<CapturedExchange>(join(FIXTURES, client, `${scenario}.requests.jsonl`));

const responseText = (x: CapturedExchange) => (typeof x.response.body === "string" ? x.response.body : JSON.stringify(x.response.body));

/** The subagent a captured call was made for ("" for the top-level agent). */
function agentOf(x: CapturedExchange): string {
  const thread = x.headers["thread-id"];
  return x.headers["x-claude-code-agent-id"] ?? (thread && thread !== x.headers["session-id"] ? thread : "");
}

const hookAgent = (h: CapturedHook) => (typeof h.payload.agent_id === "string" ? h.payload.agent_id : "");
const TEXT_ANCHORS = new Set(["MessageDisplay", "Stop", "StopFailure", "SessionEnd"]);

/**
 * For each exchange, the index of the hook it must precede: the first hook that reacts to its
 * response (a tool hook for a call it asked for, the model-request hook that closes it, the
 * assistant text or stop it produced), never earlier than the previous exchange's.
 */
export function anchors(hooks: readonly CapturedHook[], exchanges: readonly CapturedExchange[]): number[] {
  const usedPosts = new Set<number>();
  const firstFrom = (from: number, match: (h: CapturedHook) => boolean) => {
    const at = hooks.findIndex((h, i) => i >= from && match(h));
    return at < 0 ? hooks.length : at;
  };
  let cursor = 0;
  return exchanges.map((x) => {
    const agent = agentOf(x);
    const candidates: number[] = [];
    const text = responseText(x);
    if (x.mock.step === "compaction_summary") {
      candidates.push(firstFrom(cursor, (h) => h.event === "PreCompact") + 1);
    } else {
      const post = hooks.findIndex((h, i) => i >= cursor && !usedPosts.has(i) && h.event === "PostModelRequest" && hookAgent(h) === agent);
      if (post >= 0) {
        usedPosts.add(post);
        candidates.push(post);
      }
      candidates.push(firstFrom(cursor, (h) => typeof h.payload.tool_use_id === "string" && text.includes(h.payload.tool_use_id)));
      candidates.push(firstFrom(cursor, (h) => (agent ? h.event === "SubagentStop" && hookAgent(h) === agent : TEXT_ANCHORS.has(h.event) && hookAgent(h) === "")));
    }
    cursor = Math.min(...candidates);
    return cursor;
  });
}

/** An upstream that answers the i-th call with the i-th captured response, checking the path. */
export function replayUpstream(exchanges: readonly CapturedExchange[]) {
  let next = 0;
  const mismatches: string[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      await request.arrayBuffer();
      const x = exchanges[next++];
      const url = new URL(request.url);
      if (!x || `${url.pathname}${url.search}` !== x.path) {
        mismatches.push(`${url.pathname}${url.search} vs ${x?.path}`);
        return new Response("unexpected call", { status: 500 });
      }
      return new Response(responseText(x), { status: x.response.status, headers: { "content-type": x.response.headers["content-type"] ?? "application/json" } });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, mismatches, served: () => next, stop: () => void server.stop(true) };
}

/** What the agent got back for one hook or provider call (to compare runs). */
export interface ReplayedResponse {
  readonly what: string;
  readonly status: number;
  readonly body: string;
}

export interface ReplayOptions {
  /** Extra headers on every hook and provider request (e.g. `traceparent`). */
  readonly headers?: Record<string, string>;
  /** Sees every response the agent would have received, in order. */
  readonly observe?: (response: ReplayedResponse) => void;
  /** Awaited after each hook and call (e.g. until an open page shows what it did). */
  readonly after?: (what: string) => Promise<void>;
}

/** Sends hooks and calls to the gateway in the order the real client produced them. */
export async function replay(gateway: string, agentPath: string, hooks: readonly CapturedHook[], exchanges: readonly CapturedExchange[], options: ReplayOptions = {}): Promise<void> {
  const at = anchors(hooks, exchanges);
  let x = 0;
  for (let h = 0; h <= hooks.length; h++) {
    for (; x < exchanges.length && at[x]! <= h; x++) {
      await call(gateway, exchanges[x]!, options);
      await options.after?.(`${exchanges[x]!.method} ${exchanges[x]!.path}`);
    }
    if (h === hooks.length) break;
    const res = await fetch(`${gateway}/hooks/${agentPath}`, { method: "POST", body: JSON.stringify(hooks[h]!.payload), headers: { "content-type": "application/json", ...options.headers } });
    if (!res.ok) throw new Error(`hook ${hooks[h]!.event} answered ${res.status}: ${await res.text()}`);
    options.observe?.({ what: `hook ${hooks[h]!.event}`, status: res.status, body: await res.text() });
    await options.after?.(`hook ${hooks[h]!.event}`);
  }
}

async function call(gateway: string, x: CapturedExchange, options: ReplayOptions): Promise<void> {
  const headers = Object.fromEntries(Object.entries(x.headers).filter(([name]) => !["host", "content-length", "accept-encoding"].includes(name)));
  const res = await fetch(`${gateway}${x.path}`, { method: x.method, headers: { ...headers, ...options.headers }, body: JSON.stringify(x.body) });
  options.observe?.({ what: `${x.method} ${x.path}`, status: res.status, body: await res.text() });
}
