import type { AgentModule } from "../../../ports/agent-module.ts";
import { codexCalls } from "./call-identity.ts";
import { CODEX } from "./identity.ts";
import { createCodexHooks } from "./index.ts";
import { codexIntegration } from "./install.ts";
import { codexLauncher } from "./launch-plan.ts";

/** Everything nemo-relay knows about this agent, listed once in src/app/agents.ts. */
export const codexModule: AgentModule = { ...CODEX, createHooks: createCodexHooks, launcher: codexLauncher, integration: codexIntegration, calls: codexCalls };
