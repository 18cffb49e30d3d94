import type { Result } from "../domain/errors.ts";
import type { AgentName } from "./agent-hooks.ts";

/** What a transparent run knows when it plans how to start an agent. */
export interface LaunchRequest {
  /** The private gateway, e.g. `http://127.0.0.1:41234` (a placeholder in dry runs). */
  readonly gatewayUrl: string;
  /** Shell-ready absolute command that runs this nemo-relay (hooks run it in a login shell). */
  readonly selfCommand: string;
  /** The agent's command line as the user gave it (resolved from config for the shortcuts). */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dryRun: boolean;
}

/** Files a plan changed for the run, and how to put them back exactly as they were. */
export interface PreparedFiles {
  restore(): Result<void>;
}

/** How to start one agent so that it reports to the gateway, without changing the user's setup. */
export interface LaunchPlan {
  readonly argv: readonly string[];
  /** Variables added to (or replacing in) the agent's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Extra `key = value` lines for `--print` (e.g. the patched Cursor hooks file). */
  readonly details: ReadonlyArray<readonly [string, string]>;
  /** Things the user should know (missing credentials, one-time setup…). */
  readonly notes: readonly string[];
  /** File changes the run needs; never called in dry runs. */
  readonly prepare?: () => Result<PreparedFiles>;
}

export interface AgentLauncher {
  readonly agent: AgentName;
  /** The command the shortcut (`nemo-relay codex`) runs when config names none. */
  readonly defaultCommand: string;
  /** Executable basenames that identify this agent in `nemo-relay run -- CMD`. */
  readonly executables: readonly string[];
  plan(request: LaunchRequest): Promise<Result<LaunchPlan>>;
  /**
   * The agent's arguments that resume `sessionId` (keeping the user's own flags from `args`), for
   * the hint the wrapper prints after the run; absent where the agent has no resume.
   */
  resumeArgs?(args: readonly string[], sessionId: string): string[];
}

/** Where the agent's own executable sits in argv: flags for it go right after (last match, else 0). */
export function executableIndex(argv: readonly string[], executables: readonly string[]): number {
  for (let i = argv.length - 1; i >= 0; i--) {
    const base = argv[i]!.split("/").pop()!;
    if (executables.includes(base)) return i;
  }
  return 0;
}

/** argv with `extra` inserted right after the agent's executable. */
export function insertAfterExecutable(argv: readonly string[], executables: readonly string[], extra: readonly string[]): string[] {
  const at = executableIndex(argv, executables) + 1;
  return [...argv.slice(0, at), ...extra, ...argv.slice(at)];
}
