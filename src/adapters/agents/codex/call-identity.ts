import type { AgentCalls } from "../../../ports/agent-module.ts";
import { headerText } from "../shared/correlation-ids.ts";
import { CODEX } from "./identity.ts";


/** `codex_exec/0.169.0 (Debian 12; x86_64) …`, `codex-tui/0.169.0 …`, `codex_cli_rs/…`: the version after Codex's originator. */
const USER_AGENT = /^codex[\w-]*\/(\d+\.\d+\.\d+[\w.+-]*)/;
/** Why Codex runs a thread, from `x-codex-turn-metadata` (`user`, or a side thread such as `thread_title`); read without parsing the whole JSON. */
const THREAD_SOURCE = /"thread_source"\s*:\s*"([^"]+)"/;

/**
 * Codex names every model call's session (`session-id`) and thread (`thread-id`): a thread other
 * than the session's is a subagent's; the session's own thread is the top-level agent. Its
 * version is in its `user-agent` (and a `version` header). A thread whose source is not the user
 * (the TUI's title thread) is a side thread: its session id is its own, not the user's session.
 */
export const codexCalls: AgentCalls = {
  agent: CODEX.name,
  api: "openai-responses",
  genericHeaders: true,
  identify(headers) {
    const sessionId = headerText(headers, "session-id");
    const thread = headerText(headers, "thread-id");
    if (sessionId === undefined) return {};
    const agentVersion = USER_AGENT.exec(headers["user-agent"] ?? "")?.[1] ?? headerText(headers, "version");
    const source = THREAD_SOURCE.exec(headers["x-codex-turn-metadata"] ?? "")?.[1];
    return {
      ...(source !== undefined && source !== "user" && thread === sessionId ? { sideThread: source } : {}),
      sessionId,
      ...(thread !== undefined && thread !== sessionId ? { subagentId: thread } : {}),
      ...(thread === sessionId ? { topLevel: true } : {}),
      ...(agentVersion !== undefined ? { agentVersion } : {}),
    };
  },
};
