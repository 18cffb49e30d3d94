/**
 * Where the persistent integration lives: the gateway's fixed loopback address, nemo-relay's
 * state directory (install backups, the on-demand gateway's log) and its runtime directory (the
 * start lock). Only `node:` imports: `hook-forward` uses this on every event.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENV } from "../../ports/wire-names.ts";

type Env = Readonly<Record<string, string | undefined>>;

const PERSISTENT_PORT = 47632;

/** `http://127.0.0.1:47632`, or the port in `NEMO_RELAY_PERSISTENT_PORT` (tests, a second user…). */
export function persistentGatewayUrl(env: Env): string {
  const port = Number(env[ENV.persistentPort]);
  return `http://127.0.0.1:${Number.isInteger(port) && port > 0 && port < 65536 ? port : PERSISTENT_PORT}`;
}

/** `$XDG_STATE_HOME/nemo-relay`, else `~/.local/state/nemo-relay`. */
export function stateDir(env: Env): string {
  if (env.XDG_STATE_HOME?.trim()) return join(env.XDG_STATE_HOME, "nemo-relay");
  if (env.HOME?.trim()) return join(env.HOME, ".local", "state", "nemo-relay");
  return join(tmpdir(), `nemo-relay-${process.getuid?.() ?? "user"}`);
}

/** `$XDG_RUNTIME_DIR/nemo-relay` (cleared at logout), else `<state dir>/run`. */
export function runtimeDir(env: Env): string {
  return env.XDG_RUNTIME_DIR?.trim() ? join(env.XDG_RUNTIME_DIR, "nemo-relay") : join(stateDir(env), "run");
}
