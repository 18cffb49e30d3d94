/**
 * Sessions far longer than any snapshot test's, through the gateway service and the real ATIF
 * directory: a 20,000-step session and 25,000 calls that name no session leave every file valid,
 * with every step in it once, whatever the recorder sealed between writes. No timing is asserted
 * (the benchmark measures that); every loop is bounded.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtifDirectorySink } from "../../../src/adapters/fs/atif-directory-sink.ts";
import { agentCalls } from "../../../src/app/agents.ts";
import { GatewayService } from "../../../src/app/gateway/gateway-service.ts";
import { UNATTRIBUTED_SESSION, unattributedPart, type PartLimits } from "../../../src/app/gateway/unattributed-parts.ts";
import { ok } from "../../../src/domain/errors.ts";
import type { DomainEvent } from "../../../src/domain/events.ts";
import { SECRET_PATTERNS } from "../../../src/domain/redaction.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { DEFAULT_SEAL_POLICY } from "../../../src/domain/trajectory/sealed-steps.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import type { AgentHookAdapter } from "../../../src/ports/agent-hooks.ts";
import type { LlmCallStart } from "../../../src/ports/gateway-intake.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), "nemo-relay-long-"));
  dirs.push(dir);
  return dir;
};

const passThrough: AgentHookAdapter = { agent: "codex", translate: (payload) => ok({ events: payload as DomainEvent[], response: {} }) };
let clock = Date.UTC(2026, 11, 7, 9);
const service = (dir: string, unattributedPart?: Partial<PartLimits>) =>
  new GatewayService({ adapters: [passThrough], calls: agentCalls(), sink: new AtifDirectorySink(dir), producer: "test", now: () => clock, report: (m) => console.error(m), unattributedPart });
const call = (): LlmCallStart => ({ api: "openai-responses", path: "/v1/responses", headers: {}, request: { stream: false, keys: {}, model: "gpt-5.4", userMessage: "go on" }, at: (clock += 10) });
const output = (n: number) => `line ${n}: ${"output ".repeat(40)}`;

const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Trajectory;
const errors = (t: Trajectory) => validateTrajectory(t).filter((v) => v.severity === "error");

/** One call of a long Codex-like session: the wire's call with a tool call, then the tool's hooks; a turn every 20 calls. */
function callEvents(sessionId: string, i: number): DomainEvent[] {
  const at = (clock += 10);
  const events: DomainEvent[] = [];
  if (i % 20 === 0) events.push({ kind: "turn_start", sessionId, at, prompt: `turn ${i / 20}` });
  const toolCalls = [{ id: `tool-${i}`, name: "Bash", arguments: { command: `cat part-${i}` } }];
  events.push({ kind: "llm_start", sessionId, at, callId: `c${i}`, origin: "gateway", keys: {}, model: "gpt-5.4" });
  events.push({ kind: "llm_end", sessionId, at, callId: `c${i}`, origin: "gateway", status: "completed", model: "gpt-5.4", toolCalls, usage: { inputTokens: 100, outputTokens: 10, cachedTokens: 50 } });
  events.push({ kind: "tool_start", sessionId, at, toolCallId: `tool-${i}`, name: "Bash", arguments: toolCalls[0]!.arguments });
  events.push({ kind: "tool_end", sessionId, at, toolCallId: `tool-${i}`, status: "completed", output: output(i) });
  if (i % 20 === 19) events.push({ kind: "turn_end", sessionId, at, lastMessage: `done with turn ${(i - 19) / 20}` });
  return events;
}

/** One call of a subagent: its model call asking for a tool, then the tool's hooks, all with the subagent's id. */
function subagentCallEvents(sessionId: string, subagentId: string, i: number): DomainEvent[] {
  const at = (clock += 10);
  const toolCalls = [{ id: `sub-tool-${i}`, name: "Bash", arguments: { command: `cat part-${i}` } }];
  return [
    { kind: "llm_start", sessionId, at, callId: `s${i}`, origin: "gateway", keys: { subagentId }, model: "gpt-5.4-mini" },
    { kind: "llm_end", sessionId, at, callId: `s${i}`, origin: "gateway", status: "completed", model: "gpt-5.4-mini", toolCalls, usage: { inputTokens: 100, outputTokens: 10, cachedTokens: 0 } },
    { kind: "tool_start", sessionId, at, subagentId, toolCallId: `sub-tool-${i}`, name: "Bash", arguments: toolCalls[0]!.arguments },
    { kind: "tool_end", sessionId, at, subagentId, toolCallId: `sub-tool-${i}`, status: "completed", output: output(i) },
  ];
}

describe("a subagent of 3,000 calls", () => {
  test("written while it works, its steps rendered ahead between writes: the file ends valid, every call once, in order", async () => {
    const dir = scratch();
    const s = service(dir);
    const calls = 3_000;
    s.receive("codex", [{ kind: "turn_start", sessionId: "sub", at: (clock += 10), prompt: "delegate it" }, { kind: "subagent_start", sessionId: "sub", at: (clock += 10), subagentId: "w1", agentType: "worker" }], { headers: {}, receivedAt: clock });
    for (let i = 0; i < calls; i++) {
      s.receive("codex", subagentCallEvents("sub", "w1", i), { headers: {}, receivedAt: clock });
      if (i % 100 === 0) await s.flush(); // mid-turn writes carry the subagent whole
    }
    s.receive("codex", [{ kind: "subagent_stop", sessionId: "sub", at: (clock += 10), subagentId: "w1", lastMessage: "all read" }, { kind: "turn_end", sessionId: "sub", at: (clock += 10), lastMessage: "done" }], { headers: {}, receivedAt: clock });
    await s.shutdown();
    const t = read(s.fileOf("sub")!);
    expect(errors(t)).toEqual([]);
    const sub = t.subagent_trajectories!.find((x) => x.trajectory_id === "w1")!;
    expect(sub.steps.map((step) => step.step_id)).toEqual(sub.steps.map((_, i) => i + 1));
    const results = sub.steps.flatMap((step) => step.observation?.results ?? []);
    expect(results.map((r) => r.source_call_id)).toEqual(Array.from({ length: calls }, (_, i) => `sub-tool-${i}`));
    expect(results.every((r, i) => r.content === output(i))).toBe(true);
    // The same document the recorder builds whole from memory: nothing the pieces or the early rendering changed.
    expect(t).toEqual(JSON.parse(JSON.stringify(s.recorder.trajectory("sub", { agentName: "codex", producer: "test", redaction: SECRET_PATTERNS }))));
  }, 60_000);
});

describe("a 20,000-step session", () => {
  test("its file is valid and holds every step once, in order, with totals to match", async () => {
    const dir = scratch();
    const s = service(dir);
    const calls = 19_000; // 950 turns: 950 user steps + 19,000 agent steps + 950 final-message steps
    for (let i = 0; i < calls; i++) {
      s.receive("codex", callEvents("long", i), { headers: {}, receivedAt: clock });
      // The event loop runs between requests: writes start as they would in the gateway.
      if (i % 50 === 0) await Bun.sleep(0);
    }
    await s.shutdown();
    // Its older steps are only in the file now: no whole snapshot from memory, the file instead.
    expect(s.snapshot("long")).toBeUndefined();
    expect(s.fileOf("long")).toBe(join(dir, "long.atif.json"));
    const t = read(s.fileOf("long")!);
    expect(errors(t)).toEqual([]);
    expect(t.steps.length).toBe(20_900);
    expect(t.steps.map((step) => step.step_id)).toEqual(t.steps.map((_, i) => i + 1));
    const results = t.steps.flatMap((step) => step.observation?.results ?? []);
    expect(results.map((r) => r.source_call_id)).toEqual(Array.from({ length: calls }, (_, i) => `tool-${i}`));
    expect(results.every((r, i) => r.content === output(i))).toBe(true);
    expect(t.final_metrics).toMatchObject({ total_steps: 20_900, total_prompt_tokens: 100 * calls, total_cached_tokens: 50 * calls });
    // Memory is bounded by what is open: the newest steps (plus at most a batch of 32 awaiting sealing), not the session.
    expect(s.recorder.openSteps("long")).toBeLessThanOrEqual(DEFAULT_SEAL_POLICY.maxOpen + 32);
  }, 120_000);
});

describe("25,000 calls that name no session", () => {
  test("split into parts of 5,000, each file valid, every call in exactly one of them", async () => {
    const dir = scratch();
    const startedAt = clock;
    const s = service(dir);
    s.started({ ...call(), headers: { "session-id": "a" } });
    s.started({ ...call(), headers: { "session-id": "b" } });
    for (let i = 0; i < 25_000; i++) {
      s.ended(s.started(call()), { status: "completed", message: `answer ${i}`, usage: { inputTokens: 10, outputTokens: 1, cachedTokens: 0 } }, clock);
      if (i % 50 === 0) await Bun.sleep(0);
    }
    await s.shutdown();
    const parts = [1, 2, 3, 4, 5].map((n) => unattributedPart(startedAt, n));
    expect(readdirSync(dir).filter((f) => f.startsWith(UNATTRIBUTED_SESSION)).sort()).toEqual(parts.map((p) => `${p}.atif.json`).sort());
    const answers: string[] = [];
    for (const part of parts) {
      const t = read(join(dir, `${part}.atif.json`));
      expect({ part, errors: errors(t) }).toEqual({ part, errors: [] });
      answers.push(...t.steps.filter((step) => step.source === "agent").map((step) => String(step.message)));
    }
    expect(answers).toEqual(Array.from({ length: 25_000 }, (_, i) => `answer ${i}`));
  }, 120_000);

  test("a part also ends when its file reaches the size bound: the next call opens the next part", async () => {
    const dir = scratch();
    const startedAt = clock;
    const s = service(dir, { bytes: 4096 });
    s.started({ ...call(), headers: { "session-id": "a" } });
    s.started({ ...call(), headers: { "session-id": "b" } });
    for (let i = 0; i < 3; i++) {
      s.ended(s.started(call()), { status: "completed", message: `answer ${i} ${"x".repeat(5000)}` }, clock);
      await s.flush();
    }
    await s.shutdown();
    const names = readdirSync(dir).filter((f) => f.startsWith(UNATTRIBUTED_SESSION)).sort();
    expect(names).toEqual([1, 2, 3].map((n) => `${unattributedPart(startedAt, n)}.atif.json`).sort());
    for (const name of names) expect(read(join(dir, name)).steps.filter((step) => step.source === "agent").length).toBe(1);
    expect(statSync(join(dir, `${unattributedPart(startedAt, 1)}.atif.json`)).size).toBeGreaterThan(4096);
  });
});
