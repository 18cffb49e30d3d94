import type { Result } from "../domain/errors.ts";
import type { DomainEvent } from "../domain/events.ts";

/** An agent's name: its hook endpoint (`POST /hooks/<agent>`); the agents are listed in src/app/agents.ts. */
export type AgentName = string;

/** What the gateway knows about a hook call besides its JSON body. */
export interface HookContext {
  /** Request headers, names lower-cased. Correlation headers (`x-nemo-relay-*`) live here. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Epoch ms at which the gateway received the call: the time of the events it yields. */
  readonly receivedAt: number;
}

/** One hook call understood: the domain events it means and the JSON the agent expects back. */
export interface HookTranslation {
  readonly events: readonly DomainEvent[];
  /** Exactly what the agent expects from a hook for this event; never a permission grant. */
  readonly response: unknown;
}

/**
 * One agent's hook protocol: its native payloads in, domain events and native responses out.
 * Unknown events become marks, never errors; only a payload that is not an object at all is
 * rejected (`invalid_payload`).
 */
export interface AgentHookAdapter {
  readonly agent: AgentName;
  translate(payload: unknown, context: HookContext): Result<HookTranslation>;
}
