/**
 * Properties of the validator: generated valid trajectories validate clean; breaking any one
 * rule is caught at exactly the right path; no input makes it throw, and every path it reports
 * points into the document; the timestamp order agrees with real instants.
 */
import { describe, expect, test } from "bun:test";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { Value } from "@sinclair/typebox/value";
import fc from "fast-check";
import { TrajectorySchema } from "../../../src/domain/trajectory/schema.ts";
import { compareTimestamps, parseTimestamp } from "../../../src/domain/trajectory/timestamps.ts";
import { isValidTrajectory, validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import { MUTATIONS, validTrajectory } from "./atif-arbitraries.ts";

/** Whether a reported path names a location in `doc` (the last key may be a missing one). */
const pointsInto = (doc: unknown, path: string): boolean => {
  if (path === "") return true;
  const keys = path.slice(1).split("/").map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node: unknown = doc;
  for (const key of keys.slice(0, -1)) {
    if (node === null || typeof node !== "object" || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return node !== null && typeof node === "object";
};

/** Every path in a JSON value, as [pointer, parent, key]. */
const locations = (value: unknown, path = ""): Array<[string, Record<string, unknown>, string]> => {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => [
    [`${path}/${key}`, value as Record<string, unknown>, key] as [string, Record<string, unknown>, string],
    ...locations(child, `${path}/${key}`),
  ]);
};

describe("generated trajectories", () => {
  test("valid ones have no errors and no warnings", () => {
    fc.assert(
      fc.property(validTrajectory, (doc) => {
        expect(validateTrajectory(doc)).toEqual([]);
        expect(isValidTrajectory(doc)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("breaking one rule is reported as that rule at that path", () => {
    fc.assert(
      fc.property(validTrajectory, fc.constantFrom(...Object.keys(MUTATIONS)), fc.nat(), (valid, name, pick) => {
        const doc = structuredClone(valid);
        const [rule, path] = MUTATIONS[name]!(doc, pick);
        const found = validateTrajectory(doc).map((v) => [v.rule, v.path, v.severity]);
        expect(found).toContainEqual([rule, path, "error"]);
        expect(isValidTrajectory(doc)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  test("replacing any value with random JSON never throws, and every reported path points into the document", () => {
    fc.assert(
      fc.property(validTrajectory, fc.nat(), fc.jsonValue({ maxDepth: 3 }), (valid, pick, replacement) => {
        const doc = structuredClone(valid);
        const all = locations(doc);
        const [, parent, key] = all[pick % all.length]!;
        parent[key] = replacement;
        for (const violation of validateTrajectory(doc)) {
          expect(pointsInto(doc, violation.path)).toBe(true);
          expect(violation.message).not.toBe("");
        }
      }),
      { numRuns: 500 },
    );
  });

  test("the compiled schema check that skips the error walk agrees with the walk: it passes exactly the documents the walk finds nothing in", () => {
    const compiled = TypeCompiler.Compile(TrajectorySchema);
    fc.assert(
      fc.property(validTrajectory, fc.nat(), fc.jsonValue({ maxDepth: 3 }), fc.boolean(), (valid, pick, replacement, replace) => {
        const doc = structuredClone(valid);
        if (replace) {
          const all = locations(doc);
          const [, parent, key] = all[pick % all.length]!;
          parent[key] = replacement;
        }
        expect(compiled.Check(doc)).toBe(Value.Errors(TrajectorySchema, doc).First() === undefined);
      }),
      { numRuns: 500 },
    );
  });

  test("arbitrary JSON never makes it throw", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const violations = validateTrajectory(value);
        expect(violations.some((v) => v.severity === "error")).toBe(true);
      }),
    );
  });
});

describe("timestamps", () => {
  const FIRST = -62_135_596_800_000 + 86_400_000; // 0001-01-02, leaving room for any offset
  const LAST = 253_402_300_799_999 - 86_400_000; // 9999-12-30
  const offsetStamp = (ms: number, offsetMinutes: number, digits: number): string => {
    const local = new Date(ms + offsetMinutes * 60_000).toISOString();
    const sign = offsetMinutes < 0 ? "-" : "+";
    const abs = Math.abs(offsetMinutes);
    const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
    return `${local.slice(0, 19)}${digits > 0 ? `.${`${local.slice(20, 23)}000000`.slice(0, digits)}` : ""}${offset}`;
  };
  const instant = fc.record({ ms: fc.integer({ min: FIRST, max: LAST }), offset: fc.integer({ min: -1439, max: 1439 }) });

  test("any RFC 3339 timestamp parses, as RFC 3339, and orders like the instant it denotes", () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [textA, textB] = [offsetStamp(a.ms, a.offset, 3), offsetStamp(b.ms, b.offset, 6)];
        const [parsedA, parsedB] = [parseTimestamp(textA), parseTimestamp(textB)];
        if (!parsedA.ok || !parsedB.ok) throw new Error(`rejected ${textA} or ${textB}`);
        expect(parsedA.value.rfc3339 && parsedB.value.rfc3339).toBe(true);
        expect(Math.sign(compareTimestamps(parsedA.value, parsedB.value)!)).toBe(Math.sign(a.ms - b.ms));
      }),
      { numRuns: 500 },
    );
  });

  test("random strings never throw, and whatever is accepted starts with a valid date", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom(..."0123456789-:T .,+ZzW".split("")) }), (text) => {
        const result = parseTimestamp(text);
        if (result.ok) expect(text).toMatch(/^\d{4}-?\d{2}-?\d{2}/);
      }),
      { numRuns: 2000 },
    );
  });
});
