import type { AgentIdentity } from "../../../ports/agent-module.ts";

/** `claude` is what people type; `claude-code` is the hook endpoint's name: both work. */
export const CLAUDE_CODE: AgentIdentity = { name: "claude-code", cliName: "claude", aliases: [], exampleArgs: "-p 'explain this repo'" };
