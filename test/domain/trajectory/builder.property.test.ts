/**
 * Whatever order events arrive in, from however many interleaved sessions, every trajectory
 * the domain produces is valid ATIF, sums its metrics exactly, and holds only its own session.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import type { DomainEvent } from "../../../src/domain/events.ts";
import { Recorder } from "../../../src/domain/recorder.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import { eventDraft, SESSIONS } from "./event-arbitraries.ts";

const sessionEvents = fc.array(fc.tuple(fc.constantFrom(...SESSIONS), eventDraft), { maxLength: 60 });

function sumSteps(t: Trajectory): { prompt: number; completion: number; cached: number } {
  const own = t.steps.reduce(
    (acc, s) => ({ prompt: acc.prompt + (s.metrics?.prompt_tokens ?? 0), completion: acc.completion + (s.metrics?.completion_tokens ?? 0), cached: acc.cached + (s.metrics?.cached_tokens ?? 0) }),
    { prompt: 0, completion: 0, cached: 0 },
  );
  for (const sub of t.subagent_trajectories ?? []) {
    const inner = sumSteps(sub);
    own.prompt += inner.prompt;
    own.completion += inner.completion;
    own.cached += inner.cached;
  }
  return own;
}

describe("trajectory builder, property-based", () => {
  test("every trajectory is valid ATIF with exact totals, for any interleaving of sessions", () => {
    fc.assert(
      fc.property(sessionEvents, (pairs) => {
        const recorder = new Recorder();
        let at = Date.UTC(2026, 0, 1);
        for (const [sessionId, event] of pairs) {
          // Prompts carry their session's id so a foreign step would be visible.
          const tagged = event.kind === "turn_start" ? { ...event, prompt: `[${sessionId}] ${event.prompt}` } : event;
          recorder.record({ ...tagged, sessionId, at: (at += 250) } as DomainEvent);
        }
        for (const sessionId of new Set(pairs.map(([id]) => id))) {
          const t = recorder.trajectory(sessionId);
          if (!t) continue; // only a session_end was sent for it: nothing to record
          const errors = validateTrajectory(t).filter((v) => v.severity === "error");
          expect(errors).toEqual([]);
          const sums = sumSteps(t);
          if (t.final_metrics?.total_prompt_tokens !== undefined) {
            expect(t.final_metrics.total_prompt_tokens).toBe(sums.prompt);
            expect(t.final_metrics.total_completion_tokens).toBe(sums.completion);
            expect(t.final_metrics.total_cached_tokens).toBe(sums.cached);
          } else {
            expect(sums).toEqual({ prompt: 0, completion: 0, cached: 0 });
          }
          const text = JSON.stringify(t);
          for (const other of SESSIONS.filter((id) => id !== sessionId)) expect(text).not.toContain(`[${other}]`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
