/**
 * The persistent gateway is started by the first hook that finds it not running: no daemon,
 * service or login item. A lock file created with O_EXCL in the runtime directory makes sure
 * that hooks firing together start one gateway; the loser waits for it like everyone else. A
 * lock older than STALE_MS (a hook killed mid-start, a gateway that failed to bind) is taken
 * over. The gateway runs detached, its output appended to a log in the state directory, and
 * exits by itself once idle (`serve --exit-when-idle`). Only `node:` imports: hook-forward.
 */
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, statSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { runtimeDir, stateDir } from "./persistent-paths.ts";
import { selfArgv } from "./self-command.ts";
import { ENV } from "../../ports/wire-names.ts";

type Env = Readonly<Record<string, string | undefined>>;

const STALE_MS = 10_000;
const POLL_MS = 25;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export interface AutostartOptions {
  readonly env: Env;
  /** How long to wait for `/healthz` after starting (or finding another hook starting) it. */
  readonly waitMs: number;
}

/** Takes the start lock; false when another live hook holds it. */
function takeLock(path: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      try {
        if (Date.now() - statSync(path).mtimeMs < STALE_MS) return false;
        unlinkSync(path);
      } catch {
        // it went away meanwhile: try again
      }
    }
  }
  return false;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(250) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Makes sure a gateway answers at `url` (a loopback URL): starts one unless another hook is
 * already doing so, then waits for it. Returns undefined once it answers, else why not.
 */
export async function startGatewayOnDemand(url: string, { env, waitMs }: AutostartOptions): Promise<string | undefined> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return `${url} is not a URL`;
  }
  if (!LOOPBACK.has(target.hostname) || target.protocol !== "http:") return `will not start a gateway for ${url}: only for http on loopback`;
  const port = target.port || "80";
  const base = `http://${target.host}`;
  const lock = join(runtimeDir(env), `gateway-${port}.lock`);
  let owner = false;
  try {
    mkdirSync(runtimeDir(env), { recursive: true, mode: 0o700 });
    owner = takeLock(lock);
    if (owner) spawnGateway(`${target.hostname}:${port}`, port, env);
  } catch (error) {
    if (owner) unlinkSync(lock);
    return `cannot start the gateway: ${(error as Error).message}`;
  }
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    if (await healthy(base)) {
      if (owner) unlinkSync(lock);
      return undefined;
    }
    await Bun.sleep(POLL_MS);
  }
  // The lock stays until it is stale, so a gateway that cannot start is not retried by every hook.
  return `started a gateway on ${base} but it did not answer within ${waitMs} ms (log: ${join(stateDir(env), `gateway-${port}.log`)})`;
}

function spawnGateway(bind: string, port: string, env: Env): void {
  const dir = stateDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const log = openSync(join(dir, `gateway-${port}.log`), "a", 0o600);
  const [command, ...args] = selfArgv();
  try {
    const child = spawn(command!, [...args, "serve", "--bind", bind, "--exit-when-idle"], {
      detached: true,
      stdio: ["ignore", log, log],
      // Not the project the first hook ran in: one gateway serves every project (files go to each session's cwd).
      cwd: env.HOME && env.HOME.trim() ? env.HOME : dir,
      env: { ...withoutToken(env), NO_COLOR: "1" } as NodeJS.ProcessEnv,
    });
    child.on("error", () => {}); // reported as the gateway not answering
    child.unref();
  } finally {
    closeSync(log);
  }
}

/**
 * A user-wide NEMO_RELAY_AUTH_TOKEN is meant for a gateway beyond loopback. This one is
 * loopback-only and serves the agents' own LLM clients, which cannot send a token, so, like a
 * transparent run's private gateway, it is not held to it (an `auth_token` in config.toml still is).
 */
function withoutToken(env: Env): Env {
  const { [ENV.authToken]: _token, ...rest } = env;
  return rest;
}
