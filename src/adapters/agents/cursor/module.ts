import type { AgentModule } from "../../../ports/agent-module.ts";
import { CURSOR } from "./identity.ts";
import { createCursorHooks } from "./index.ts";
import { cursorIntegration } from "./install.ts";
import { cursorLauncher } from "./launch-plan.ts";

/** Everything nemo-relay knows about this agent, listed once in src/app/agents.ts. */
export const cursorModule: AgentModule = { ...CURSOR, createHooks: createCursorHooks, launcher: cursorLauncher, integration: cursorIntegration };
