import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { affinityKey } from "../../../../src/domain/correlation/affinity-key.ts";
import { requestKeys } from "../../../../src/adapters/providers/shared/request-keys.ts";

const TASK = "Review the authentication module for security bugs";

describe("requestKeys", () => {
  test("reads conversation, generation and request ids under their common names", () => {
    expect(requestKeys({ conversation_id: "c1", generation_id: "g1", request_id: "r1" }, "m", undefined)).toEqual({
      conversationId: "c1",
      generationId: "g1",
      requestId: "r1",
      model: "m",
    });
    expect(requestKeys({ conversationId: "c2", generationId: "g2", requestId: "r2" }, undefined, undefined)).toEqual({ conversationId: "c2", generationId: "g2", requestId: "r2" });
    expect(requestKeys({ conversation: { id: "c3" }, generation: { id: "g3" }, request: { id: "r3" } }, undefined, undefined)).toEqual({ conversationId: "c3", generationId: "g3", requestId: "r3" });
    expect(requestKeys({ conversation: "conv_4", metadata: { request_id: "r4" } }, undefined, undefined)).toEqual({ conversationId: "conv_4", requestId: "r4" });
  });

  test("blank or non-string ids are ignored", () => {
    expect(requestKeys({ conversation_id: "  ", generation_id: 5, request: { id: null } }, undefined, undefined)).toEqual({});
  });

  test("the affinity key comes from the user text, normalised", () => {
    expect(requestKeys({}, undefined, `  ${TASK}\n`).affinityKey).toBe(TASK);
    expect(requestKeys({}, undefined, "continue").affinityKey).toBeUndefined();
  });

  test("adapter-specific keys win over the generic body fields", () => {
    expect(requestKeys({ conversation_id: "body" }, undefined, undefined, { conversationId: "adapter", subagentId: "agent-1" })).toEqual({
      conversationId: "adapter",
      subagentId: "agent-1",
    });
  });

  test("property: a remembered key is always the key of the text at hand, however texts repeat, alternate and are forgotten", () => {
    // More texts than are remembered, with near-twins (same length, one character apart) and long ones never remembered.
    const pool = Array.from({ length: 40 }, (_, i) => `Task number ${String(i).padStart(2, "0")}:   fix the\tparser ${i % 3 === 0 ? "x".repeat(20_000) : "now"}`);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: pool.length - 1 }), { minLength: 1, maxLength: 200 }), (picks) => {
        for (const i of picks) {
          // A fresh string each time, as JSON.parse gives one per request.
          const text = JSON.parse(JSON.stringify(pool[i])) as string;
          expect(requestKeys({}, undefined, text).affinityKey).toBe(affinityKey(text));
        }
      }),
      { numRuns: 50 },
    );
  });
});
