/** The options every command that starts a gateway takes (serve, run and the agent shortcuts). */
export const GATEWAY_OPTIONS = {
  config: { type: "string", description: "Read only this config.toml (and the plugins.toml beside it)" },
  "openai-base-url": { type: "string", description: "Upstream for OpenAI routes" },
  "anthropic-base-url": { type: "string", description: "Upstream for Anthropic routes" },
  "chatgpt-base-url": { type: "string", description: "Upstream for Codex signed in with ChatGPT (default https://chatgpt.com/backend-api/codex)" },
} as const;
