import { fail, type Result } from "../domain/errors.ts";
import type { AgentHookAdapter, HookContext, HookTranslation } from "../ports/agent-hooks.ts";
import { AGENT_CHOICES, agentModule } from "./agents.ts";

/** Turns one agent's hook payload into domain events and the answer that agent expects. */
export type HookTranslator = (agent: string, payload: unknown, context?: Partial<HookContext>) => Result<HookTranslation>;

/**
 * A translator with its own pairing state (Codex's model-request counters, spawned agents…),
 * like one gateway's: use one per stream of hook calls you replay.
 *
 * @example
 * const translate = createHookTranslator();
 * const result = translate("codex", { hook_event_name: "UserPromptSubmit", session_id: "s1", prompt: "hi" });
 * // result.ok && result.value.events[0].kind === "turn_start"; result.value.response is {}
 */
export function createHookTranslator(): HookTranslator {
  const adapters = new Map<string, AgentHookAdapter>();
  return (agent, payload, context = {}) => {
    const module = agentModule(agent);
    if (!module) return fail("unknown_agent", `unknown agent "${agent}"; use ${AGENT_CHOICES}`);
    let adapter = adapters.get(module.name);
    if (!adapter) adapters.set(module.name, (adapter = module.createHooks()));
    return adapter.translate(payload, { headers: context.headers ?? {}, receivedAt: context.receivedAt ?? Date.now() });
  };
}

/** translateHook's translator, made on first use. */
let shared: HookTranslator | undefined;

/**
 * An agent's native hook payload (what its hook sends on stdin or over HTTP) as domain events,
 * plus the answer that agent expects; `agent` is `codex`, `claude` (or `claude-code`), `cursor`
 * or `hermes`. Calls share one translator's pairing state; make your own with
 * `createHookTranslator()` to keep streams apart.
 *
 * @example
 * const result = translateHook("claude", { hook_event_name: "UserPromptSubmit", session_id: "s1", prompt: "hi" });
 * if (result.ok) for (const event of result.value.events) recorder.record(event);
 */
export const translateHook: HookTranslator = (agent, payload, context) => (shared ??= createHookTranslator())(agent, payload, context);
