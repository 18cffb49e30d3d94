/**
 * Opens a URL in the user's browser when there is one to open: `open` on macOS, `xdg-open` under
 * a graphical session elsewhere. Without a display (SSH, CI, containers) it only says so: the
 * address is printed either way.
 */
import { spawn } from "node:child_process";

/**
 * Best effort, detached; never fails the command.
 *
 * @example
 * openInBrowser("http://127.0.0.1:8090/ui/", console.log);
 */
export function openInBrowser(url: string, say: (message: string) => void, env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): void {
  const opener = platform === "darwin" ? "open" : platform === "win32" ? undefined : env.DISPLAY || env.WAYLAND_DISPLAY ? "xdg-open" : undefined;
  if (!opener) return say("no display to open a browser on: open the address above yourself");
  const child = spawn(opener, [url], { detached: true, stdio: "ignore" });
  child.on("error", () => say(`could not run ${opener}: open the address above yourself`));
  child.unref();
}
