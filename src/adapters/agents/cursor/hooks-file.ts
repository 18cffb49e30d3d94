import { existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fail, ok, type Result } from "../../../domain/errors.ts";
import { isObject } from "../../../domain/json.ts";
import type { PreparedFiles } from "../../../ports/agent-launch.ts";

/** `.cursor/hooks.json` of the nearest ancestor of cwd that has a `.cursor/` folder, else cwd's. */
export function cursorHooksPath(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, ".cursor");
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return join(candidate, "hooks.json");
    if (dirname(dir) === dir) return join(resolve(cwd), ".cursor", "hooks.json");
  }
}

/** Where the untouched original waits while a run has the file patched (survives our own crash). */
const backupPath = (path: string) => `${path}.nemo-relay-backup`;

/**
 * Adds our hook entries to the user's hooks file for the length of one run. Their own entries
 * stay; the original bytes are kept aside first and put back exactly by `restore`, which also
 * removes a file (and `.cursor/` folder) the run created.
 */
export function patchCursorHooks(path: string, entries: Readonly<Record<string, object>>): Result<PreparedFiles> {
  const backup = backupPath(path);
  if (existsSync(backup)) return fail("invalid_argument", `${backup} exists: an earlier run did not finish restoring ${path}; check both files, keep the right one, delete the backup, then retry`);
  const original = existsSync(path) ? readFileSync(path) : undefined;
  let hooksFile: Record<string, unknown> = {};
  if (original) {
    try {
      const parsed: unknown = JSON.parse(original.toString("utf8"));
      if (!isObject(parsed) || (parsed.hooks !== undefined && !isObject(parsed.hooks))) return fail("config_invalid", `${path}: expected {"version":1,"hooks":{…}}; not changed`);
      hooksFile = parsed;
    } catch (error) {
      return fail("config_invalid", `${path} is not valid JSON (${(error as Error).message}); not changed`);
    }
  }
  const hooks = { ...((hooksFile.hooks as Record<string, unknown>) ?? {}) };
  for (const [event, entry] of Object.entries(entries)) {
    const list = hooks[event];
    if (list !== undefined && !Array.isArray(list)) return fail("config_invalid", `${path}: hooks.${event} must be a list; not changed`);
    hooks[event] = [...((list as unknown[]) ?? []), entry];
  }
  const createdDir = !existsSync(dirname(path));
  try {
    mkdirSync(dirname(path), { recursive: true });
    if (original) writeFileSync(backup, original);
    writeFileSync(path, `${JSON.stringify({ ...hooksFile, version: 1, hooks }, null, 2)}\n`);
  } catch (error) {
    return fail("write_failed", `cannot patch ${path}: ${(error as Error).message}`);
  }
  return ok({ restore: () => restoreCursorHooks(path, original, createdDir) });
}

function restoreCursorHooks(path: string, original: Buffer | undefined, createdDir: boolean): Result<void> {
  try {
    if (original) {
      writeFileSync(path, original);
      rmSync(backupPath(path), { force: true });
    } else {
      rmSync(path, { force: true });
      if (createdDir) rmdirSync(dirname(path));
    }
    return ok(undefined);
  } catch (error) {
    return fail("write_failed", `could not restore ${path}: ${(error as Error).message}${original ? `; the original is in ${backupPath(path)}` : ""}`);
  }
}
