import type { AgentCalls } from "../../../ports/agent-module.ts";
import { CODEX } from "./identity.ts";

const value = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

/** `codex_exec/0.169.0 (Debian 12; x86_64) …`, `codex-tui/0.169.0 …`, `codex_cli_rs/…`: the version after Codex's originator. */
const USER_AGENT = /^codex[\w-]*\/(\d+\.\d+\.\d+[\w.+-]*)/;

/**
 * Codex names every model call's session (`session-id`) and thread (`thread-id`): a thread other
 * than the session's is a subagent's; the session's own thread is the top-level agent. Its
 * version is in its `user-agent` (and a `version` header).
 */
export const codexCalls: AgentCalls = {
  agent: CODEX.name,
  api: "openai-responses",
  genericHeaders: true,
  identify(headers) {
    const sessionId = value(headers["session-id"]);
    const thread = value(headers["thread-id"]);
    if (sessionId === undefined) return {};
    const agentVersion = USER_AGENT.exec(headers["user-agent"] ?? "")?.[1] ?? value(headers.version);
    return {
      sessionId,
      ...(thread !== undefined && thread !== sessionId ? { subagentId: thread } : {}),
      ...(thread === sessionId ? { topLevel: true } : {}),
      ...(agentVersion !== undefined ? { agentVersion } : {}),
    };
  },
};
