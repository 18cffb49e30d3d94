/**
 * Issue acceptance: the real Codex and Claude Code sessions captured in test/fixtures, replayed
 * through the real gateway (hook endpoints + proxy) against an upstream answering with the
 * captured responses, give ATIF files that pass every rule, with tool results on the right
 * calls, subagents embedded and token metrics equal to what the upstream reported.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig } from "../../../src/app/config/resolve.ts";
import { gatewayParts } from "../../../src/app/gateway/parts.ts";
import { startGateway } from "../../../src/app/gateway/start-gateway.ts";
import type { Step, Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import { capturedExchanges, capturedHooks, replay, replayUpstream } from "../../support/replay.ts";

const out = mkdtempSync(join(tmpdir(), "nemo-relay-replay-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function replayScenario(client: "codex" | "claude-code", scenario: string) {
  const hooks = capturedHooks(client, scenario);
  const exchanges = capturedExchanges(client, scenario);
  const upstream = replayUpstream(exchanges);
  const dir = join(out, client, scenario);
  const config = resolveConfig([], [{ path: "test", data: { components: [{ kind: "observability", config: { atif: { output_directory: dir } } }] } }], {
    bind: "127.0.0.1:0",
    openaiBaseUrl: `${upstream.url}/v1`,
    anthropicBaseUrl: upstream.url,
  });
  if (!config.ok) throw new Error(config.error.message);
  const reports: string[] = [];
  const started = startGateway(config.value, gatewayParts((m) => reports.push(m)));
  if (!started.ok) throw new Error(started.error.message);
  const gateway = started.value;
  try {
    await replay(gateway.url, client, hooks, exchanges);
    await gateway.settled();
  } finally {
    await gateway.stop();
    upstream.stop();
  }
  expect(upstream.mismatches).toEqual([]);
  expect(upstream.served()).toBe(exchanges.length);
  expect(reports).toEqual([]);
  const sessionId = hooks[0]!.payload.session_id as string;
  const trajectory = JSON.parse(readFileSync(join(dir, `${sessionId}.atif.json`), "utf8")) as Trajectory;
  return { hooks, exchanges, trajectory };
}

const allSteps = (t: Trajectory): Step[] => [...t.steps, ...(t.subagent_trajectories ?? []).flatMap(allSteps)];
const stepOfCall = (t: Trajectory, id: string) => allSteps(t).filter((s) => s.tool_calls?.some((c) => c.tool_call_id === id));

/** What the captured clients were (see the fixtures READMEs): their versions, read from their own user-agent. */
const CAPTURED_VERSION = { codex: "0.169.0", "claude-code": "2.1.328" } as const;

function expectFaithful({ hooks, exchanges, trajectory }: Awaited<ReturnType<typeof replayScenario>>) {
  expect(validateTrajectory(trajectory).filter((v) => v.severity === "error")).toEqual([]);
  expect(trajectory.agent.version).toBe(CAPTURED_VERSION[trajectory.agent.name as keyof typeof CAPTURED_VERSION]);
  expect(trajectory.session_id).toBe(hooks[0]!.payload.session_id as string);
  // Every tool the agent ran is one call on one step, with its result on that same step.
  for (const hook of hooks.filter((h) => h.event.startsWith("PostToolUse") && typeof h.payload.tool_use_id === "string")) {
    const id = hook.payload.tool_use_id as string;
    const steps = stepOfCall(trajectory, id);
    expect(steps).toHaveLength(1);
    expect(steps[0]!.observation?.results.some((r) => r.source_call_id === id)).toBe(true);
  }
  // Token metrics are exactly what the upstream reported, each call counted once.
  const reported = exchanges.filter((x) => x.mock.usage).map((x) => x.mock.usage!);
  const sum = (f: (u: (typeof reported)[number]) => number) => reported.reduce((n, u) => n + f(u), 0);
  expect(trajectory.final_metrics).toMatchObject({
    total_prompt_tokens: sum((u) => u.inputTokens),
    total_completion_tokens: sum((u) => u.outputTokens),
    total_cached_tokens: sum((u) => u.cachedTokens),
  });
  const llmSteps = allSteps(trajectory).filter((s) => s.metrics);
  expect(llmSteps).toHaveLength(reported.length);
}

const prompt = (hooks: { event: string; payload: Record<string, unknown> }[]) => hooks.find((h) => h.event === "UserPromptSubmit" && !h.payload.agent_id)!.payload.prompt;

describe.each(["codex", "claude-code"] as const)("replaying captured %s sessions through the gateway", (client) => {
  test("basic: the prompt, the shell call with its real output, the answer", async () => {
    const run = await replayScenario(client, "basic");
    expectFaithful(run);
    const { trajectory: t, hooks } = run;
    expect(t.steps[0]).toMatchObject({ source: "user", message: prompt(hooks) });
    const tool = hooks.find((h) => h.event === "PostToolUse")!;
    const result = stepOfCall(t, tool.payload.tool_use_id as string)[0]!.observation!.results[0]!;
    expect(result.content).toContain("nemo-42");
    expect(t.steps.at(-1)!.source).toBe("agent");
    expect(t.steps.at(-1)!.message).toContain("nemo-42");
  });

  test("fail: the failing command's result is attached to its call", async () => {
    const run = await replayScenario(client, "fail");
    expectFaithful(run);
    const tool = run.hooks.find((h) => h.event.startsWith("PostToolUse"))!;
    const result = stepOfCall(run.trajectory, tool.payload.tool_use_id as string)[0]!.observation!.results[0]!;
    expect(result.content).toContain("nemo-fail-42");
    // Claude's hooks report the failure; Codex's carry only output, and its next request tells.
    expect(result.extra?.status).toBe("failed");
  });

  test("subagent: its calls and tools live in an embedded trajectory referenced from the spawning step", async () => {
    const run = await replayScenario(client, "subagent");
    expectFaithful(run);
    const { trajectory: t, hooks } = run;
    const subId = hooks.find((h) => h.event === "SubagentStart")!.payload.agent_id as string;
    const sub = t.subagent_trajectories?.find((s) => s.extra?.subagent_id === subId);
    expect(sub).toBeDefined();
    const subTool = hooks.find((h) => h.event === "PostToolUse" && h.payload.agent_id === subId)!;
    expect(stepOfCall(sub!, subTool.payload.tool_use_id as string)).toHaveLength(1);
    expect(stepOfCall({ ...t, subagent_trajectories: [] }, subTool.payload.tool_use_id as string)).toHaveLength(0);
    expect(sub!.steps.filter((s) => s.metrics).length).toBeGreaterThan(0);
    const refs = t.steps.flatMap((s) => s.observation?.results ?? []).flatMap((r) => r.subagent_trajectory_ref ?? []);
    expect(refs.map((r) => r.trajectory_id)).toContain(sub!.trajectory_id!);
  });

  test("compact: the compaction is a visible system step and the record goes on after it", async () => {
    const run = await replayScenario(client, "compact");
    expectFaithful(run);
    const compaction = run.trajectory.steps.filter((s) => s.source === "system" && s.extra?.mark === "compaction");
    expect(compaction.map((s) => s.message)).toContain("PostCompact");
    expect(compaction.find((s) => s.message === "PostCompact")!.extra?.context_management).toEqual({ type: "compaction", boundary: "replace" });
  });

  test("error: the failed LLM call is recorded as failed and the file is still valid", async () => {
    const run = await replayScenario(client, "error");
    expect(validateTrajectory(run.trajectory).filter((v) => v.severity === "error")).toEqual([]);
    const failed = allSteps(run.trajectory).filter((s) => s.extra?.llm_status === "failed");
    expect(failed.length).toBeGreaterThan(0);
  });
});
