import { realpathSync, statSync } from "node:fs";
import { isAbsolute } from "node:path";

/** A session's project directory, or why its reported cwd cannot be one. */
export type ProjectDirectory = { readonly ok: true; readonly dir: string } | { readonly ok: false; readonly reason: string };

/**
 * The directory a hook's `cwd` names, if records may be written under it: an absolute path to an
 * existing directory owned by the user running the gateway, symlinks resolved first. A hook is
 * only a request on loopback; it must not be able to make the gateway create a directory, or
 * write into one that belongs to someone else.
 *
 * @example
 * projectDirectory("/home/me/repo"); // { ok: true, dir: "/home/me/repo" }
 * projectDirectory("relative/dir"); // { ok: false, reason: "is not an absolute path" }
 */
export function projectDirectory(cwd: string): ProjectDirectory {
  if (!isAbsolute(cwd)) return { ok: false, reason: "is not an absolute path" };
  let dir: string;
  try {
    dir = realpathSync(cwd);
  } catch {
    return { ok: false, reason: "does not exist" };
  }
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return { ok: false, reason: "is not a directory" };
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) return { ok: false, reason: "belongs to another user" };
  return { ok: true, dir };
}
