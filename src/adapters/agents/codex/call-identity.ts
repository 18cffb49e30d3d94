import type { AgentCalls } from "../../../ports/agent-module.ts";
import { CODEX } from "./identity.ts";

const value = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

/**
 * Codex names every model call's session (`session-id`) and thread (`thread-id`): a thread other
 * than the session's is a subagent's; the session's own thread is the top-level agent.
 */
export const codexCalls: AgentCalls = {
  agent: CODEX.name,
  api: "openai-responses",
  genericHeaders: true,
  identify(headers) {
    const sessionId = value(headers["session-id"]);
    const thread = value(headers["thread-id"]);
    if (sessionId === undefined) return {};
    return { sessionId, ...(thread !== undefined && thread !== sessionId ? { subagentId: thread } : {}), ...(thread === sessionId ? { topLevel: true } : {}) };
  },
};
