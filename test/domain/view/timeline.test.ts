/** The waterfall from recorded real-agent files: one bar per call, spans as recorded. */
import { expect, test } from "bun:test";
import { stepAnchor, timeline } from "../../../src/domain/view/timeline.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { bigSession } from "../../support/big-session.ts";
import { recorded } from "./recorded.ts";

const allSteps = (t: Trajectory) => [t, ...(t.subagent_trajectories ?? [])].flatMap((x) => x.steps);

test.each(["claude-subagent", "codex-subagent", "claude-fail", "codex-basic"])("%s: one bar per LLM call and per tool call, each with its recorded span", (name) => {
  const t = recorded(name);
  const bars = timeline(t);
  const llm = allSteps(t).filter((s) => s.extra?.llm_call_id !== undefined);
  const tools = allSteps(t).flatMap((s) => s.tool_calls ?? []);
  expect(bars.filter((b) => b.kind === "llm")).toHaveLength(llm.length);
  expect(bars.filter((b) => b.kind === "tool")).toHaveLength(tools.length);
  expect(bars.every((b) => b.measured)).toBe(true);
  // The first LLM call's bar is exactly its recorded span.
  const first = llm[0]!;
  const bar = bars.find((b) => b.anchor === stepAnchor(undefined, first.step_id) && b.kind === "llm")!;
  expect([bar.start, bar.end]).toEqual([Date.parse(first.extra!.llm_started_at as string), Date.parse(first.extra!.llm_ended_at as string)]);
  expect(bars.map((b) => b.start)).toEqual(bars.map((b) => b.start).sort((a, b) => a - b));
});

test("a subagent's calls sit one level down, anchored in its own trajectory", () => {
  const t = recorded("claude-subagent");
  const child = t.subagent_trajectories![0]!;
  const nested = timeline(t).filter((b) => b.depth === 1);
  expect(nested.map((b) => [b.kind, b.label])).toEqual([["llm", "claude-opus-5-5"], ["tool", "Bash"], ["llm", "claude-opus-5-5"]]);
  expect(nested[1]!.anchor).toBe(stepAnchor(child.trajectory_id!, 2));
});

test("the failed tool call's bar is marked failed", () => {
  expect(timeline(recorded("codex-fail")).filter((b) => b.failed).map((b) => b.label)).toEqual(["exec_command"]);
});

test("a file without recorded spans gets bars estimated from step timestamps, marked as estimates", () => {
  const t = recorded("codex-basic");
  const bare: Trajectory = JSON.parse(JSON.stringify(t), (key, value: unknown) => (/^(llm|tool)_(started|ended)_at$/.test(key) ? undefined : value));
  const bars = timeline(bare);
  expect(bars).toHaveLength(timeline(t).length);
  expect(bars.some((b) => b.measured)).toBe(false);
  // The first LLM call runs from the prompt to its response.
  const llm = bars.find((b) => b.kind === "llm")!;
  expect([llm.start, llm.end]).toEqual([Date.parse(t.steps[0]!.timestamp!), Date.parse(t.steps[1]!.timestamp!)]);
});

test("anchors are safe in a URL fragment", () => {
  expect(stepAnchor(undefined, 7)).toBe("step-7");
  expect(stepAnchor('a b"<c>', 2)).toBe("agent-a_b__c_-step-2");
});

test("every call belongs to the turn whose prompt came last before it, a subagent's calls included", () => {
  expect(new Set(timeline(recorded("claude-subagent")).map((b) => b.turn))).toEqual(new Set([1]));
  const t = bigSession(9); // three turns of prompt, call and answer
  const turns = timeline(t).map((b) => [b.kind, b.turn]);
  expect(turns).toEqual([["llm", 1], ["tool", 1], ["llm", 1], ["llm", 2], ["tool", 2], ["llm", 2], ["llm", 3], ["tool", 3], ["llm", 3]]);
});
