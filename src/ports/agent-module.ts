import type { AgentHookAdapter } from "./agent-hooks.ts";
import type { AgentIntegration } from "./agent-install.ts";
import type { AgentLauncher } from "./agent-launch.ts";
import type { ProviderApiName } from "./provider-api.ts";

/** What identifies an agent: plain data, cheap to load (the CLI's help and hook-forward need only this). */
export interface AgentIdentity {
  /** The hook endpoint's name (`POST /hooks/<name>`) and the agent's name in records. */
  readonly name: string;
  /** What people type (`nemo-relay claude`, `install claude`, check ids `claude.*`). */
  readonly cliName: string;
  /** Other names accepted wherever an agent is named. */
  readonly aliases: readonly string[];
  /** Arguments for the agent in a help example (`-p 'explain this repo'`). */
  readonly exampleArgs: string;
}

/** Who a proxied LLM call says it belongs to, in the agent's own request headers. */
export interface CallIdentity {
  readonly sessionId?: string;
  readonly subagentId?: string;
  /** The call names the session's own top-level thread (not a subagent's). */
  readonly topLevel?: boolean;
  /** The agent's own version, as its client says (`user-agent: codex_exec/0.169.0 …` → `0.169.0`). */
  readonly agentVersion?: string;
  /**
   * The call is a side thread the agent runs for the user's session under a session id of its
   * own (the Codex TUI's title thread: `thread_source: "thread_title"`); the value says what for.
   */
  readonly sideThread?: string;
}

/** How one agent's model calls name their session and agent when they pass the gateway. */
export interface AgentCalls {
  readonly agent: string;
  /** The wire API its calls use: a session first seen there, naming no agent, is this agent's. */
  readonly api: ProviderApiName;
  /**
   * Its headers have generic names (Codex's `session-id`) that other clients may send too: agents
   * whose headers are their own (`x-claude-code-session-id`) are asked first.
   */
  readonly genericHeaders?: boolean;
  /** Read from the call's (lower-cased) headers; an empty identity when they are not this agent's. */
  identify(headers: Readonly<Record<string, string | undefined>>): CallIdentity;
}

/**
 * Everything nemo-relay knows about one agent, from its one folder: its names, its hook
 * protocol, how its LLM calls name their session, how to launch it observed, and how to install
 * it persistently. Adding an agent is one folder and one line in the list (src/app/agents.ts).
 */
export interface AgentModule extends AgentIdentity {
  /** A hook adapter with its own state: one per gateway. */
  createHooks(): AgentHookAdapter;
  readonly calls?: AgentCalls;
  readonly launcher: AgentLauncher;
  readonly integration: AgentIntegration;
}
