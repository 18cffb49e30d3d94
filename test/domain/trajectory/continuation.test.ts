import { describe, expect, test } from "bun:test";
import type { DomainEvent } from "../../../src/domain/events.ts";
import { Recorder } from "../../../src/domain/recorder.ts";
import { continueTrajectory, earlierPart, resumes } from "../../../src/domain/trajectory/continuation.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import { script, T0, usage } from "../../support/event-script.ts";

const priceOf = (model: string) => (model === "mock-model" ? { input: 1, output: 2 } : undefined);

function record(events: DomainEvent[]): Trajectory {
  const recorder = new Recorder();
  for (const event of events) recorder.record(event);
  return recorder.trajectory("s", { agentName: "claude-code", priceOf })!;
}

/** Yesterday's part: a tool call with its result, a subagent, a quiet mark. */
function firstPart(): Trajectory {
  const s = script("s");
  return record([
    s.sessionStart("startup"),
    s.prompt("fix the parser"),
    s.llmStart("l1"),
    s.llmEnd("l1", { message: "", toolCalls: [{ id: "call_1", name: "Bash", arguments: '{"command":"ls"}' }], usage: usage(100, 20, 40) }),
    s.toolStart("call_1", "Bash", { command: "ls" }),
    s.subagentStart("sub-1", { agentType: "Explore", toolCallId: "call_1" }),
    s.subagentStop("sub-1", "explored"),
    s.toolEnd("call_1", "a.txt"),
    s.mark("lifecycle", "Notification", { message: "idle" }, { quiet: true }),
    s.stop("done"),
    s.sessionEnd("logout"),
  ]);
}

/** Today's part, recorded by a gateway that starts from the resume. */
function resumedPart(): Trajectory {
  const s = script("s", T0 + 86_400_000);
  return record([s.sessionStart("resume"), s.prompt("and the tests"), s.llmStart("l2"), s.llmEnd("l2", { message: "Done.", usage: usage(300, 10, 200) }), s.stop("Done.")]);
}

describe("continuing a resumed session's trajectory", () => {
  test("only a recording that begins with a resume continues an earlier part", () => {
    expect(resumes(resumedPart())).toBe(true);
    expect(resumes(firstPart())).toBe(false);
  });

  test("the earlier steps, then the new ones numbered on; totals summed; subagents and lifecycle events kept; valid ATIF", () => {
    const earlier = firstPart();
    const later = resumedPart();
    const whole = continueTrajectory(earlier, later);
    expect(validateTrajectory(whole).filter((v) => v.severity === "error")).toEqual([]);
    expect(whole.steps.map((s) => s.step_id)).toEqual(whole.steps.map((_, i) => i + 1));
    expect(whole.steps.map((s) => s.message)).toEqual([...earlier.steps.map((s) => s.message), ...later.steps.map((s) => s.message)]);
    expect(whole.final_metrics).toEqual({
      total_prompt_tokens: 400,
      total_completion_tokens: 30,
      total_cached_tokens: 240,
      total_cost_usd: earlier.final_metrics!.total_cost_usd! + later.final_metrics!.total_cost_usd!,
      total_steps: earlier.steps.length + later.steps.length,
    });
    expect(whole.subagent_trajectories?.map((t) => t.trajectory_id)).toEqual(["sub-1"]);
    expect(whole.extra?.lifecycle_events).toEqual(earlier.extra?.lifecycle_events);
    expect(whole.session_id).toBe("s");
  });

  test("a file is an earlier part only when it is a valid trajectory of the same session", () => {
    const earlier = firstPart();
    const resumedAt = resumedPart().steps[0]!.timestamp;
    expect(earlierPart(earlier, "s", resumedAt)).toBe(earlier);
    expect(earlierPart(earlier, "other", resumedAt)).toBeUndefined();
    expect(earlierPart({ ...earlier, steps: [] }, "s", resumedAt)).toBeUndefined();
    expect(earlierPart("not json", "s", resumedAt)).toBeUndefined();
    expect(earlierPart(undefined, "s", resumedAt)).toBeUndefined();
  });

  test("a file another gateway already continued from the same resume is cut back to what came before it", () => {
    const earlier = firstPart();
    const later = resumedPart();
    const cut = earlierPart(continueTrajectory(earlier, later), "s", later.steps[0]!.timestamp)!;
    expect(cut.steps).toEqual(earlier.steps);
    expect(cut.subagent_trajectories).toEqual(earlier.subagent_trajectories);
    expect(cut.extra).toEqual(earlier.extra);
    const { total_cost_usd: cost, ...counts } = cut.final_metrics!;
    const { total_cost_usd: expectedCost, ...expectedCounts } = earlier.final_metrics!;
    expect(counts).toEqual(expectedCounts);
    expect(cost).toBeCloseTo(expectedCost!, 12);
    // So the second gateway writes what the first did, not the resumed part twice.
    expect(continueTrajectory(cut, later).steps.map((s) => s.message)).toEqual(continueTrajectory(earlier, later).steps.map((s) => s.message));
    // A file holding nothing from before the resume is no earlier part at all.
    expect(earlierPart(later, "s", later.steps[0]!.timestamp)).toBeUndefined();
  });
});
