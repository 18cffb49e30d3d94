/**
 * Whether a Codex command line opens the interactive TUI (no subcommand, a prompt, `resume`,
 * `fork`) rather than `exec` and the other subcommands.
 *
 * The TUI normally attaches to Codex's shared background server; `-c` overrides (how the wrapper
 * gives Codex its hooks and provider without touching your files) need the TUI's own in-process
 * server instead, and Codex says so at every start. Passing `--no-daemon` makes that explicit and
 * silences the warning; the session is then not served by, or visible to, that shared server.
 */
const TUI_SUBCOMMANDS = new Set(["resume", "fork"]);
const SUBCOMMANDS = new Set(["agents", "exec", "e", "review", "login", "logout", "mcp", "plugin", "app-server", "remote-control", "completion", "update", "doctor", "sandbox", "debug", "apply", "a", "queue", "archive", "delete", "migrate-rollouts", "migrate-nfs-db", "unarchive", "cloud", "exec-server", "features", "help", "mcp-server"]);
/** Root options of Codex 0.169 that take a value (the word after them is not a subcommand). */
const TAKES_VALUE = new Set(["-c", "--config", "-m", "--model", "-p", "--profile", "-s", "--sandbox", "-a", "--ask-for-approval", "-C", "--cd", "-i", "--image", "--add-dir", "--enable", "--disable", "--remote", "--remote-auth-token-env", "--local-provider"]);

/** `args` are Codex's arguments after its executable, as the user gave them. */
export function opensCodexTui(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === "--") return true; // a prompt follows
    if (word.startsWith("-")) {
      if (TAKES_VALUE.has(word)) i++;
      continue;
    }
    return TUI_SUBCOMMANDS.has(word) || !SUBCOMMANDS.has(word);
  }
  return true;
}

/** The user already chose where the TUI's server runs. */
export const choosesServer = (args: readonly string[]) => args.some((a) => a === "--no-daemon" || a === "--remote" || a.startsWith("--remote="));
