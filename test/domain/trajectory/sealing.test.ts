/**
 * Sealing, at the builder: the oldest top-level steps are handed out once, serialised, and
 * dropped; the newest stay open. What happens at the edges: a late event for a sealed step,
 * and asking for a whole build once something is sealed.
 */
import { describe, expect, test } from "bun:test";
import { Recorder } from "../../../src/domain/recorder.ts";
import type { SealPolicy } from "../../../src/domain/trajectory/sealed-steps.ts";
import { script, usage } from "../../support/event-script.ts";

const policy: SealPolicy = { minOpen: 2, maxOpen: 2, maxOpenBytes: 1 << 20 };

function fiveCalls() {
  const s = script("s");
  const recorder = new Recorder();
  for (let i = 1; i <= 5; i++) {
    recorder.record(s.llmStart(`l${i}`));
    recorder.record(s.llmEnd(`l${i}`, { message: `answer ${i}`, toolCalls: [{ id: `t${i}`, name: "Bash", arguments: {} }], usage: usage(10, 1) }));
  }
  return { s, recorder };
}

describe("sealing the oldest steps", () => {
  test("each step is handed out once, in order, with ids that carry on; totals count the sealed ones", () => {
    const { recorder } = fiveCalls();
    const first = recorder.increment("s", {}, policy)!;
    // Five agent steps: all but the newest two sealed.
    expect(first.sealed.map((t) => JSON.parse(t).step_id)).toEqual([1, 2, 3]);
    expect(first.open.map((t) => JSON.parse(t).step_id)).toEqual([4, 5]);
    expect(first.rest.final_metrics).toEqual({ total_prompt_tokens: 50, total_completion_tokens: 5, total_cached_tokens: 0, total_steps: 5 });
    expect(recorder.increment("s", {}, policy)!.sealed).toEqual([]);
    expect(recorder.openSteps("s")).toBe(2);
  });

  test("a late result for a sealed step's call is not lost: it lands in a step of its own", () => {
    const { s, recorder } = fiveCalls();
    const sealed = recorder.increment("s", {}, policy)!.sealed.map((t) => JSON.parse(t));
    recorder.record(s.toolEnd("t1", "late output"));
    const { open } = recorder.increment("s", {}, policy)!;
    expect(sealed[0].tool_calls.map((c: { tool_call_id: string }) => c.tool_call_id)).toEqual(["t1"]);
    const late = open.map((t) => JSON.parse(t)).filter((step) => step.observation);
    expect(late.map((step) => ({ id: step.step_id, calls: step.tool_calls.map((c: { tool_call_id: string }) => c.tool_call_id), results: step.observation.results.map((r: { source_call_id: string; content: string }) => [r.source_call_id, r.content]) }))).toEqual([{ id: 6, calls: ["t1"], results: [["t1", "late output"]] }]);
  });

  test("a whole build is refused once steps are sealed (the recorder gives none): the file is the record", () => {
    const { recorder } = fiveCalls();
    expect(recorder.trajectory("s")!.steps).toHaveLength(5);
    recorder.increment("s", {}, policy);
    expect(() => recorder.trajectory("s")).toThrow(/sealed into its file/);
  });
});
