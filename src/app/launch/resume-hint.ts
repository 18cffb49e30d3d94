import { executableIndex, type AgentLauncher } from "../../ports/agent-launch.ts";
import { shellQuote } from "./self-command.ts";

/**
 * The command that resumes the run's session under nemo-relay, keeping the user's flags: the
 * agent's own exit hint (Claude's names the run's temporary settings file, gone once the run
 * ends; Codex's leaves nemo-relay out) would continue the session unobserved.
 *
 * @example
 * resumeHint(claudeLauncher, ["claude", "--model", "opus"], "abc", "claude"); // "nemo-relay claude -- --model opus --resume abc"
 */
export function resumeHint(launcher: AgentLauncher, argv: readonly string[], sessionId: string, shortcut?: string): string | undefined {
  if (!launcher.resumeArgs) return undefined;
  const at = executableIndex(argv, launcher.executables);
  const resume = launcher.resumeArgs(argv.slice(at + 1), sessionId);
  const words = shortcut ? ["nemo-relay", shortcut, "--", ...resume] : ["nemo-relay", "run", "--", ...argv.slice(0, at + 1), ...resume];
  return words.map(shellQuote).join(" ");
}
