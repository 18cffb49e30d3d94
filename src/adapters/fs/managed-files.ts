/**
 * Reading and writing the agents' own config files on an install's behalf: bytes exactly as
 * they are, a symlinked file edited where it points (a dotfiles checkout stays a checkout), the
 * file's permission bits kept, and directories an install created taken away again.
 */
import { existsSync, readFileSync, realpathSync, rmdirSync, statSync, unlinkSync } from "node:fs";
import { dirname } from "node:path";
import { fail, ok, type Result } from "../../domain/errors.ts";
import { writeFileAtomic } from "./atomic-write.ts";

export const sha256 = (bytes: Uint8Array): string => Bun.SHA256.hash(bytes, "hex");

export interface FileBytes {
  readonly bytes: Uint8Array;
  readonly text: string;
  readonly mode: number;
}

/** The file's bytes and text, undefined when it does not exist; a file that is not UTF-8 text is an error. */
export function readManaged(path: string): Result<FileBytes | undefined> {
  if (!existsSync(path)) return ok(undefined);
  try {
    const bytes = new Uint8Array(readFileSync(path));
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return ok({ bytes, text, mode: statSync(path).mode & 0o777 });
  } catch (error) {
    const message = error instanceof TypeError ? "not UTF-8 text" : (error as Error).message;
    return fail("file_unreadable", `cannot read ${path}: ${message}; nothing was changed`);
  }
}

/** A file's text, or undefined when it is missing or unreadable (what checks and plans look at). */
export function readText(path: string): string | undefined {
  const read = readManaged(path);
  return read.ok ? read.value?.text : undefined;
}

/** The directories writing `path` would create, outermost first. */
export function missingDirs(path: string): string[] {
  const dirs: string[] = [];
  for (let dir = dirname(path); !existsSync(dir) && dirname(dir) !== dir; dir = dirname(dir)) dirs.unshift(dir);
  return dirs;
}

/** Writes `bytes` atomically where `path` (or the symlink at it) points, with `mode`. */
export async function writeManaged(path: string, bytes: Uint8Array | string, mode: number): Promise<Result<void>> {
  try {
    await writeFileAtomic(existsSync(path) ? realpathSync(path) : path, bytes, mode);
    return ok(undefined);
  } catch (error) {
    return fail("write_failed", `cannot write ${path}: ${(error as Error).message}`);
  }
}

/** Deletes `path`, then each of `dirs` (innermost first) that is empty. */
export function removeManaged(path: string, dirs: readonly string[] = []): Result<void> {
  try {
    if (existsSync(path)) unlinkSync(path);
    for (const dir of [...dirs].reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        break; // not empty (the user put something there), or gone already
      }
    }
    return ok(undefined);
  } catch (error) {
    return fail("write_failed", `cannot remove ${path}: ${(error as Error).message}`);
  }
}
