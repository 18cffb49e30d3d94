import { expect, test } from "bun:test";
import { slicedJson } from "../../../../src/adapters/http/viewer/sliced-json.ts";
import type { Trajectory } from "../../../../src/domain/trajectory/schema.ts";
import { recorded } from "../../../domain/view/recorded.ts";

/** The stream read to its end, with how many reads it took. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; reads: number }> {
  let text = "";
  let reads = 0;
  for await (const chunk of stream) {
    text += new TextDecoder().decode(chunk);
    reads++;
  }
  return { text, reads };
}

test("a session's JSON served in slices is the same value JSON.stringify gives, subagents included", async () => {
  for (const name of ["claude-subagent", "codex-subagent", "codex-basic"] as const) {
    const t = recorded(name);
    const { text } = await readAll(slicedJson('{"row":{"a":1},"trajectory":', t, "}"));
    expect(JSON.parse(text)).toEqual({ row: { a: 1 }, trajectory: JSON.parse(JSON.stringify(t)) });
  }
});

test("a long session goes out in many reads, a few hundred steps each", async () => {
  const t = recorded("claude-subagent");
  const child = t.subagent_trajectories![0]!;
  const many = (steps: Trajectory["steps"], n: number) => Array.from({ length: n }, (_, i) => ({ ...steps[i % steps.length]!, step_id: i + 1 }));
  const long: Trajectory = { ...t, steps: many(t.steps, 900), subagent_trajectories: [{ ...child, steps: many(child.steps, 1_300) }] };
  const { text, reads } = await readAll(slicedJson("", long, ""));
  expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(long)));
  expect(reads).toBeGreaterThanOrEqual(11); // 2,200 steps, at most 200 serialised per read
});
