import type { AgentIdentity } from "../../../ports/agent-module.ts";

export const HERMES: AgentIdentity = { name: "hermes", cliName: "hermes", aliases: [], exampleArgs: "chat" };
