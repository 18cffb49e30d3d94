/**
 * An appended file torn by a kill in the middle of a write: every whole step line before the
 * tear is recovered, in order, as a valid ATIF document; a resumed session's lookup reads it so.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeAppended } from "../../../src/adapters/fs/appended-atif-file.ts";
import { AtifDirectorySink } from "../../../src/adapters/fs/atif-directory-sink.ts";
import { appendedSteps, recoverAppended } from "../../../src/adapters/fs/torn-atif-file.ts";
import { Recorder } from "../../../src/domain/recorder.ts";
import { earlierPart } from "../../../src/domain/trajectory/continuation.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import { script, usage } from "../../support/event-script.ts";

const dir = mkdtempSync(join(tmpdir(), "nemo-relay-torn-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A session of six calls with tool results, written in two appends (steps sealed in between). */
async function appendedFile(): Promise<{ path: string; whole: Trajectory }> {
  const s = script("torn");
  const recorder = new Recorder();
  const path = join(dir, "torn.atif.json");
  const policy = { minOpen: 2, maxOpen: 2, maxOpenBytes: 1 << 20 };
  let file;
  for (let i = 1; i <= 6; i++) {
    recorder.record(s.llmStart(`l${i}`, { userMessage: i === 1 ? "do it" : undefined }));
    recorder.record(s.llmEnd(`l${i}`, { message: `step ${i}`, toolCalls: [{ id: `t${i}`, name: "Bash", arguments: { n: i } }], usage: usage(100, 10, 40) }));
    recorder.record(s.toolEnd(`t${i}`, `output ${i}`));
    if (i % 3 === 0) file = await writeAppended(path, recorder.increment("torn", { agentName: "codex" }, policy)!, file);
  }
  return { path, whole: JSON.parse(readFileSync(path, "utf8")) };
}

const errors = (t: unknown) => validateTrajectory(t).filter((v) => v.severity === "error");

describe("a torn appended file", () => {
  test("cut anywhere, it gives back every step whose line is whole, valid, with totals recounted", async () => {
    const { path, whole } = await appendedFile();
    const text = readFileSync(path, "utf8");
    // Where each step's JSON ends in the text: a cut at or after it keeps the step.
    const ends = whole.steps.map((step) => text.indexOf(JSON.stringify(step)) + JSON.stringify(step).length);
    expect(ends.every((end, i) => end > 0 && (i === 0 || end > ends[i - 1]!))).toBe(true);
    for (let cut = text.indexOf("\n") + 1; cut < text.length; cut += 7) {
      const kept = ends.filter((end) => end <= cut).length;
      const recovered = recoverAppended(text.slice(0, cut));
      if (kept === 0) {
        expect(recovered).toBeUndefined();
        continue;
      }
      // A cut after the document's last byte leaves a whole file: nothing to recover then (JSON.parse reads it).
      expect({ cut, steps: recovered!.steps }).toEqual({ cut, steps: whole.steps.slice(0, kept) });
      expect({ cut, errors: errors(recovered) }).toEqual({ cut, errors: [] });
      const prompt = whole.steps.slice(0, kept).reduce((sum, step) => sum + (step.metrics?.prompt_tokens ?? 0), 0);
      expect(recovered!.final_metrics).toMatchObject({ total_steps: kept, ...(prompt > 0 ? { total_prompt_tokens: prompt } : {}) });
    }
  });

  test("read back a line at a time (for a page), whole or cut anywhere, it gives the same steps as parsing it", async () => {
    const { path, whole } = await appendedFile();
    const text = readFileSync(path, "utf8");
    expect(await appendedSteps(text)).toEqual(whole.steps);
    for (let cut = text.indexOf("\n") + 1; cut < text.length; cut += 7) expect({ cut, steps: (await appendedSteps(text.slice(0, cut)))! }).toEqual({ cut, steps: recoverAppended(text.slice(0, cut))?.steps ?? [] });
    expect(await appendedSteps(JSON.stringify(whole, null, 2))).toBeUndefined();
    // Through the sink: an appended file a line at a time, a file written whole by parsing it.
    const sink = new AtifDirectorySink(dir);
    expect(await sink.readSteps({ sessionId: "torn" })).toEqual(whole.steps);
    writeFileSync(join(dir, "pretty.atif.json"), JSON.stringify(whole, null, 2));
    expect(await sink.readSteps({ sessionId: "pretty" })).toEqual(whole.steps);
    expect(await sink.readSteps({ sessionId: "none" })).toBeUndefined();
  });

  test("the earlier part of a resumed session is read from a torn file, not lost", async () => {
    const { path, whole } = await appendedFile();
    const text = readFileSync(path, "utf8");
    // The new bytes of a write stopped halfway: the rest is what the old tail left there.
    const torn = `${text.slice(0, text.lastIndexOf('{"step_id":5'))}{"step_id":5,"timest],"agent":{"name":"cod`;
    writeFileSync(path, torn);
    const read = (await new AtifDirectorySink(dir).read({ sessionId: "torn" })) as Trajectory;
    expect(read.steps).toEqual(whole.steps.slice(0, 4));
    const earlier = earlierPart(read, "torn", "2099-01-01T00:00:00.000Z");
    expect(earlier?.steps).toHaveLength(4);
  });

  test("text that is not an appended file is not made into one", () => {
    expect(recoverAppended("")).toBeUndefined();
    expect(recoverAppended('{"schema_version":"ATIF-v1.7","steps":[\n{"step_id":2}')).toBeUndefined();
    expect(recoverAppended('{\n  "schema_version": "ATIF-v1.7",\n  "steps": [')).toBeUndefined();
  });
});
