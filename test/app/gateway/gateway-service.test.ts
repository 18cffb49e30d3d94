import { describe, expect, test } from "bun:test";
import { agentCalls } from "../../../src/app/agents.ts";
import { GatewayService } from "../../../src/app/gateway/gateway-service.ts";
import { unattributedPart } from "../../../src/app/gateway/unattributed-parts.ts";
import { ok, type Result } from "../../../src/domain/errors.ts";
import type { DomainEvent } from "../../../src/domain/events.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import type { AgentHookAdapter } from "../../../src/ports/agent-hooks.ts";
import type { LlmCallStart } from "../../../src/ports/gateway-intake.ts";
import type { TrajectorySink, TrajectoryTarget } from "../../../src/ports/trajectory-sink.ts";

/** A hook adapter that takes domain events as its "native" payload. */
const passThrough: AgentHookAdapter = {
  agent: "codex",
  translate: (payload) => ok({ events: payload as DomainEvent[], response: {} }),
};

class MemorySink implements TrajectorySink {
  readonly writes: Array<{ trajectory: Trajectory; target: TrajectoryTarget }> = [];
  async write(trajectory: Trajectory, target: TrajectoryTarget): Promise<Result<{ path: string }>> {
    this.writes.push({ trajectory, target });
    return ok({ path: `/mem/${target.sessionId}` });
  }
}

const service = (sink?: TrajectorySink, report: (m: string) => void = () => {}) => new GatewayService({ adapters: [passThrough], calls: agentCalls(), sink, producer: "test", now: () => 1_000, report });
const call = (headers: Record<string, string>, request: Partial<LlmCallStart["request"]> = {}): LlmCallStart => ({ api: "openai-responses", path: "/v1/responses", headers, request: { stream: true, keys: {}, ...request }, at: 5 });
const sessionsOf = (s: GatewayService) => s.recorder.sessionIds().sort();
/** The unattributed parts of a gateway started at 1,000 ms past the epoch (every service here). */
const part = (n: number) => unattributedPart(1_000, n);

describe("which session an LLM call belongs to", () => {
  test("explicit header, Claude's header, Codex's header, then the body", () => {
    const s = service();
    s.started(call({ "x-nemo-relay-session-id": "explicit", "x-claude-code-session-id": "claude" }));
    s.started(call({ "x-claude-code-session-id": "claude", "session-id": "codex" }));
    s.started(call({ "session-id": "codex" }, { sessionId: "body" }));
    s.started(call({}, { sessionId: "body" }));
    expect(sessionsOf(s)).toEqual(["body", "claude", "codex", "explicit"]);
  });

  test("with nothing to go on: the only session in memory, else an unattributed one", () => {
    const s = service();
    s.started(call({ "session-id": "only" }));
    s.started(call({}));
    expect(sessionsOf(s)).toEqual(["only"]);
    s.started(call({ "session-id": "second" }));
    s.started(call({}));
    expect(sessionsOf(s)).toEqual([part(1), "only", "second"]);
  });

  test("unattributed calls go on in a new session once one holds the maximum; the full one is ended and written", async () => {
    const sink = new MemorySink();
    const s = new GatewayService({ adapters: [passThrough], calls: agentCalls(), sink, producer: "test", now: () => 1_000, report: () => {}, unattributedPart: { calls: 3 } });
    s.started(call({ "session-id": "a" }));
    s.started(call({ "session-id": "b" }));
    for (let i = 0; i < 7; i++) s.ended(s.started(call({})), { status: "completed", message: `answer ${i}` }, 6 + i);
    await s.flush();
    const parts = [part(1), part(2), part(3)];
    expect(sessionsOf(s)).toEqual(["a", "b", ...parts]);
    expect(parts.map((id) => s.recorder.sessionState(id)?.ended)).toEqual([true, true, false]);
    expect(parts.map((id) => s.snapshot(id)!.trajectory.steps.filter((step) => step.source === "agent").length)).toEqual([3, 3, 1]);
    // The full parts are written as they end, the open one within a second of its call (flush starts it now).
    expect([...new Set(sink.writes.map((w) => w.target.sessionId))]).toEqual(parts);
  });

  test("a part is full by age as well as by calls: an hour after its first call, the next call opens the next part", () => {
    const s = new GatewayService({ adapters: [passThrough], calls: agentCalls(), producer: "test", now: () => 1_000, report: () => {} });
    const at = (ms: number) => ({ ...call({}), at: ms });
    s.started(call({ "session-id": "a" }));
    s.started(call({ "session-id": "b" }));
    s.started(at(0));
    s.started(at(3_599_999));
    s.started(at(3_600_000));
    expect(sessionsOf(s)).toEqual(["a", "b", part(1), part(2)]);
    expect(s.recorder.sessionState(part(1))?.ended).toBe(true);
  });

  test("parts are named by when their gateway started: a restarted gateway never reuses an earlier one's names", () => {
    expect([part(1), part(2)]).toEqual(["gateway-unattributed-19700101T000001Z", "gateway-unattributed-19700101T000001Z-2"]);
    const later = new GatewayService({ adapters: [passThrough], calls: agentCalls(), producer: "test", now: () => Date.UTC(2026, 11, 7, 8, 15), report: () => {} });
    later.started(call({ "session-id": "a" }));
    later.started(call({ "session-id": "b" }));
    later.started(call({}));
    expect(sessionsOf(later)).toEqual(["a", "b", "gateway-unattributed-20261207T081500Z"]);
  });

  test("Codex's thread-id names a subagent when it differs from the session id", () => {
    const s = service();
    s.receive("codex", [{ kind: "subagent_start", sessionId: "root", at: 1, subagentId: "thread-2" }], { headers: {}, receivedAt: 1 });
    const id = s.started(call({ "session-id": "root", "thread-id": "thread-2" }));
    s.ended(id, { status: "completed", message: "from the subagent" }, 6);
    const t = s.snapshot("root")!.trajectory;
    expect(t.subagent_trajectories?.[0]?.steps.map((step) => step.message)).toEqual(["from the subagent"]);
  });
});

describe("hooks and snapshots", () => {
  test("an unknown agent is refused with the known ones listed", () => {
    const r = service().receive("vim", {}, { headers: {}, receivedAt: 1 });
    expect(!r.ok && r.error).toEqual({ code: "unknown_agent", message: 'no hook endpoint for agent "vim"; known: codex' });
  });

  test("a closed turn writes a snapshot into the session's own cwd", async () => {
    const sink = new MemorySink();
    const s = service(sink);
    const events: DomainEvent[] = [
      { kind: "turn_start", sessionId: "s1", at: 1, prompt: "hi", metadata: { cwd: "/projects/one" } },
      { kind: "turn_end", sessionId: "s1", at: 2, lastMessage: "hello" },
    ];
    s.receive("codex", events, { headers: {}, receivedAt: 1 });
    await s.flush();
    expect(sink.writes).toHaveLength(1);
    expect(sink.writes[0]!.target).toEqual({ sessionId: "s1", cwd: "/projects/one" });
    expect(sink.writes[0]!.trajectory.agent.name).toBe("codex");
    expect(sink.writes[0]!.trajectory.steps.map((step) => step.message)).toEqual(["hi", "hello"]);
  });

  test("shutdown ends and writes every session", async () => {
    const sink = new MemorySink();
    const s = service(sink);
    s.receive("codex", [{ kind: "turn_start", sessionId: "a", at: 1, prompt: "x" }], { headers: {}, receivedAt: 1 });
    s.started(call({ "x-claude-code-session-id": "b" }));
    await s.shutdown();
    expect(sink.writes.map((w) => w.target.sessionId).sort()).toEqual(["a", "b"]);
    expect(sink.writes.find((w) => w.target.sessionId === "b")!.trajectory.agent.name).toBe("codex");
  });

  test("a failing sink is reported once per distinct failure and never throws into the caller", async () => {
    const reports: string[] = [];
    const failing: TrajectorySink = { write: async () => ({ ok: false, error: { code: "write_failed", message: "disk full" } }) };
    const s = service(failing, (m) => reports.push(m));
    for (const id of ["a", "b", "a"]) s.receive("codex", [{ kind: "turn_start", sessionId: id, at: 1, prompt: "x" }, { kind: "turn_end", sessionId: id, at: 2 }], { headers: {}, receivedAt: 1 });
    await s.flush();
    expect(reports).toEqual(["ATIF not written: disk full [write_failed]"]);
  });
});

describe("Codex threads", () => {
  test("a call on the session's own thread is the top-level agent's, even while a subagent runs", () => {
    const s = service();
    s.receive("codex", [{ kind: "turn_start", sessionId: "root", at: 1, prompt: "p" }, { kind: "subagent_start", sessionId: "root", at: 2, subagentId: "thread-2" }], { headers: {}, receivedAt: 1 });
    s.started(call({ "session-id": "root", "thread-id": "thread-2" }));
    const id = s.started(call({ "session-id": "root", "thread-id": "root" }));
    s.ended(id, { status: "completed", message: "root speaks" }, 7);
    const t = s.snapshot("root")!.trajectory;
    expect(t.steps.find((step) => step.message === "root speaks")?.extra?.llm_correlation_status).toBe("explicit");
  });
});

describe("secrets", () => {
  // Assembled at run time so that no secret-shaped literal sits in the repository.
  const secret = ["sk", "proj", "Zq8Xw2Vu4Ts6Rq8Po0Nm2Lk4Ji6Hg8Fe0Dc"].join("-");
  const events = (): DomainEvent[] => [
    { kind: "turn_start", sessionId: "k", at: 1, prompt: `use ${secret} for the call` },
    { kind: "tool_start", sessionId: "k", at: 2, toolCallId: "t", name: "Bash", arguments: { command: `export OPENAI_API_KEY=${secret}` } },
    { kind: "tool_end", sessionId: "k", at: 3, toolCallId: "t", status: "completed", output: `${secret}\n` },
  ];

  test("API keys never reach a written trajectory by default", () => {
    const s = service();
    s.receive("codex", events(), { headers: {}, receivedAt: 1 });
    const text = JSON.stringify(s.snapshot("k")!.trajectory);
    expect(text).not.toContain(secret);
    expect(text).toContain("[REDACTED:openai_key]");
  });

  test("a snapshot after every event is what a fresh gateway makes of the same events, secrets filled in later included", () => {
    const hooks = { headers: {}, receivedAt: 1 };
    const late: DomainEvent[] = [
      { kind: "turn_start", sessionId: "k", at: 1, prompt: "deploy" },
      { kind: "tool_start", sessionId: "k", at: 2, toolCallId: "t", name: "Bash", arguments: { command: "env" } },
      { kind: "turn_start", sessionId: "k", at: 3, prompt: "again" },
      { kind: "llm_start", sessionId: "k", at: 4, callId: "l1", origin: "hook", keys: {} },
      { kind: "llm_end", sessionId: "k", at: 5, callId: "l1", origin: "hook", status: "completed", message: "" },
      // Each of these fills in a step an earlier snapshot already holds.
      { kind: "tool_end", sessionId: "k", at: 6, toolCallId: "t", status: "completed", output: `OPENAI_API_KEY=${secret}` },
      { kind: "tool_outcome", sessionId: "k", at: 7, toolCallId: "t", status: "failed", reason: `refused ${secret}` },
      { kind: "turn_end", sessionId: "k", at: 8, lastMessage: `the key is ${secret}` },
    ];
    for (const redactSecrets of [true, false]) {
      const make = () => new GatewayService({ adapters: [passThrough], calls: agentCalls(), producer: "t", now: () => 1, report: () => {}, redactSecrets });
      const s = make();
      late.forEach((event, i) => {
        s.receive("codex", [event], hooks);
        const fresh = make();
        fresh.receive("codex", late.slice(0, i + 1), hooks);
        const text = JSON.stringify(s.snapshot("k"));
        expect(text).toBe(JSON.stringify(fresh.snapshot("k")));
        expect(text.includes(secret)).toBe(!redactSecrets && i >= 5);
        if (i >= 5) expect(text).toContain(redactSecrets ? "[REDACTED:openai_key]" : secret);
      });
    }
  });

  test("redaction can be turned off", () => {
    const s = new GatewayService({ adapters: [passThrough], calls: agentCalls(), producer: "t", now: () => 1, report: () => {}, redactSecrets: false });
    s.receive("codex", events(), { headers: {}, receivedAt: 1 });
    expect(JSON.stringify(s.snapshot("k")!.trajectory)).toContain(secret);
  });
});

describe("exporters", () => {
  test("see every placed event of every session, in order, and are shut down with the gateway", async () => {
    const seen: string[] = [];
    let shutdowns = 0;
    const exporter = {
      consume: (sessionId: string, placed: readonly { event: DomainEvent }[], context: { agent?: string }) => placed.forEach((p) => seen.push(`${sessionId}:${p.event.kind}:${context.agent}`)),
      flush: async () => {},
      shutdown: async () => void shutdowns++,
    };
    const s = new GatewayService({ adapters: [passThrough], calls: agentCalls(), producer: "t", now: () => 9, report: () => {}, exporters: [exporter] });
    s.receive("codex", [{ kind: "turn_start", sessionId: "a", at: 1, prompt: "x" }, { kind: "tool_start", sessionId: "a", at: 2, toolCallId: "t", name: "Bash", arguments: {} }], { headers: {}, receivedAt: 1 });
    await s.shutdown();
    expect(seen).toEqual(["a:turn_start:codex", "a:tool_start:codex", "a:tool_end:codex", "a:session_end:codex"]);
    expect(shutdowns).toBe(1);
  });
});

describe("memory stays bounded", () => {
  const at = (t: number) => ({ headers: {}, receivedAt: t });
  test("a quiet session is ended and written, then forgotten once it stays quiet", async () => {
    let now = 0;
    const sink = new MemorySink();
    const s = new GatewayService({ adapters: [passThrough], calls: agentCalls(), sink, producer: "t", now: () => now, report: () => {} });
    s.receive("codex", [{ kind: "turn_start", sessionId: "old", at: 0, prompt: "p" }], at(0));
    s.receive("codex", [{ kind: "turn_start", sessionId: "new", at: 50, prompt: "p" }], at(50));
    now = 100;
    s.evictSessions(100, 1000);
    await s.flush();
    expect(sink.writes.map((w) => w.target.sessionId)).toEqual(["old"]);
    expect(s.recorder.sessionState("old")).toMatchObject({ ended: true });
    now = 200; // "old" ended at 100, quiet since
    s.evictSessions(100, 1000);
    expect(s.recorder.sessionIds()).toEqual(["new"]);
  });

  test("beyond the cap the least recently active sessions go first", async () => {
    let now = 0;
    const sink = new MemorySink();
    const s = new GatewayService({ adapters: [passThrough], calls: agentCalls(), sink, producer: "t", now: () => now, report: () => {} });
    for (const [i, id] of ["a", "b", "c"].entries()) s.receive("codex", [{ kind: "turn_start", sessionId: id, at: i, prompt: "p" }], at(i));
    now = 3;
    s.evictSessions(1_000_000, 2);
    await s.flush();
    expect(sink.writes.map((w) => w.target.sessionId)).toEqual(["a"]);
    s.evictSessions(1_000_000, 2);
    expect(s.recorder.sessionIds().sort()).toEqual(["b", "c"]);
  });
});

test("a recently ended session does not shield a stale active one from eviction", async () => {
  let now = 0;
  const s = new GatewayService({ adapters: [passThrough], calls: agentCalls(), sink: new MemorySink(), producer: "t", now: () => now, report: () => {} });
  s.receive("codex", [{ kind: "turn_start", sessionId: "stale", at: 0, prompt: "p" }], { headers: {}, receivedAt: 0 });
  s.receive("codex", [{ kind: "turn_start", sessionId: "done", at: 90, prompt: "p" }, { kind: "session_end", sessionId: "done", at: 95 }], { headers: {}, receivedAt: 90 });
  now = 100;
  s.evictSessions(50, 1000);
  expect(s.recorder.sessionState("stale")).toMatchObject({ ended: true });
  expect(s.recorder.sessionState("done")).toMatchObject({ ended: true });
});

test("an ended session whose last snapshot is still waiting to be written is not forgotten", async () => {
  let now = 0;
  const writes: string[] = [];
  // A slow disk: the second write is paced (4 × ~30 ms), so it is still waiting when eviction runs.
  const slow: TrajectorySink = { write: async (t, target) => (await Bun.sleep(30), writes.push(`${target.sessionId}:${t.steps.length}`), ok({ path: "x" })) };
  const s = new GatewayService({ adapters: [passThrough], calls: agentCalls(), sink: slow, producer: "t", now: () => now, report: () => {} });
  s.receive("codex", [{ kind: "turn_start", sessionId: "a", at: 0, prompt: "p" }, { kind: "turn_end", sessionId: "a", at: 1 }], { headers: {}, receivedAt: 0 });
  s.receive("codex", [{ kind: "turn_start", sessionId: "a", at: 2, prompt: "q" }, { kind: "session_end", sessionId: "a", at: 3 }], { headers: {}, receivedAt: 2 });
  await Bun.sleep(40);
  now = 1_000;
  s.evictSessions(10, 1000);
  expect(s.recorder.sessionIds()).toEqual(["a"]);
  await s.flush();
  expect(writes).toEqual(["a:1", "a:2"]);
  s.evictSessions(10, 1000);
  expect(s.recorder.sessionIds()).toEqual([]);
});
