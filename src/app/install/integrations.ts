import type { AgentIntegration } from "../../ports/agent-install.ts";
import { agentModule, agentModules } from "../agents.ts";

export { AGENT_CHOICES } from "../agents.ts";

/** Every agent's persistent integration, in the list's order. */
export const integrations = (): AgentIntegration[] => agentModules().map((m) => m.integration);

/** The integration of the agent a name means (`claude` and `claude-code` alike). */
export function integrationFor(name: string): AgentIntegration | undefined {
  return agentModule(name)?.integration;
}
