/**
 * A long session for the viewer's scale tests and bench: the recorded real Codex `basic` turn
 * (test/fixtures/atif/recorded/codex-basic.atif.json: prompt, a shell call with its output, the
 * answer) repeated until the session has the wanted number of steps, with step ids, call ids and
 * times moved along so the result is itself a valid ATIF file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Step, Trajectory } from "../../src/domain/trajectory/schema.ts";

const RECORDED = join(import.meta.dir, "../fixtures/atif/recorded/codex-basic.atif.json");

const shift = (iso: unknown, ms: number) => (typeof iso === "string" ? new Date(Date.parse(iso) + ms).toISOString() : iso);

/** Moves every instant of a step (its timestamp and the recorded call spans) by `ms`. */
function moved(step: Step, ms: number, id: number, turn: number): Step {
  const text = JSON.stringify(step).replaceAll("call_mock", `call_t${turn}_`);
  const copy = JSON.parse(text, (key, value: unknown) => (key === "timestamp" || key.endsWith("_started_at") || key.endsWith("_ended_at") ? shift(value, ms) : value)) as Step;
  return { ...copy, step_id: id };
}

/** A valid trajectory of exactly `steps` steps (a whole number of turns, the last one cut short). */
export function bigSession(steps: number): Trajectory {
  const base = JSON.parse(readFileSync(RECORDED, "utf8")) as Trajectory;
  const turnMs = Date.parse(base.steps.at(-1)!.timestamp!) - Date.parse(base.steps[0]!.timestamp!) + 1000;
  const out: Step[] = [];
  for (let turn = 0; out.length < steps; turn++) {
    for (const step of base.steps) if (out.length < steps) out.push(moved(step, turn * turnMs, out.length + 1, turn));
  }
  const sum = (pick: (s: Step) => number | null | undefined) => out.reduce((n, s) => n + (pick(s) ?? 0), 0);
  return {
    ...base,
    session_id: `big-${steps}`,
    trajectory_id: `big-${steps}`,
    steps: out,
    final_metrics: { total_prompt_tokens: sum((s) => s.metrics?.prompt_tokens), total_completion_tokens: sum((s) => s.metrics?.completion_tokens), total_cached_tokens: sum((s) => s.metrics?.cached_tokens), total_steps: out.length },
  };
}
