/**
 * The one list of agents. Adding an agent is one folder under src/adapters/agents and one line
 * here; no other file names an agent (the architecture test checks).
 *
 * Each entry is the agent's identity (plain data) and its module, loaded on first use with a
 * synchronous `require`: `--help`, `--version` and hook-forward, which start for every hook
 * event, read names only and never load a hook adapter, installer or launcher.
 */
import { CLAUDE_CODE } from "../adapters/agents/claude-code/identity.ts";
import { CODEX } from "../adapters/agents/codex/identity.ts";
import { CURSOR } from "../adapters/agents/cursor/identity.ts";
import { HERMES } from "../adapters/agents/hermes/identity.ts";
import type { AgentCalls, AgentIdentity, AgentModule } from "../ports/agent-module.ts";

interface Listed {
  readonly identity: AgentIdentity;
  readonly load: () => AgentModule;
}

const LIST: readonly Listed[] = [
  { identity: CODEX, load: () => (require("../adapters/agents/codex/module.ts") as typeof import("../adapters/agents/codex/module.ts")).codexModule },
  { identity: CLAUDE_CODE, load: () => (require("../adapters/agents/claude-code/module.ts") as typeof import("../adapters/agents/claude-code/module.ts")).claudeCodeModule },
  { identity: CURSOR, load: () => (require("../adapters/agents/cursor/module.ts") as typeof import("../adapters/agents/cursor/module.ts")).cursorModule },
  { identity: HERMES, load: () => (require("../adapters/agents/hermes/module.ts") as typeof import("../adapters/agents/hermes/module.ts")).hermesModule },
];

export const AGENT_IDENTITIES: readonly AgentIdentity[] = LIST.map((l) => l.identity);

/** Every name an agent answers to: its hook endpoint's, what people type, its aliases. */
export const namesOf = (a: AgentIdentity): string[] => [...new Set([a.cliName, a.name, ...a.aliases])];

/** The agent a name means (`claude` and `claude-code` alike), or undefined. */
export function findAgent(name: string): AgentIdentity | undefined {
  return AGENT_IDENTITIES.find((a) => namesOf(a).includes(name));
}

/** For messages: "codex, claude, cursor or hermes". */
export const AGENT_CHOICES = AGENT_IDENTITIES.map((a) => a.cliName)
  .join(", ")
  .replace(/, (?=[^,]*$)/, " or ");

let loaded: readonly AgentModule[] | undefined;

/** Every agent's module, loaded once. */
export function agentModules(): readonly AgentModule[] {
  return (loaded ??= LIST.map((l) => l.load()));
}

/** How each agent's LLM calls name their session: agents with headers of their own first (see AgentCalls). */
export function agentCalls(): AgentCalls[] {
  const calls = agentModules().flatMap((m) => (m.calls ? [m.calls] : []));
  return [...calls.filter((c) => !c.genericHeaders), ...calls.filter((c) => c.genericHeaders)];
}

/** The module of the agent a name means, or undefined. */
export function agentModule(name: string): AgentModule | undefined {
  const identity = findAgent(name);
  return identity && agentModules().find((m) => m.name === identity.name);
}
