/**
 * A throwaway machine for install tests: temporary HOME, CODEX_HOME, XDG config and state
 * directories and a project directory; `nemo` runs the real CLI there as a process, with a
 * hard time limit. `fakeAgent` puts a stand-in `claude`/`codex` on PATH that only answers
 * `--version`, so what an install decides from the version is the same on every machine.
 */
import { afterEach } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const BIN = join(import.meta.dir, "../../../bin/nemo-relay.ts");

export interface Box {
  readonly root: string;
  readonly home: string;
  readonly codexHome: string;
  readonly xdg: string;
  readonly state: string;
  readonly work: string;
  readonly fakeBin: string;
  readonly env: Record<string, string>;
  remove(): void;
}

export function makeBox(extraEnv: Record<string, string> = {}): Box {
  const root = mkdtempSync(join(tmpdir(), "nemo-relay-install-"));
  const dirs = { home: join(root, "home"), codexHome: join(root, "codex-home"), xdg: join(root, "xdg"), state: join(root, "state"), work: join(root, "work"), fakeBin: join(root, "bin") };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const env = {
    PATH: [dirs.fakeBin, dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(":"),
    HOME: dirs.home,
    CODEX_HOME: dirs.codexHome,
    XDG_CONFIG_HOME: dirs.xdg,
    XDG_STATE_HOME: dirs.state,
    NEMO_RELAY_PERSISTENT_PORT: "47999",
    ...extraEnv,
  };
  return { root, ...dirs, env, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export function fakeAgent(box: Box, name: string, version: string): void {
  const path = join(box.fakeBin, name);
  writeFileSync(path, `#!/bin/sh\necho "${version}"\n`);
  chmodSync(path, 0o755);
}

export interface Ran {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export async function nemo(box: Box, args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Ran> {
  const proc = Bun.spawn([process.execPath, BIN, ...args], { cwd: options.cwd ?? box.work, env: { ...box.env, ...options.env }, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => proc.kill("SIGKILL"), options.timeoutMs ?? 30_000);
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  return { stdout, stderr, code };
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Polls until `check` holds; throws after `timeoutMs`, naming what was awaited. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await Bun.sleep(50);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function answers(url: string): Promise<boolean> {
  try {
    const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(300) });
    return r.ok;
  } catch {
    return false;
  }
}

/** The pid listening on a loopback TCP port (from `ss`), to stop a gateway a test started. */
export function listenerPid(port: number): number | undefined {
  try {
    const out = Bun.spawnSync(["ss", "-ltnpH", `sport = :${port}`]).stdout.toString();
    const pid = /pid=(\d+)/.exec(out)?.[1];
    return pid ? Number(pid) : undefined;
  } catch {
    return undefined; // no ss here
  }
}

/** Makes a fresh box per call; every box made during a test is removed after it. */
export function boxPerCall(): () => Box {
  const made: Box[] = [];
  afterEach(() => made.splice(0).forEach((b) => b.remove()));
  return () => {
    const b = makeBox();
    made.push(b);
    return b;
  };
}
