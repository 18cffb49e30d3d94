import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { jsonPieces } from "../../../src/adapters/fs/json-pieces.ts";
import { Recorder } from "../../../src/domain/recorder.ts";
import { SECRET_PATTERNS } from "../../../src/domain/redaction.ts";
import { stepBytes } from "../../../src/domain/trajectory/rendered-step.ts";
import { sessionEvents } from "../../support/session-arbitraries.ts";

const joined = (pieces: readonly Uint8Array[]) => Buffer.concat(pieces).toString("utf8");

describe("jsonPieces", () => {
  test("its pieces joined are exactly JSON.stringify of the value", () => {
    const anyObject = fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()));
    fc.assert(fc.property(anyObject, (value) => expect(joined(jsonPieces(value))).toBe(JSON.stringify(value))), { numRuns: 500 });
  });

  test("leaves out what JSON.stringify leaves out, and writes null where it does", () => {
    const value = { a: undefined, b: () => 1, c: Symbol("x"), d: [undefined, () => 1, Symbol("y"), Number.NaN, -0], e: new Date(0), f: "é\u2028\ud83d\ude00" };
    expect(joined(jsonPieces(value))).toBe(JSON.stringify(value));
  });

  test("a trajectory's rendered steps go in as their own bytes, made once, and the whole still equals JSON.stringify", () => {
    fc.assert(
      fc.property(sessionEvents("s", Date.UTC(2026, 11, 7)), (events) => {
        const recorder = new Recorder();
        for (const event of events) recorder.record(event);
        const trajectory = recorder.trajectory("s", { agentName: "codex", redaction: SECRET_PATTERNS })!;
        const pieces = jsonPieces(trajectory);
        expect(joined(pieces)).toBe(JSON.stringify(trajectory));
        for (const step of trajectory.steps) expect(pieces).toContain(stepBytes(step)!);
        expect(jsonPieces(trajectory).filter((piece) => pieces.includes(piece)).length).toBe(trajectory.steps.length + (trajectory.subagent_trajectories ?? []).reduce((n, s) => n + s.steps.length, 0));
      }),
      { numRuns: 100 },
    );
  });
});
