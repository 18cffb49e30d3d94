/**
 * A real terminal for the interactive UIs (the Codex TUI, the Claude Code REPL): a detached tmux
 * session on a socket of its own, keys sent with send-keys, the screen read with capture-pane.
 * The command's exit status is printed into the pane (`[exit N]`), which stays open afterwards.
 */
import { shellQuote } from "../../../src/app/launch/self-command.ts";

const tmux = (socket: string, args: string[]) => Bun.spawnSync(["tmux", "-L", socket, ...args], { stdout: "pipe", stderr: "pipe" });

export class Terminal {
  private constructor(private readonly socket: string) {}

  /** Starts `argv` in `cwd` with exactly `env`, in a 160×45 terminal. */
  static start(label: string, cwd: string, env: Record<string, string>, argv: readonly string[]): Terminal {
    const socket = `nemo-relay-e2e-${label}-${process.pid}`;
    const command = `env -i ${Object.entries(env).map(([k, v]) => shellQuote(`${k}=${v}`)).join(" ")} ${argv.map(shellQuote).join(" ")}; echo "[exit $?]"; sleep 600`;
    const started = tmux(socket, ["new-session", "-d", "-s", "main", "-x", "160", "-y", "45", "-c", cwd, command]);
    if (started.exitCode !== 0) throw new Error(`tmux could not start: ${started.stderr.toString()}`);
    return new Terminal(socket);
  }

  /** What the terminal shows now (scrollback included), colours stripped. */
  screen(): string {
    return tmux(this.socket, ["capture-pane", "-p", "-S", "-200", "-t", "main"]).stdout.toString();
  }

  /** Waits until the screen shows `text`; throws with the screen when it does not within `timeoutMs`. */
  async waitFor(text: string | RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (typeof text === "string" ? screen.includes(text) : text.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`the terminal never showed ${String(text)} within ${timeoutMs} ms; it shows:\n${screen}`);
      await Bun.sleep(200);
    }
  }

  /** Types `text` literally, then presses Enter (a moment later, as a person would). */
  async type(text: string): Promise<void> {
    tmux(this.socket, ["send-keys", "-t", "main", "-l", text]);
    await Bun.sleep(300);
    tmux(this.socket, ["send-keys", "-t", "main", "Enter"]);
  }

  key(name: string): void {
    tmux(this.socket, ["send-keys", "-t", "main", name]);
  }

  close(): void {
    tmux(this.socket, ["kill-server"]);
  }
}
