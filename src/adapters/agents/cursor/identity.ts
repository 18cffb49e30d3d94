import type { AgentIdentity } from "../../../ports/agent-module.ts";

export const CURSOR: AgentIdentity = { name: "cursor", cliName: "cursor", aliases: [], exampleArgs: "-p 'explain this repo'" };
