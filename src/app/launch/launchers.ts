import type { AgentLauncher } from "../../ports/agent-launch.ts";
import { agentModule, agentModules } from "../agents.ts";

/** The launcher of the agent a name means (`claude` and `claude-code` alike). */
export function launcherFor(name: string): AgentLauncher | undefined {
  return agentModule(name)?.launcher;
}

/** The agent a command line runs, from its executable's basename (`/usr/bin/codex` → codex). */
export function inferLauncher(argv: readonly string[]): AgentLauncher | undefined {
  const names = argv.map((word) => word.split("/").pop()!);
  return agentModules().find((m) => names.some((n) => m.launcher.executables.includes(n)))?.launcher;
}
