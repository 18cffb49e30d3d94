import type { AgentCalls } from "../../../ports/agent-module.ts";
import { CLAUDE_CODE } from "./identity.ts";

const value = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

/** Claude Code names each call's session (`x-claude-code-session-id`) and, on a subagent's calls, the subagent (`x-claude-code-agent-id`). */
export const claudeCodeCalls: AgentCalls = {
  agent: CLAUDE_CODE.name,
  api: "anthropic-messages",
  identify(headers) {
    const sessionId = value(headers["x-claude-code-session-id"]);
    const subagentId = value(headers["x-claude-code-agent-id"]);
    return { ...(sessionId !== undefined ? { sessionId } : {}), ...(subagentId !== undefined ? { subagentId } : {}) };
  },
};
