/**
 * Session rows and subagent trees from files the real Codex CLI and Claude Code sessions left
 * (test/fixtures/atif/recorded): the numbers must be the files' own.
 */
import { describe, expect, test } from "bun:test";
import { subagentTree, summarizeSession } from "../../../src/domain/view/session-summary.ts";
import { ownTotals } from "../../../src/domain/view/trajectory-totals.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { recorded } from "./recorded.ts";

const fileTokens = (t: Trajectory) => ({ prompt: t.final_metrics!.total_prompt_tokens!, completion: t.final_metrics!.total_completion_tokens!, cached: t.final_metrics!.total_cached_tokens! });

describe.each(["claude", "codex"])("%s, recorded", (client) => {
  test("subagent: the tree's tokens equal the file's, own and rolled up", () => {
    const t = recorded(`${client}-subagent`);
    const tree = subagentTree(t);
    const child = t.subagent_trajectories![0]!;
    expect(tree.children).toHaveLength(1);
    expect(tree.children[0]!.trajectoryId).toBe(child.trajectory_id!);
    expect(tree.children[0]!.rolledUp.tokens).toEqual(fileTokens(child));
    // nemo-relay's final_metrics include the subagents: the root's rolled-up total is the file's.
    expect(tree.rolledUp.tokens).toEqual(fileTokens(t));
    const ownPrompt = t.steps.reduce((n, s) => n + (s.metrics?.prompt_tokens ?? 0), 0);
    expect(tree.own.tokens.prompt).toBe(ownPrompt);
    expect(tree.own.tokens.prompt + tree.children[0]!.rolledUp.tokens.prompt).toBe(t.final_metrics!.total_prompt_tokens!);
  });

  test("subagent: the row counts every LLM call and tool call, subagents included", () => {
    const t = recorded(`${client}-subagent`);
    const row = summarizeSession(t);
    const all = [t, ...t.subagent_trajectories!];
    const llmSteps = all.flatMap((x) => x.steps).filter((s) => s.extra?.llm_call_id !== undefined).length;
    const toolCalls = all.flatMap((x) => x.steps).flatMap((s) => s.tool_calls ?? []).length;
    expect(row).toMatchObject({ sessionId: t.session_id, agent: t.agent.name, model: t.agent.model_name, turns: 1, subagents: 1 });
    expect(row.totals.llmCalls).toBe(llmSteps);
    expect(row.totals.toolCalls).toBe(toolCalls);
    expect(row.totals.failedCalls).toBe(0);
    expect(row.totals.tokens).toEqual(fileTokens(t));
    // No price for the mock's model: cost is unknown, not zero.
    expect(row.totals.costUsd).toBeUndefined();
    expect(row.durationMs).toBe(row.lastAt! - row.startedAt!);
    expect(row.startedAt).toBe(Date.parse(t.steps[0]!.timestamp!));
  });

  test("fail: the failed tool call counts as failed", () => {
    const row = summarizeSession(recorded(`${client}-fail`));
    expect(row.totals).toMatchObject({ toolCalls: 1, failedCalls: 1 });
  });

  test("error: the failed LLM call counts as failed", () => {
    const t = recorded(`${client}-error`);
    const row = summarizeSession(t);
    expect(row.totals.failedCalls).toBe(t.steps.filter((s) => s.extra?.llm_status === "failed").length);
    expect(row.totals.failedCalls).toBeGreaterThan(0);
  });
});

test("costs are summed where steps carry them, own and rolled up", () => {
  const t = recorded("claude-subagent");
  const priced: Trajectory = {
    ...t,
    steps: t.steps.map((s) => (s.metrics ? { ...s, metrics: { ...s.metrics, cost_usd: 0.25 } } : s)),
    subagent_trajectories: t.subagent_trajectories!.map((c) => ({ ...c, steps: c.steps.map((s) => (s.metrics ? { ...s, metrics: { ...s.metrics, cost_usd: 0.5 } } : s)) })),
  };
  const tree = subagentTree(priced);
  expect(tree.own.costUsd).toBe(0.5);
  expect(tree.children[0]!.own.costUsd).toBe(1);
  expect(tree.rolledUp.costUsd).toBe(1.5);
  expect(ownTotals(t).costUsd).toBeUndefined();
});
