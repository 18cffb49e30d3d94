/**
 * Random domain events for the trajectory builder's property tests. Session id and time are
 * filled in by each test. Texts, calls and usages come from small pools so that the builder's
 * merging paths (a hook's copy meeting the wire's, hook text meeting its response, late tool
 * results and outcomes) are taken often, not only by luck.
 */
import fc from "fast-check";
import type { DomainEvent } from "../../../src/domain/events.ts";

export const SESSIONS = ["s-a", "s-b", "s-c"];
const SUBAGENTS = ["w1", "w2", "w3"];
const CALLS = ["c1", "c2", "c3", "c4"];

/** One event without its session and time. */
export type EventDraft = DomainEvent extends infer E ? (E extends DomainEvent ? Omit<E, "sessionId" | "at"> : never) : never;

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const subagent = maybe(fc.constantFrom(...SUBAGENTS));
const text = (maxLength: number) => fc.oneof(fc.string({ maxLength }), fc.constantFrom("done", " done ", "key=abc123"));
const model = maybe(fc.constantFrom("gpt-5.4", "no-such-model"));
const randomUsage = fc.record({ inputTokens: fc.nat(5000), outputTokens: fc.nat(500), cachedTokens: fc.nat(5000) }).map((u) => ({ ...u, cachedTokens: Math.min(u.cachedTokens, u.inputTokens) }));
/** A fixed usage often enough that a hook's copy of a call and the wire's can pair up. */
const usage = fc.oneof(randomUsage, fc.constant({ inputTokens: 120, outputTokens: 30, cachedTokens: 100 }));

export const eventDraft: fc.Arbitrary<EventDraft> = fc.oneof(
  fc.record({ kind: fc.constant("session_start" as const), source: fc.constantFrom("startup", "resume", "compact") }),
  fc.record({ kind: fc.constant("session_end" as const) }),
  fc.record({ kind: fc.constant("turn_start" as const), prompt: text(20), subagentId: subagent }),
  fc.record({ kind: fc.constant("turn_end" as const), lastMessage: maybe(text(10)), subagentId: subagent }),
  fc.record({ kind: fc.constant("subagent_start" as const), subagentId: fc.constantFrom(...SUBAGENTS), toolCallId: maybe(fc.constantFrom(...CALLS)), parentSubagentId: subagent }),
  fc.record({ kind: fc.constant("subagent_stop" as const), subagentId: fc.constantFrom(...SUBAGENTS), lastMessage: maybe(text(10)) }),
  fc.record({ kind: fc.constant("tool_start" as const), toolCallId: fc.constantFrom(...CALLS), name: fc.constantFrom("Bash", "Read"), arguments: fc.oneof(fc.jsonValue(), text(10)), subagentId: subagent }),
  fc.record({ kind: fc.constant("tool_end" as const), toolCallId: fc.constantFrom(...CALLS), status: fc.constantFrom("completed" as const, "failed" as const, "denied" as const), output: fc.oneof(text(10), fc.jsonValue()), subagentId: subagent }),
  fc.record({ kind: fc.constant("llm_start" as const), callId: fc.constantFrom("l1", "l2", "l3"), origin: fc.constantFrom("gateway" as const, "hook" as const), keys: fc.record({ subagentId: subagent }), model, userMessage: maybe(text(10)) }),
  fc.record({
    kind: fc.constant("llm_end" as const),
    callId: fc.constantFrom("l1", "l2", "l3"),
    origin: fc.constantFrom("gateway" as const, "hook" as const),
    status: fc.constantFrom("completed" as const, "failed" as const),
    model,
    message: maybe(text(10)),
    reasoning: maybe(text(10)),
    toolCalls: maybe(fc.uniqueArray(fc.record({ id: fc.constantFrom(...CALLS), name: fc.constant("Bash"), arguments: fc.oneof(fc.jsonValue(), fc.string()) }), { selector: (c) => c.id, maxLength: 3 })),
    usage: maybe(usage),
  }),
  fc.record({ kind: fc.constant("assistant_message" as const), text: text(10), reasoning: maybe(fc.boolean()), subagentId: subagent }),
  fc.record({ kind: fc.constant("mark" as const), category: fc.constantFrom("compaction" as const, "notification" as const, "unknown" as const), name: fc.constantFrom("PreCompact", "Notification", "FileChanged"), data: fc.jsonValue(), quiet: maybe(fc.boolean()), subagentId: subagent }),
  fc.record({ kind: fc.constant("tool_outcome" as const), toolCallId: fc.constantFrom(...CALLS), status: fc.constant("failed" as const), reason: text(10) }),
  fc.record({ kind: fc.constant("hint" as const), hint: fc.record({ subagentId: subagent, source: fc.constant("MessageDisplay") }) }),
);
