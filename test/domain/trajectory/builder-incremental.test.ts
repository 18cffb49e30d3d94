/**
 * Snapshots are built incrementally: a step unchanged since the previous build keeps its rendered
 * (and redacted) copy, and only steps handed out for filling in are rendered again. Whatever
 * events arrive, a snapshot built after every one of them must be exactly what a builder that
 * never built before makes of the same events, and what redacting that whole document gives.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import type { DomainEvent } from "../../../src/domain/events.ts";
import { DEFAULT_PRICES } from "../../../src/domain/pricing/default-prices.ts";
import { priceLookup } from "../../../src/domain/pricing/model-price.ts";
import { Recorder } from "../../../src/domain/recorder.ts";
import { redactSecrets, SECRET_PATTERNS, type SecretPattern } from "../../../src/domain/redaction.ts";
import type { BuildOptions } from "../../../src/domain/trajectory/builder.ts";
import { script, T0, usage } from "../../support/event-script.ts";
import { eventDraft } from "./event-arbitraries.ts";

/** Patterns that hit often (keys of the document included) and keep a prefix, to exercise every part of the walk. */
const PATTERNS: SecretPattern[] = [
  { kind: "vowels", pattern: /[aeiou]{2,}/g },
  { kind: "key", pattern: /(key=)\w+/g },
];
const priceOf = priceLookup(DEFAULT_PRICES);

function recorded(events: readonly DomainEvent[]): Recorder {
  const recorder = new Recorder();
  for (const event of events) recorder.record(event);
  return recorder;
}

/**
 * Feeds `events` one by one to two recorders (one building redacted snapshots, one plain),
 * building after every event, and checks each build against a fresh recorder given the same prefix.
 */
function expectIncrementalEqualsFresh(events: readonly DomainEvent[], sessionId: string, options: BuildOptions = {}): void {
  const plain = new Recorder();
  const redacted = new Recorder();
  events.forEach((event, i) => {
    plain.record(event);
    redacted.record(event);
    const fresh = recorded(events.slice(0, i + 1)).trajectory(sessionId, options);
    expect(JSON.stringify(plain.trajectory(sessionId, options))).toBe(JSON.stringify(fresh));
    expect(JSON.stringify(redacted.trajectory(sessionId, { ...options, redaction: PATTERNS }))).toBe(JSON.stringify(fresh && redactSecrets(fresh, PATTERNS)));
  });
}

describe("incremental snapshots", () => {
  test("a snapshot after every event equals one built from scratch, redacted or not, for any events", () => {
    fc.assert(
      fc.property(fc.array(eventDraft, { maxLength: 40, size: "max" }), (drafts) => {
        const events = drafts.map((draft, i) => ({ ...draft, sessionId: "s", at: T0 + 250 * i }) as DomainEvent);
        expectIncrementalEqualsFresh(events, "s", { agentName: "codex", producer: "test", priceOf });
      }),
      { numRuns: 300 },
    );
    // 300 runs of up to 40 events, each rebuilt from scratch: 3.5–6 s on the shared 2-core machine, so bounded well above bun's 5 s default.
  }, 30_000);

  test("the depth bound cuts a reused step exactly where it cuts the whole document, at every subagent level", () => {
    let deep: unknown = "key=abc";
    for (let i = 0; i < 520; i++) deep = [deep];
    const s = script("deep");
    const events = [
      s.prompt("go"),
      s.toolStart("c1", "Bash", { deep }),
      s.subagentStart("w1", { toolCallId: "c1" }),
      s.toolStart("c2", "Bash", { deep }, "w1"),
      s.subagentStart("w2", { parentSubagentId: "w1" }),
      s.mark("notification", "Notification", deep, { subagentId: "w2" }),
      s.toolEnd("c2", "ok", "completed", { subagentId: "w1" }),
      s.toolEnd("c1", "ok"),
    ];
    expectIncrementalEqualsFresh(events, "deep");
    const t = recorded(events).trajectory("deep", { redaction: [] })!;
    expect(JSON.stringify(t)).toContain("[nested deeper than 512 levels]");
  });

  test("only the steps that changed are rendered again; the others are the previous build's objects", () => {
    const s = script("reuse");
    const recorder = recorded([s.prompt("list"), s.toolStart("c1", "Bash", { command: "ls" }), s.stop("listing"), s.prompt("and now?")]);
    const before = recorder.trajectory("reuse", { redaction: SECRET_PATTERNS })!;
    // The turn's end closed the call unanswered; its late result fills the first turn's tool step in place.
    recorder.record(s.toolEnd("c1", "a.txt"));
    const after = recorder.trajectory("reuse", { redaction: SECRET_PATTERNS })!;
    expect(after.steps.map((step, i) => step === before.steps[i])).toEqual([true, false, true, true]);
    expect(before.steps[1]!.observation?.results[0]?.content).toBe("closed_by_turn_end");
    expect(after.steps[1]!.observation?.results[0]?.content).toBe("a.txt");
  });

  test("a build with other prices or patterns than the previous one renders every step again", () => {
    const mockPrices = priceLookup({ "mock-model": { input: 2, cachedInput: 0.5, output: 8 } });
    const s = script("keys");
    const recorder = recorded([s.prompt("hi"), s.llmStart("l1"), s.llmEnd("l1", { message: "good", usage: usage(1000, 100) })]);
    const answer = (options: BuildOptions) => recorder.trajectory("keys", options)!.steps[1]!;
    expect(answer({}).metrics?.cost_usd).toBeUndefined();
    expect(answer({ priceOf: mockPrices }).metrics?.cost_usd).toBeGreaterThan(0);
    expect(answer({ priceOf: mockPrices, redaction: PATTERNS }).message).toBe("g[REDACTED:vowels]d");
    expect(answer({ priceOf: mockPrices }).message).toBe("good");
    expect(answer({}).metrics?.cost_usd).toBeUndefined();
  });

  test("a step a build hands out is frozen: editing it fails instead of leaking into later builds", () => {
    const s = script("frozen");
    const recorder = recorded([s.prompt("hi")]);
    const t = recorder.trajectory("frozen")!;
    expect(() => {
      (t.steps[0] as { message: unknown }).message = "edited";
    }).toThrow(TypeError);
    expect(recorder.trajectory("frozen")!.steps[0]!.message).toBe("hi");
  });
});
