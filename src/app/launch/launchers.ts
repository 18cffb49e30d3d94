import { claudeCodeLauncher } from "../../adapters/agents/claude-code/launch-plan.ts";
import { codexLauncher } from "../../adapters/agents/codex/launch-plan.ts";
import { cursorLauncher } from "../../adapters/agents/cursor/launch-plan.ts";
import { hermesLauncher } from "../../adapters/agents/hermes/launch-plan.ts";
import type { AgentLauncher } from "../../ports/agent-launch.ts";

const LAUNCHERS: readonly AgentLauncher[] = [codexLauncher, claudeCodeLauncher, cursorLauncher, hermesLauncher];

/** User-facing names: `claude` is what people type, `claude-code` is the hook endpoint's name. */
const ALIASES: Record<string, string> = { claude: "claude-code" };

export function launcherFor(name: string): AgentLauncher | undefined {
  const agent = ALIASES[name] ?? name;
  return LAUNCHERS.find((l) => l.agent === agent);
}

/** The agent a command line runs, from its executable's basename (`/usr/bin/codex` → codex). */
export function inferLauncher(argv: readonly string[]): AgentLauncher | undefined {
  const names = argv.map((word) => word.split("/").pop()!);
  return LAUNCHERS.find((l) => names.some((n) => l.executables.includes(n)));
}
