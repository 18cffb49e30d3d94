/**
 * The doctor's checks that concern nemo-relay itself: the binary on PATH, the configuration,
 * `plugins.toml`, the ATIF directory (checked, never created) and the persistent gateway.
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { DoctorCheck } from "../../ports/agent-install.ts";
import type { Result } from "../../domain/errors.ts";
import type { GatewayConfig } from "../config/schema.ts";
import { checkPluginsFile } from "../plugins/check-plugins-file.ts";
import { pluginsLocations } from "../plugins/plugin-files.ts";

type Env = Readonly<Record<string, string | undefined>>;

const check = (id: string, status: DoctorCheck["status"], message: string, fix: string | null = null): DoctorCheck => ({ id, status, message, fix });

export function binaryCheck(env: Env, selfCommand: string): DoctorCheck {
  const found = Bun.which("nemo-relay", { PATH: env.PATH ?? "" });
  if (found) return check("nemo_relay.binary", "ok", `nemo-relay on PATH: ${found}`);
  return check("nemo_relay.binary", "warn", `nemo-relay is not on PATH; installed hooks run it by absolute path (${selfCommand})`, "npm i -g bun nemo-relay (or the compiled binary from bun run build, or bun link in a clone) to have it on PATH");
}

/** `config` is the configuration as loaded for `cwd` and `env` (doctor loads it once for every check). */
export function configChecks(cwd: string, env: Env, config: Result<GatewayConfig>): DoctorCheck[] {
  const out: DoctorCheck[] = [];
  out.push(config.ok ? check("nemo_relay.config", "ok", config.value.sources.length > 0 ? `configuration valid (${config.value.sources.join(", ")})` : "no configuration files; built-in defaults") : check("nemo_relay.config", "error", config.error.message, "fix the file named above"));
  const problems = pluginsLocations(cwd, env)
    .filter((l) => existsSync(l.path))
    .map((l) => checkPluginsFile(l.path))
    .flatMap((r) => (r.ok ? [] : [r.error.message]));
  out.push(problems.length === 0 ? check("nemo_relay.plugins", "ok", "plugins.toml valid (or absent: defaults)") : check("nemo_relay.plugins", "error", problems.join("; "), "nemo-relay plugins edit (it checks what you save)"));
  if (!config.ok) return out;
  const { enabled, outputDirectory } = config.value.atif;
  if (!enabled) {
    out.push(check("nemo_relay.atif_dir", "ok", "ATIF files are turned off in plugins.toml"));
    return out;
  }
  const relative = !outputDirectory.startsWith("/");
  const dir = resolve(cwd, outputDirectory);
  const where = relative ? ` (relative to each session's cwd; checked for ${cwd})` : "";
  out.push(writableCheck(dir, where));
  return out;
}

function writableCheck(dir: string, where: string): DoctorCheck {
  let existing = dir;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  try {
    if (!statSync(existing).isDirectory()) return check("nemo_relay.atif_dir", "error", `${existing} is not a directory, so ${dir} cannot be created${where}`, "move that file, or set [components.config.atif] output_directory in plugins.toml");
    accessSync(existing, constants.W_OK);
  } catch {
    return check("nemo_relay.atif_dir", "error", `${existing} is not writable: ATIF files cannot be written to ${dir}${where}`, "fix its permissions, or set [components.config.atif] output_directory in plugins.toml");
  }
  return check("nemo_relay.atif_dir", "ok", existing === dir ? `ATIF files go to ${dir}${where}` : `ATIF files go to ${dir}, created on the first write${where}`);
}

/** GET /healthz with a short timeout: not running is normal (the first hook starts it). */
export async function gatewayCheck(url: string): Promise<DoctorCheck> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(500) });
    const body = (await response.json().catch(() => undefined)) as { status?: string; version?: string } | undefined;
    if (response.ok && body?.status === "ok") return check("gateway", "ok", `gateway running at ${url} (nemo-relay ${body.version ?? "?"})`);
    return check("gateway", "error", `${url} answers, but not as a nemo-relay gateway (HTTP ${response.status})`, "stop what listens on that port, or set NEMO_RELAY_PERSISTENT_PORT and install again");
  } catch (error) {
    if ((error as Error).name === "TimeoutError") return check("gateway", "error", `${url} accepts connections but does not answer /healthz`, "stop what listens on that port");
    return check("gateway", "warn", `gateway not running at ${url}; it starts on the first hook`, null);
  }
}
