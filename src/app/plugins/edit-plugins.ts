/**
 * `plugins edit`: open the chosen layer's `plugins.toml` in the user's editor (created from the
 * commented template first when missing), then check what was saved, so a mistake is reported
 * now, with its file and line, rather than when the gateway next starts.
 */
import { existsSync } from "node:fs";
import { writeFileAtomic } from "../../adapters/fs/atomic-write.ts";
import { fail, ok, type Result } from "../../domain/errors.ts";
import type { Layer } from "../config/resolve.ts";
import { checkPluginsFile } from "./check-plugins-file.ts";
import { projectPluginsFile, userPluginsFile } from "./plugin-files.ts";
import { pluginsTemplate } from "./template.ts";

type Env = Readonly<Record<string, string | undefined>>;

export interface EditOptions {
  readonly scope: "project" | "user";
  readonly cwd: string;
  readonly env: Env;
}

export interface EditedFile {
  readonly path: string;
  readonly created: boolean;
  readonly layer: Layer;
}

/** `$VISUAL`, then `$EDITOR`, then `vi`, as git and crontab choose. */
const editorOf = (env: Env): string => [env.VISUAL, env.EDITOR].find((e) => e !== undefined && e.trim() !== "")?.trim() ?? "vi";

/**
 * Runs the editor through the shell, so `EDITOR="code --wait"` works; the path goes in as `$1`,
 * never pasted into the command line.
 */
async function runEditor(editor: string, path: string, env: Env): Promise<Result<void>> {
  try {
    const child = Bun.spawn(["sh", "-c", `${editor} "$1"`, "sh", path], { stdin: "inherit", stdout: "inherit", stderr: "inherit", env: { ...env } });
    const code = await child.exited;
    if (code !== 0) return fail("invalid_argument", `the editor (${editor}) exited with ${child.signalCode ?? code}; ${path} was not checked`);
    return ok(undefined);
  } catch (error) {
    return fail("invalid_argument", `cannot start the editor (${editor}): ${(error as Error).message}`);
  }
}

export async function editPlugins({ scope, cwd, env }: EditOptions): Promise<Result<EditedFile>> {
  const path = scope === "project" ? projectPluginsFile(cwd) : userPluginsFile(env);
  if (!path) return fail("invalid_argument", "no user configuration directory: set HOME or XDG_CONFIG_HOME, or use --project");
  const created = !existsSync(path);
  if (created) {
    try {
      await writeFileAtomic(path, pluginsTemplate(scope));
    } catch (error) {
      return fail("write_failed", `cannot create ${path}: ${(error as Error).message}`);
    }
  }
  const edited = await runEditor(editorOf(env), path, env);
  if (!edited.ok) return edited;
  const checked = checkPluginsFile(path);
  if (!checked.ok) return fail(checked.error.code, `${checked.error.message} (your edit is saved; run nemo-relay plugins edit --${scope} again to fix it)`);
  return ok({ path, created, layer: checked.value });
}
