import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { AFFINITY_KEY_MAX_CHARS, AFFINITY_KEY_MIN_CHARS, affinityKey } from "../../../src/domain/correlation/affinity-key.ts";

const TASK = "Review the auth module for injection bugs";

describe("affinityKey", () => {
  test("trims and collapses every whitespace run to one space", () => {
    expect(affinityKey(`  Review   the\n\tauth module\r\n for injection bugs  `)).toBe(TASK);
  });

  test("is undefined for missing, empty and blank text", () => {
    expect(affinityKey(undefined)).toBeUndefined();
    expect(affinityKey("")).toBeUndefined();
    expect(affinityKey(" \n\t ")).toBeUndefined();
  });

  test("needs at least 24 characters after collapsing", () => {
    const exactly = "a".repeat(AFFINITY_KEY_MIN_CHARS);
    expect(affinityKey(exactly)).toBe(exactly);
    expect(affinityKey(exactly.slice(1))).toBeUndefined();
    // 30 raw characters, but only 23 once the whitespace run collapses
    expect(affinityKey(`abcdefghijk        lmnopqrstuv`)).toBeUndefined();
    expect(AFFINITY_KEY_MIN_CHARS).toBe(24);
  });

  test("skips text that parses as a JSON object or array", () => {
    expect(affinityKey('{"tool_result": "all tests pass now, really"}')).toBeUndefined();
    expect(affinityKey('  [{"type": "text", "text": "some long task text"}]  ')).toBeUndefined();
  });

  test("keeps text that only looks like JSON, and JSON scalars", () => {
    const notJson = "{ please fix the failing login test }";
    expect(affinityKey(notJson)).toBe(notJson);
    const jsonString = '"a quoted task string that is long enough"';
    expect(affinityKey(jsonString)).toBe(jsonString);
  });

  test("truncates to 4096 characters", () => {
    const key = affinityKey("x".repeat(10_000));
    expect(key).toBe("x".repeat(AFFINITY_KEY_MAX_CHARS));
    expect(AFFINITY_KEY_MAX_CHARS).toBe(4096);
  });

  test("counts code points, never splitting a surrogate pair", () => {
    const key = affinityKey("😀".repeat(5000));
    expect(key).toBe("😀".repeat(4096));
    expect(affinityKey("😀".repeat(23))).toBeUndefined();
    expect(affinityKey("😀".repeat(24))).toBe("😀".repeat(24));
  });

  test("property: whitespace layout never changes the key", () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,12}$/);
    const gap = fc.stringMatching(/^[ \t\n\r]{1,4}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), gap, gap, (words, g1, g2) => {
        expect(affinityKey(g1 + words.join(g2) + g1)).toBe(affinityKey(words.join(" ")));
      }),
    );
  });

  test("property: a key is bounded and has no whitespace runs", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5000, unit: "grapheme" }), (text) => {
        const key = affinityKey(text);
        if (key === undefined) return;
        const length = [...key].length;
        expect(length).toBeGreaterThanOrEqual(AFFINITY_KEY_MIN_CHARS);
        expect(length).toBeLessThanOrEqual(AFFINITY_KEY_MAX_CHARS);
        expect(/\s\s/.test(key)).toBe(false);
      }),
    );
  });

  test("property: the key is the plain definition's — trim, collapse whitespace runs, first 4096 code points — for any text", () => {
    // The definition, written for clarity rather than speed: the product's key must equal it.
    const reference = (text: string): string | undefined => {
      const trimmed = text.trim();
      if (/^[[{]/.test(trimmed)) {
        try {
          if (typeof JSON.parse(trimmed) === "object") return undefined;
        } catch {}
      }
      const points = [...trimmed.replace(/\s+/g, " ")].slice(0, AFFINITY_KEY_MAX_CHARS);
      return points.length >= AFFINITY_KEY_MIN_CHARS ? points.join("") : undefined;
    };
    const piece = fc.oneof(
      fc.string({ maxLength: 40, unit: "grapheme" }),
      fc.string({ maxLength: 10, unit: "binary" }), // lone surrogates too
      fc.constantFrom(" ", "  ", "\t", "\n \n", "\u00a0", "\u2028", " \u3000 ", "😀", "a😀"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 400 }), fc.nat({ max: 4200 }), (pieces, pad) => {
        // A long plain prefix puts the 4096-code-point cut anywhere, pairs and runs included.
        const text = "x".repeat(pad) + pieces.join("");
        expect(affinityKey(text)).toBe(reference(text));
      }),
      { numRuns: 500 },
    );
  });
});
