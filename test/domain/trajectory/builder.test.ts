import { describe, expect, test } from "bun:test";
import type { DomainEvent } from "../../../src/domain/events.ts";
import { Recorder } from "../../../src/domain/recorder.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import { script, usage } from "../../support/event-script.ts";

function record(sessionId: string, events: DomainEvent[]): Trajectory {
  const recorder = new Recorder();
  for (const event of events) recorder.record(event);
  const trajectory = recorder.trajectory(sessionId, { agentName: "codex", agentVersion: "0.169.0", producer: "nemo-relay test" })!;
  expect(validateTrajectory(trajectory).filter((v) => v.severity === "error")).toEqual([]);
  return trajectory;
}

const sources = (t: Trajectory) => t.steps.map((s) => s.source);

describe("trajectory builder", () => {
  test("a basic turn: prompt, an LLM call asking for a tool, its result, a final answer", () => {
    const s = script("basic");
    const t = record("basic", [
      s.sessionStart("startup"),
      s.prompt("list the files"),
      s.llmStart("l1"),
      s.llmEnd("l1", { message: "", toolCalls: [{ id: "call_1", name: "exec_command", arguments: '{"cmd":"ls"}' }], usage: usage(100, 20, 40) }),
      s.toolStart("call_1", "Bash", { command: "ls" }),
      s.toolEnd("call_1", { stdout: "a.txt\n" }),
      s.llmStart("l2"),
      s.llmEnd("l2", { message: "There is a.txt.", usage: usage(150, 10, 100), reasoning: "looked at output" }),
      s.stop("There is a.txt."),
    ]);
    expect(t.schema_version).toBe("ATIF-v1.7");
    expect(t.session_id).toBe("basic");
    expect(sources(t)).toEqual(["user", "agent", "agent"]);
    expect(t.steps.map((s) => s.step_id)).toEqual([1, 2, 3]);
    expect(t.steps[0]!.message).toBe("list the files");
    const ask = t.steps[1]!;
    expect(ask.tool_calls).toEqual([{ tool_call_id: "call_1", function_name: "exec_command", arguments: { cmd: "ls" } }]);
    expect(ask.observation?.results).toEqual([{ source_call_id: "call_1", content: '{"stdout":"a.txt\\n"}', extra: { tool_correlation_status: "single_hint", tool_started_at: "2026-11-21T09:00:05.000Z", tool_ended_at: "2026-11-21T09:00:06.000Z" } }]);
    // The script's clock ticks a second per event: the LLM call ran from its start to its end.
    expect(ask.extra).toMatchObject({ llm_started_at: "2026-11-21T09:00:03.000Z", llm_ended_at: "2026-11-21T09:00:04.000Z" });
    expect(ask.metrics).toEqual({ prompt_tokens: 100, completion_tokens: 20, cached_tokens: 40 });
    expect(ask.llm_call_count).toBe(1);
    expect(ask.extra?.llm_correlation_status).toBe("single_hint");
    expect(t.steps[2]!.reasoning_content).toBe("looked at output");
    expect(t.final_metrics).toEqual({ total_prompt_tokens: 250, total_completion_tokens: 30, total_cached_tokens: 140, total_steps: 3 });
    expect(t.agent).toEqual({ name: "codex", version: "0.169.0", model_name: "mock-model" });
  });

  test("a failing tool is recorded as failed, with its error as content", () => {
    const s = script("fail");
    const t = record("fail", [
      s.prompt("run it"),
      s.llmStart("l1"),
      s.llmEnd("l1", { toolCalls: [{ id: "c1", name: "Bash", arguments: { command: "exit 3" } }], usage: usage(10, 5) }),
      s.toolStart("c1", "Bash", { command: "exit 3" }),
      s.toolEnd("c1", undefined, "failed", { error: "Exit code 3" }),
    ]);
    expect(t.steps[1]!.observation?.results[0]).toEqual({ source_call_id: "c1", content: "Exit code 3", extra: { status: "failed", tool_correlation_status: "single_hint", tool_started_at: "2026-11-21T09:00:04.000Z", tool_ended_at: "2026-11-21T09:00:05.000Z" } });
  });

  test("a subagent spawned by a running tool call is embedded and referenced from that call", () => {
    const s = script("claude");
    const t = record("claude", [
      s.prompt("delegate"),
      s.llmStart("l1"),
      s.llmEnd("l1", { toolCalls: [{ id: "toolu_agent", name: "Agent", arguments: { prompt: "count files" } }], usage: usage(50, 5) }),
      s.toolStart("toolu_agent", "Agent", { prompt: "count files" }),
      s.subagentStart("agent-7", { agentType: "general-purpose" }),
      s.llmStart("l2", { keys: { subagentId: "agent-7" }, userMessage: "count files" }),
      s.llmEnd("l2", { toolCalls: [{ id: "toolu_bash", name: "Bash", arguments: { command: "ls | wc -l" } }], usage: usage(30, 4) }),
      s.toolStart("toolu_bash", "Bash", { command: "ls | wc -l" }, "agent-7"),
      s.toolEnd("toolu_bash", "3", "completed", { subagentId: "agent-7" }),
      s.llmStart("l3", { keys: { subagentId: "agent-7" } }),
      s.llmEnd("l3", { message: "3 files", usage: usage(40, 3) }),
      s.subagentStop("agent-7", "3 files"),
      s.toolEnd("toolu_agent", "3 files"),
      s.llmStart("l4"),
      s.llmEnd("l4", { message: "There are 3 files.", usage: usage(70, 6) }),
      s.stop("There are 3 files."),
    ]);
    expect(sources(t)).toEqual(["user", "agent", "agent"]);
    const result = t.steps[1]!.observation!.results[0]!;
    expect(result.source_call_id).toBe("toolu_agent");
    expect(result.content).toBe("3 files");
    expect(result.subagent_trajectory_ref).toEqual([{ trajectory_id: "agent-7", extra: { subagent_id: "agent-7", agent_type: "general-purpose" } }]);
    const sub = t.subagent_trajectories![0]!;
    expect(sub.trajectory_id).toBe("agent-7");
    expect(sub.agent.name).toBe("general-purpose");
    expect(sources(sub)).toEqual(["user", "agent", "agent"]);
    expect(sub.steps[0]!.message).toBe("count files");
    expect(sub.steps[1]!.observation?.results[0]?.content).toBe("3");
    expect(sub.final_metrics).toMatchObject({ total_prompt_tokens: 70, total_completion_tokens: 7, total_steps: 3 });
    // The run's totals include what the subagent spent.
    expect(t.final_metrics).toMatchObject({ total_prompt_tokens: 190, total_completion_tokens: 18 });
  });

  test("a subagent with no running spawn call gets a dispatch step of its own", () => {
    const s = script("codex-sub");
    const t = record("codex-sub", [
      s.prompt("spawn"),
      s.toolStart("call_spawn", "spawn_agent", { message: "go" }),
      s.toolEnd("call_spawn", { agent_id: "thread-2" }),
      s.subagentStart("thread-2", { agentType: "default" }),
      s.prompt("sub task", "thread-2"),
      s.subagentStop("thread-2"),
    ]);
    const dispatch = t.steps.find((step) => step.tool_calls?.[0]?.tool_call_id === "subagent:thread-2")!;
    expect(dispatch.llm_call_count).toBe(0);
    expect(dispatch.metrics).toBeUndefined();
    expect(dispatch.observation?.results[0]?.subagent_trajectory_ref?.[0]?.trajectory_id).toBe("thread-2");
    expect(t.subagent_trajectories![0]!.steps[0]).toMatchObject({ source: "user", message: "sub task" });
  });

  test("an LLM call seen by both a hook and the wire is one step", () => {
    const s = script("dedupe");
    const t = record("dedupe", [
      s.prompt("hi"),
      s.llmStart("wire-1"),
      s.llmStart("hook-1", { origin: "hook" }),
      s.llmEnd("hook-1", { origin: "hook", usage: usage(12, 3, 2) }),
      s.llmEnd("wire-1", { message: "hello", usage: usage(12, 3, 2) }),
    ]);
    expect(sources(t)).toEqual(["user", "agent"]);
    expect(t.steps[1]!.message).toBe("hello");
    expect(t.steps[1]!.extra?.llm_origin).toBe("gateway+hook");
    expect(t.final_metrics?.total_prompt_tokens).toBe(12);
  });

  test("a hook-only session keeps its token usage, tool calls and final answer", () => {
    const s = script("hooks");
    const t = record("hooks", [
      s.sessionStart("startup"),
      s.prompt("what is here?"),
      s.llmStart("h1", { origin: "hook" }),
      s.llmEnd("h1", { origin: "hook", usage: usage(200, 30, 150) }),
      s.toolStart("call_a", "Bash", { command: "ls" }),
      s.toolEnd("call_a", "a.txt"),
      s.llmStart("h2", { origin: "hook" }),
      s.llmEnd("h2", { origin: "hook", usage: usage(260, 12, 200) }),
      s.stop("Only a.txt."),
      s.sessionEnd(),
    ]);
    expect(sources(t)).toEqual(["user", "agent", "agent"]);
    expect(t.steps[1]!.tool_calls?.[0]).toMatchObject({ tool_call_id: "call_a", function_name: "Bash", arguments: { command: "ls" } });
    expect(t.steps[1]!.observation?.results[0]?.content).toBe("a.txt");
    expect(t.steps[2]!.message).toBe("Only a.txt.");
    expect(t.final_metrics).toMatchObject({ total_prompt_tokens: 460, total_completion_tokens: 42, total_cached_tokens: 350 });
  });

  test("a hook-only session with no LLM information still records tools and the answer", () => {
    const s = script("claude-hooks");
    const t = record("claude-hooks", [s.prompt("hi"), s.toolStart("toolu_1", "Read", { file_path: "a" }), s.toolEnd("toolu_1", "contents"), s.stop("Read it.")]);
    expect(sources(t)).toEqual(["user", "agent", "agent"]);
    expect(t.steps[1]!.llm_call_count).toBeUndefined();
    expect(t.steps[1]!.extra?.synthesized_from).toBe("PreToolUse");
    expect(t.steps[2]).toMatchObject({ message: "Read it.", extra: { synthesized_from: "Stop" } });
    expect(t.final_metrics).toEqual({ total_steps: 3 });
  });

  test("gateway-only traffic takes the user step from the request", () => {
    const s = script("wire");
    const t = record("wire", [s.llmStart("l1", { userMessage: "from the request" }), s.llmEnd("l1", { message: "ok", usage: usage(5, 1) }), s.llmStart("l2", { userMessage: "a tool result" }), s.llmEnd("l2", { message: "done" })]);
    expect(t.steps.map((step) => [step.source, step.message])).toEqual([["user", "from the request"], ["agent", "ok"], ["agent", "done"]]);
  });

  test("marks become system steps; compaction carries the context-management convention", () => {
    const s = script("marks");
    const t = record("marks", [
      s.prompt("p"),
      s.mark("notification", "Notification", { message: "needs input" }),
      s.mark("compaction", "PostCompact", { compact_summary: "…" }, { contextManagement: { type: "compaction", boundary: "replace" } }),
      s.mark("unknown", "FileChanged", { path: "x" }),
    ]);
    expect(t.steps.slice(1).map((step) => [step.source, step.message, step.extra?.mark])).toEqual([
      ["system", "Notification", "notification"],
      ["system", "PostCompact", "compaction"],
      ["system", "FileChanged", "unknown"],
    ]);
    expect(t.steps[2]!.extra?.context_management).toEqual({ type: "compaction", boundary: "replace" });
    expect(t.steps[3]!.extra?.event_payload).toEqual({ path: "x" });
  });

  test("an empty session and an empty subagent still produce valid, non-empty trajectories", () => {
    const s = script("empty");
    const empty = record("empty", [s.sessionStart("startup")]);
    expect(empty.steps).toHaveLength(1);
    expect(empty.steps[0]!.source).toBe("system");
    const s2 = script("idle-sub");
    const t = record("idle-sub", [s2.prompt("go"), s2.subagentStart("w"), s2.subagentStop("w")]);
    expect(t.subagent_trajectories![0]!.steps[0]!.message).toBe("subagent started; no activity observed");
  });

  test("a failed LLM call is an agent step marked failed", () => {
    const s = script("err");
    const t = record("err", [s.prompt("hi"), s.llmStart("l1"), s.llmEnd("l1", { status: "failed", error: "upstream 500" })]);
    expect(t.steps[1]).toMatchObject({ source: "agent", message: "", llm_call_count: 1, extra: { llm_status: "failed", llm_error: "upstream 500" } });
    expect(t.steps[1]!.metrics).toBeUndefined();
  });

  test("snapshots grow across turns and keep their step ids", () => {
    const recorder = new Recorder();
    const s = script("grow");
    recorder.record(s.prompt("one"));
    recorder.record(s.llmStart("l1"));
    recorder.record(s.llmEnd("l1", { message: "first" }));
    expect(recorder.record(s.stop("first")).snapshotDue).toBe(true);
    const first = recorder.trajectory("grow")!;
    recorder.record(s.prompt("two"));
    recorder.record(s.llmStart("l2"));
    recorder.record(s.llmEnd("l2", { message: "second" }));
    recorder.record(s.stop("second"));
    const second = recorder.trajectory("grow")!;
    expect(second.steps.slice(0, first.steps.length)).toEqual(first.steps);
    expect(second.steps.map((step) => step.message)).toEqual(["one", "first", "two", "second"]);
  });

  test("session metadata lands in the root extra", () => {
    const recorder = new Recorder();
    recorder.record({ kind: "turn_start", sessionId: "m", at: 1, prompt: "x", metadata: { cwd: "/repo", transcript_path: "/t.jsonl" } });
    expect(recorder.trajectory("m", { producer: "nemo-relay" })!.extra).toEqual({ recorded_by: "nemo-relay", cwd: "/repo", transcript_path: "/t.jsonl" });
  });
  test("hook-reported assistant text merges with the LLM call that said it, in either order", () => {
    const s = script("text");
    const ev = (text: string): DomainEvent => ({ kind: "assistant_message", sessionId: "text", at: s.now() + 1, hookEvent: "MessageDisplay", text });
    const t = record("text", [s.prompt("hi"), s.llmStart("l1"), ev("Hello there."), s.llmEnd("l1", { message: "Hello there.", usage: usage(9, 3) }), s.llmStart("l2"), s.llmEnd("l2", { message: "Bye.", usage: usage(12, 2) }), ev("Bye.")]);
    expect(t.steps.map((step) => [step.source, step.message, step.llm_call_count])).toEqual([
      ["user", "hi", undefined],
      ["agent", "Hello there.", 1],
      ["agent", "Bye.", 1],
    ]);
  });

  test("a tool hook that beats the response it came from joins that response's step: one step, one call, in either order", () => {
    const turn = (hookFirst: boolean) => {
      const s = script("race");
      const end = s.llmEnd("l1", { message: "", toolCalls: [{ id: "call_1", name: "exec_command", arguments: '{"cmd":"ls"}' }], usage: usage(100, 20) });
      const start = s.toolStart("call_1", "Bash", { command: "ls" });
      return record("race", [s.prompt("list the files"), s.llmStart("l1"), ...(hookFirst ? [start, end] : [end, start]), s.toolEnd("call_1", { stdout: "a.txt\n" })]);
    };
    const shape = (t: Trajectory) =>
      t.steps.map((step) => ({ source: step.source, calls: step.tool_calls?.map((c) => c.tool_call_id), results: step.observation?.results.length, model: step.model_name, metrics: step.metrics, madeBy: step.extra?.synthesized_from }));
    expect(shape(turn(true))).toEqual(shape(turn(false)));
    expect(shape(turn(true))).toEqual([
      { source: "user", calls: undefined, results: undefined, model: undefined, metrics: undefined, madeBy: undefined },
      { source: "agent", calls: ["call_1"], results: 1, model: "mock-model", metrics: { prompt_tokens: 100, completion_tokens: 20, cached_tokens: 0 }, madeBy: undefined },
    ]);
  });

  test("hook-only assistant text and reasoning are kept as agent steps", () => {
    const s = script("cursor");
    const at = () => s.now() + 1;
    const t = record("cursor", [
      s.prompt("explain"),
      { kind: "assistant_message", sessionId: "cursor", at: at(), text: "thinking about it", reasoning: true, hookEvent: "afterAgentThought" },
      { kind: "assistant_message", sessionId: "cursor", at: at(), text: "Here is why.", hookEvent: "afterAgentResponse" },
    ]);
    expect(t.steps[1]).toMatchObject({ source: "agent", message: "", reasoning_content: "thinking about it" });
    expect(t.steps[2]).toMatchObject({ source: "agent", message: "Here is why.", extra: { synthesized_from: "afterAgentResponse" } });
  });

  test("reasoning a hook reports after a subagent dispatch gets a step of its own (found by fuzzing the Cursor hooks)", () => {
    const s = script("cursor-dispatch");
    const at = () => s.now() + 1;
    const t = record("cursor-dispatch", [
      s.prompt("delegate"),
      s.subagentStart("sub-1", { agentType: "explore" }),
      { kind: "assistant_message", sessionId: "cursor-dispatch", at: at(), text: "the helper is on it", reasoning: true, hookEvent: "afterAgentThought" },
    ]);
    const dispatch = t.steps.find((step) => step.llm_call_count === 0)!;
    expect(dispatch.reasoning_content).toBeUndefined();
    expect(t.steps.at(-1)).toMatchObject({ source: "agent", reasoning_content: "the helper is on it" });
  });

  test("quiet marks are kept in extra, not as steps", () => {
    const s = script("quiet");
    const t = record("quiet", [s.prompt("p"), s.mark("lifecycle", "PostToolBatch", { n: 2 }, { quiet: true })]);
    expect(t.steps).toHaveLength(1);
    expect(t.extra?.lifecycle_events).toEqual([{ name: "PostToolBatch", category: "lifecycle", timestamp: expect.any(String), data: { n: 2 } }]);
  });

  test("a subagent id started again gets a trajectory of its own", () => {
    const s = script("again");
    const t = record("again", [s.prompt("p"), s.subagentStart("w"), s.prompt("first job", "w"), s.subagentStop("w"), s.subagentStart("w"), s.prompt("second job", "w"), s.subagentStop("w")]);
    expect(t.subagent_trajectories!.map((sub) => [sub.trajectory_id, sub.steps[0]!.message])).toEqual([
      ["w", "first job"],
      ["w#2", "second job"],
    ]);
  });
});


test("a tool outcome seen on the wire marks the recorded result failed and keeps its output", () => {
  const s = script("outcome");
  const t = record("outcome", [
    s.prompt("run"),
    s.llmStart("l1"),
    s.llmEnd("l1", { toolCalls: [{ id: "c1", name: "exec_command", arguments: {} }], usage: usage(5, 1) }),
    s.toolStart("c1", "Bash", { command: "exit 3" }),
    s.toolEnd("c1", "partial output\n"),
    { kind: "tool_outcome", sessionId: "outcome", at: s.now() + 1, toolCallId: "c1", status: "failed", reason: "Process exited with code 3" },
    { kind: "tool_outcome", sessionId: "outcome", at: s.now() + 2, toolCallId: "never-seen", status: "failed", reason: "x" },
  ]);
  expect(t.steps[1]!.observation!.results).toEqual([
    { source_call_id: "c1", content: "partial output\n", extra: { tool_correlation_status: "single_hint", status: "failed", error: "Process exited with code 3", tool_started_at: "2026-11-21T09:00:04.000Z", tool_ended_at: "2026-11-21T09:00:05.000Z" } },
  ]);
});
