import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import toml from "toml";
import { fail, ok, type Result } from "../../domain/errors.ts";

/** One parsed configuration file. */
export interface ConfigLayer {
  readonly path: string;
  readonly data: Record<string, unknown>;
  /** The file's text, for pointing at the line of a problem. */
  readonly text?: string;
}

export interface LayerLocations {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--config PATH`: that file's directory replaces every other layer. */
  readonly explicit?: string;
}

/**
 * The configuration directories, lowest precedence first: `/etc/nemo-relay`, the nearest
 * `.nemo-relay/` up from cwd, then `$XDG_CONFIG_HOME/nemo-relay` (or `~/.config/nemo-relay`).
 */
export function layerDirectories({ cwd, env, explicit }: LayerLocations): string[] {
  if (explicit) return [dirname(resolve(cwd, explicit))];
  const dirs = ["/etc/nemo-relay"];
  const project = nearestProjectDir(cwd);
  if (project) dirs.push(project);
  const user = userConfigDirectory(env);
  if (user) dirs.push(user);
  return [...new Set(dirs)];
}

/** `$XDG_CONFIG_HOME/nemo-relay`, else `~/.config/nemo-relay`: the user's layer. */
export function userConfigDirectory(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const home = env.HOME ?? env.USERPROFILE;
  const xdg = env.XDG_CONFIG_HOME ?? (home ? join(home, ".config") : undefined);
  return xdg ? join(xdg, "nemo-relay") : undefined;
}

function nearestProjectDir(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, ".nemo-relay");
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Reads and parses `name` in each directory that has it; a parse error names file, line and column. */
export function readLayers(dirs: readonly string[], name: string, explicitFile?: string): Result<ConfigLayer[]> {
  const layers: ConfigLayer[] = [];
  for (const dir of dirs) {
    const path = explicitFile && name === "config.toml" ? explicitFile : join(dir, name);
    if (!existsSync(path)) {
      if (explicitFile && path === explicitFile) return fail("file_not_found", `config file not found: ${path}`);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      return fail("file_unreadable", `cannot read ${path}: ${(error as Error).message}`);
    }
    try {
      // JSON round trip: plain objects instead of null-prototype ones, dates as strings.
      layers.push({ path, text, data: JSON.parse(JSON.stringify(toml.parse(text))) });
    } catch (error) {
      const e = error as { location?: { start?: { line?: number; column?: number } }; message: string };
      const where = e.location?.start;
      return fail("config_invalid", `${path}:${where?.line ?? "?"}:${where?.column ?? "?"}: invalid TOML: ${e.message}`);
    }
  }
  return ok(layers);
}
