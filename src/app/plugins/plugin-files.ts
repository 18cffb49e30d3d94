/**
 * Where `plugins.toml` lives: the same layered directories as `config.toml` (system, the nearest
 * project `.nemo-relay/`, the user's config directory), named by scope so that `plugins show`
 * can say which file a setting came from and `plugins edit` knows which one to open.
 */
import { basename, join } from "node:path";
import { layerDirectories, userConfigDirectory } from "../../adapters/fs/config-files.ts";

const PLUGINS_FILE = "plugins.toml";

export type Scope = "system" | "project" | "user" | "explicit";

export interface PluginsLocation {
  readonly scope: Scope;
  readonly path: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The user's layer, exactly as the config loader finds it. */
const userDirectory = (env: Env): string | undefined => userConfigDirectory(env);

/** Every `plugins.toml` the gateway would read (present or not), lowest precedence first. */
export function pluginsLocations(cwd: string, env: Env, configPath?: string): PluginsLocation[] {
  const user = userDirectory(env);
  return layerDirectories({ cwd, env, explicit: configPath }).map((dir, i) => ({
    scope: configPath ? "explicit" : i === 0 ? "system" : dir === user ? "user" : "project",
    path: join(dir, PLUGINS_FILE),
  }));
}

/** The project file: in the nearest existing `.nemo-relay/` up from cwd, else in `./.nemo-relay/`. */
export function projectPluginsFile(cwd: string): string {
  // Without HOME or XDG there is no user layer, so the only `.nemo-relay` directory left is the project's.
  const nearest = layerDirectories({ cwd, env: {} }).find((dir) => basename(dir) === ".nemo-relay");
  return join(nearest ?? join(cwd, ".nemo-relay"), PLUGINS_FILE);
}

export function userPluginsFile(env: Env): string | undefined {
  const dir = userDirectory(env);
  return dir ? join(dir, PLUGINS_FILE) : undefined;
}
