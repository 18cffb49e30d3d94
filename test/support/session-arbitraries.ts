/**
 * Random but realistic sessions for the append-only file's property test: turns (or gateway-only
 * traffic without prompts) of LLM calls whose tool calls get their results right after the
 * call, a hook's copy of a call next to the wire's, outcomes reported by the next request,
 * subagents spawned by a tool call, marks, and secret-shaped text. Events fill in only the newest
 * steps, as agents' events do; every tool call id is fresh.
 */
import fc from "fast-check";
import type { DomainEvent } from "../../src/domain/events.ts";

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("done", "key sk-proj-0123456789abcdefghijKLMNOP", "x".repeat(300)));
const usage = fc.record({ inputTokens: fc.nat(5000), outputTokens: fc.nat(500), cachedTokens: fc.nat(5000) }).map((u) => ({ ...u, cachedTokens: Math.min(u.cachedTokens, u.inputTokens) }));

const call = fc.record({
  message: fc.option(text, { nil: undefined }),
  tools: fc.array(fc.record({ output: text, failed: fc.boolean(), outcome: fc.boolean() }), { maxLength: 3 }),
  usage: fc.option(usage, { nil: undefined }),
  hookCopy: fc.boolean(),
  failed: fc.boolean(),
  mark: fc.option(fc.record({ quiet: fc.boolean(), data: fc.jsonValue({ maxDepth: 2 }) }), { nil: undefined }),
  subagentCalls: fc.nat(2),
});

const turn = fc.record({
  prompt: fc.option(text, { nil: undefined }),
  calls: fc.array(call, { minLength: 1, maxLength: 4 }),
  stop: fc.option(fc.option(text, { nil: undefined }), { nil: null }),
});

/** A session's events, in order, one second apart. */
export const sessionEvents = (sessionId: string, t0: number): fc.Arbitrary<DomainEvent[]> =>
  fc.tuple(fc.array(turn, { minLength: 1, maxLength: 6 }), fc.boolean()).map(([turns, end]) => {
    const events: DomainEvent[] = [];
    let at = t0;
    const add = (e: Record<string, unknown>) => events.push({ sessionId, at: (at += 1000), ...e } as DomainEvent);
    turns.forEach((t, ti) => {
      if (t.prompt !== undefined) add({ kind: "turn_start", prompt: t.prompt, hookEvent: "UserPromptSubmit" });
      let previous: string[] = [];
      t.calls.forEach((c, ci) => {
        const callId = `l${ti}-${ci}`;
        add({ kind: "llm_start", callId, origin: "gateway", model: "gpt-5.4", keys: {}, userMessage: ci === 0 ? "from the request" : undefined });
        previous.forEach((id, k) => c.tools[k]?.outcome && add({ kind: "tool_outcome", toolCallId: id, status: "failed", reason: "exit 1" }));
        const ids = c.tools.map((_, k) => `t${ti}-${ci}-${k}`);
        const status = c.failed ? "failed" : "completed";
        const toolCalls = ids.length > 0 ? ids.map((id) => ({ id, name: "Bash", arguments: { command: `echo ${id}` } })) : undefined;
        add({ kind: "llm_end", callId, origin: "gateway", status, model: "gpt-5.4", message: c.message, toolCalls, usage: c.usage });
        if (c.hookCopy) add({ kind: "llm_end", callId: `h${ti}-${ci}`, origin: "hook", status, usage: c.usage });
        c.tools.forEach((tool, k) => {
          add({ kind: "tool_start", toolCallId: ids[k], name: "Bash", arguments: { command: `echo ${ids[k]}` } });
          if (k === 0 && c.subagentCalls > 0) {
            const subagentId = `w${ti}-${ci}`;
            add({ kind: "subagent_start", subagentId, agentType: "worker", toolCallId: ids[k] });
            for (let n = 0; n < c.subagentCalls; n++) {
              add({ kind: "llm_start", callId: `${subagentId}-${n}`, origin: "gateway", keys: { subagentId }, model: "gpt-5.4-mini" });
              add({ kind: "llm_end", callId: `${subagentId}-${n}`, origin: "gateway", status: "completed", model: "gpt-5.4-mini", message: `sub ${n}`, usage: c.usage });
            }
            add({ kind: "subagent_stop", subagentId, lastMessage: "sub done" });
          }
          add({ kind: "tool_end", toolCallId: ids[k], status: tool.failed ? "failed" : "completed", output: tool.output, error: tool.failed ? "exit 2" : undefined });
        });
        if (c.mark) add({ kind: "mark", category: "notification", name: "Notification", data: c.mark.data, quiet: c.mark.quiet });
        previous = ids;
      });
      if (t.stop !== null) add({ kind: "turn_end", lastMessage: t.stop, hookEvent: "Stop" });
    });
    if (end) add({ kind: "session_end", hookEvent: "SessionEnd" });
    return events;
  });
