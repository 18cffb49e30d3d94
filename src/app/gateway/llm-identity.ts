import type { LlmRequestKeys } from "../../domain/events.ts";
import type { AgentCalls } from "../../ports/agent-module.ts";
import type { LlmCallStart } from "../../ports/gateway-intake.ts";
import { HEADERS } from "../../ports/wire-names.ts";

/** Who a proxied LLM call belongs to, before the session model decides its scope. */
interface LlmIdentity {
  /** Undefined when nothing in the call names its session. */
  readonly sessionId?: string;
  /** The agent whose own headers named the session, if one did, and its version if it said. */
  readonly agent?: string;
  readonly agentVersion?: string;
  /** A side thread the agent runs for one of its sessions under its own id (see CallIdentity). */
  readonly sideThread?: string;
  readonly keys: LlmRequestKeys;
}

const first = (...values: Array<string | undefined>) => values.find((v) => v !== undefined && v.trim() !== "")?.trim();

/**
 * Reads the session and correlation keys of a call: our explicit `x-nemo-relay-*` headers first,
 * then the agents' own headers (each agent's module knows its own: Claude Code's session and
 * subagent headers, Codex's session and thread), then what the body carries.
 */
export function llmIdentity(call: LlmCallStart, agents: readonly AgentCalls[]): LlmIdentity {
  const h = call.headers;
  let native: ReturnType<AgentCalls["identify"]> = {};
  let agent: string | undefined;
  for (const calls of agents) {
    const found = calls.identify(h);
    if (found.sessionId === undefined) continue;
    native = found;
    agent = calls.agent;
    break;
  }
  const explicitSubagent = first(h[HEADERS.subagentId]);
  const keys: LlmRequestKeys = {
    ...call.request.keys,
    model: call.request.model ?? call.request.keys.model,
    subagentId: first(explicitSubagent, native.subagentId, call.request.keys.subagentId),
    // An agent naming its own top-level thread (Codex) means: not a subagent's call.
    topLevel: native.topLevel && explicitSubagent === undefined ? true : undefined,
    conversationId: first(h[HEADERS.conversationId], call.request.keys.conversationId),
    generationId: first(h[HEADERS.generationId], call.request.keys.generationId),
    requestId: first(h[HEADERS.requestId], call.request.keys.requestId, h["x-request-id"]),
  };
  return { sessionId: first(h[HEADERS.sessionId], native.sessionId, call.request.sessionId), agent, agentVersion: native.agentVersion, sideThread: native.sideThread, keys };
}
