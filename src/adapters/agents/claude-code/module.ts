import type { AgentModule } from "../../../ports/agent-module.ts";
import { claudeCodeCalls } from "./call-identity.ts";
import { CLAUDE_CODE } from "./identity.ts";
import { createClaudeCodeHooks } from "./index.ts";
import { claudeIntegration } from "./install.ts";
import { claudeCodeLauncher } from "./launch-plan.ts";

/** Everything nemo-relay knows about this agent, listed once in src/app/agents.ts. */
export const claudeCodeModule: AgentModule = { ...CLAUDE_CODE, createHooks: createClaudeCodeHooks, launcher: claudeCodeLauncher, integration: claudeIntegration, calls: claudeCodeCalls };
