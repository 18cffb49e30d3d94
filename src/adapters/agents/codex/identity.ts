import type { AgentIdentity } from "../../../ports/agent-module.ts";

export const CODEX: AgentIdentity = { name: "codex", cliName: "codex", aliases: [], exampleArgs: "exec 'explain this repo'" };
