/**
 * The arguments that resume a Claude Code session under nemo-relay, keeping the user's own flags:
 * Claude's own exit hint names the run's temporary `--settings` file, which is gone once the run
 * ends, so the wrapper prints this instead (`nemo-relay claude -- <these>`).
 */

/** Flags that choose or print the session (dropped: the hint resumes it); those that take a value drop it too. */
const SESSION_FLAGS = new Set(["-p", "--print", "-c", "--continue", "--fork-session"]);
const SESSION_VALUE_FLAGS = new Set(["-r", "--resume", "--session-id", "--settings"]);
/** Claude 2.1 flags followed by one value. */
const TAKES_VALUE = new Set(["--model", "--permission-mode", "--append-system-prompt", "--system-prompt", "--output-format", "--input-format", "--max-turns", "--fallback-model", "--agents", "--agent", "--setting-sources", "--permission-prompt-tool"]);
/** Flags followed by any number of values, up to the next flag. */
const VARIADIC = new Set(["--add-dir", "--allowedTools", "--allowed-tools", "--disallowedTools", "--disallowed-tools", "--mcp-config", "--betas"]);

/**
 * @example
 * claudeResumeArgs(["--model", "opus", "-p", "fix it"], "abc"); // ["--model", "opus", "--resume", "abc"]
 */
export function claudeResumeArgs(args: readonly string[], sessionId: string): string[] {
  const kept: string[] = [];
  const isValue = (word: string | undefined): word is string => word !== undefined && word !== "--" && !word.startsWith("-");
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === "--") break; // the prompt follows
    if (!word.startsWith("-")) continue; // a prompt given without --
    const flag = word.includes("=") ? word.slice(0, word.indexOf("=")) : word;
    const inline = flag !== word;
    if (SESSION_FLAGS.has(flag)) continue;
    if (SESSION_VALUE_FLAGS.has(flag)) {
      if (!inline && isValue(args[i + 1])) i++;
      continue;
    }
    kept.push(word);
    if (inline) continue;
    if (TAKES_VALUE.has(flag) && args[i + 1] !== undefined) kept.push(args[++i]!);
    else if (VARIADIC.has(flag)) while (isValue(args[i + 1])) kept.push(args[++i]!);
  }
  return [...kept, "--resume", sessionId];
}
