/**
 * A long live session's row: its oldest steps are tallied as they leave memory, the rest
 * summarised as usual. Split anywhere, a recorded real session's row equals its whole row.
 */
import { describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { summarizeSession } from "../../../src/domain/view/session-summary.ts";
import { emptyTally, tallyStep } from "../../../src/domain/view/step-tally.ts";
import { RECORDED_DIR, recorded } from "./recorded.ts";

const NAMES = readdirSync(RECORDED_DIR).filter((f) => f.endsWith(".atif.json")).map((f) => f.replace(/\.atif\.json$/, ""));

describe("a row from a tally of the earliest steps and the rest", () => {
  test("there are recorded sessions to split", () => {
    expect(NAMES.length).toBeGreaterThan(1);
  });

  for (const name of NAMES) {
    test(`${name}: split at every step, the row is the whole session's`, () => {
      const whole = recorded(name);
      const expected = summarizeSession(whole);
      expect(expected.steps).toBeGreaterThan(0);
      for (let k = 0; k <= whole.steps.length; k++) {
        const tally = whole.steps.slice(0, k).reduce(tallyStep, emptyTally());
        const row = summarizeSession({ ...whole, steps: whole.steps.slice(k) }, undefined, tally);
        expect({ ...row, model: expected.model }).toEqual(expected);
      }
    });
  }

  test("without the tally the window alone undercounts (what the tally is for)", () => {
    const whole = recorded(NAMES[0]!);
    const window = summarizeSession({ ...whole, steps: whole.steps.slice(2) });
    expect(window.steps).toBe(summarizeSession(whole).steps - 2);
  });
});
