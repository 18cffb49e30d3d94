import type { AgentModule } from "../../../ports/agent-module.ts";
import { HERMES } from "./identity.ts";
import { createHermesHooks } from "./index.ts";
import { hermesIntegration } from "./install.ts";
import { hermesLauncher } from "./launch-plan.ts";

/** Everything nemo-relay knows about this agent, listed once in src/app/agents.ts. */
export const hermesModule: AgentModule = { ...HERMES, createHooks: createHermesHooks, launcher: hermesLauncher, integration: hermesIntegration };
