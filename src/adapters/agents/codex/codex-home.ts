import { isAbsolute, join, resolve } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

/** `$CODEX_HOME`, else `~/.codex`, made absolute (trust keys name the file by its absolute path). */
export function codexHome(env: Env, cwd: string): string {
  const home = env.CODEX_HOME?.trim() ? env.CODEX_HOME : join(env.HOME ?? "", ".codex");
  return isAbsolute(home) ? home : resolve(cwd, home);
}
