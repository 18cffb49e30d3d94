import { anthropicMessages } from "../../adapters/providers/anthropic-messages/index.ts";
import { openAiChat } from "../../adapters/providers/openai-chat/index.ts";
import { openAiResponses } from "../../adapters/providers/openai-responses/index.ts";
import { ENV } from "../../ports/wire-names.ts";
import { agentCalls, agentModules } from "../agents.ts";
import type { GatewayParts } from "./start-gateway.ts";

/** The production set of agent and provider adapters; hook adapters keep per-gateway state, so each call makes fresh ones. */
export function gatewayParts(report: (message: string) => void, env: Readonly<Record<string, string | undefined>> = process.env): GatewayParts {
  return {
    loopLag: env[ENV.debugLoopLag] === "1",
    adapters: agentModules().map((agent) => agent.createHooks()),
    calls: agentCalls(),
    apis: { "openai-responses": openAiResponses, "openai-chat": openAiChat, "anthropic-messages": anthropicMessages },
    report,
  };
}
