import type { AgentCalls } from "../../../ports/agent-module.ts";
import { headerText } from "../shared/correlation-ids.ts";
import { CLAUDE_CODE } from "./identity.ts";


/** `claude-cli/2.1.328 (external, sdk-cli)` (`-p`) or `(external, cli)` (the REPL). */
const USER_AGENT = /^claude-cli\/(\d+\.\d+\.\d+[\w.+-]*)/;

/**
 * Claude Code names each call's session (`x-claude-code-session-id`) and, on a subagent's calls,
 * the subagent (`x-claude-code-agent-id`); its version is in its `user-agent`.
 */
export const claudeCodeCalls: AgentCalls = {
  agent: CLAUDE_CODE.name,
  api: "anthropic-messages",
  identify(headers) {
    const sessionId = headerText(headers, "x-claude-code-session-id");
    const subagentId = headerText(headers, "x-claude-code-agent-id");
    const agentVersion = USER_AGENT.exec(headers["user-agent"] ?? "")?.[1];
    if (sessionId === undefined) return {};
    return { sessionId, ...(subagentId !== undefined ? { subagentId } : {}), ...(agentVersion !== undefined ? { agentVersion } : {}) };
  },
};
