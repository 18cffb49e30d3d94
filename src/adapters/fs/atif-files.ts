/**
 * Recorded ATIF files for the viewer: every `*.atif.json` in the directories given (newest
 * first) and every file named outright, each read, parsed and validated. A file that is not a
 * valid ATIF trajectory becomes a problem line, never an error for the rest. Parsed files are
 * kept while their size and modification time stay the same, so a list refresh re-reads only
 * what changed.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fail, ok, type Result } from "../../domain/errors.ts";
import type { Trajectory } from "../../domain/trajectory/schema.ts";
import { validateTrajectory } from "../../domain/trajectory/validate.ts";
import type { RecordedSessions, ViewedSession } from "../../ports/viewed-sessions.ts";

/**
 * One ATIF file read and checked: the trajectory, or why it is not one.
 *
 * @example
 * const read = await readAtifFile("run.atif.json");
 * if (!read.ok) console.error(read.error.message);
 */
export async function readAtifFile(path: string): Promise<Result<Trajectory>> {
  const read = await readAtifText(path);
  return read.ok ? ok(read.value.trajectory) : read;
}

/** The same, keeping the file's text too (the viewer sends it on unchanged). */
async function readAtifText(path: string): Promise<Result<{ trajectory: Trajectory; text: string }>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file_not_found" : "file_unreadable";
    return fail(code, `cannot read ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail("invalid_json", `${path} is not JSON: ${(error as Error).message}`);
  }
  const errors = validateTrajectory(value).filter((v) => v.severity === "error");
  if (errors.length > 0) return fail("invalid_trajectory", `${path} is not a valid ATIF trajectory: ${errors[0]!.rule} at ${errors[0]!.path || "/"}: ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`);
  return ok({ trajectory: value as Trajectory, text });
}

interface Cached {
  readonly size: number;
  readonly mtimeMs: number;
  readonly read: Result<{ trajectory: Trajectory; text: string }>;
}

const keyOf = (path: string) => `file:${Buffer.from(path).toString("base64url")}`;

export class AtifFiles implements RecordedSessions {
  private readonly cache = new Map<string, Cached>();
  /** Keys handed out by the last listing: the only ones `get` resolves. */
  private readonly listed = new Map<string, string>();

  /** `directories` are scanned for `*.atif.json`; `files` are shown whatever their name. */
  constructor(
    private readonly directories: readonly string[],
    private readonly files: readonly string[],
  ) {}

  async list(): Promise<{ sessions: ViewedSession[]; problems: string[] }> {
    const found: Array<{ path: string; mtimeMs: number }> = [];
    const problems: string[] = [];
    for (const dir of this.directories) {
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.endsWith(".atif.json"))) {
        const info = await stat(join(dir, name)).catch(() => undefined);
        if (info?.isFile()) found.push({ path: resolve(dir, name), mtimeMs: info.mtimeMs });
      }
    }
    found.sort((a, b) => b.mtimeMs - a.mtimeMs);
    const paths = [...new Set([...this.files.map((f) => resolve(f)), ...found.map((f) => f.path)])];
    const sessions: ViewedSession[] = [];
    for (const path of paths) {
      const read = await this.read(path);
      if (!read.ok) {
        problems.push(read.error.message);
        continue;
      }
      this.listed.set(keyOf(path), path);
      sessions.push({ key: keyOf(path), title: path, status: "file", ...read.value });
    }
    return { sessions, problems };
  }

  async get(key: string): Promise<ViewedSession | undefined> {
    if (this.listed.size === 0) await this.list();
    const path = this.listed.get(key);
    if (path === undefined) return undefined;
    const read = await this.read(path);
    return read.ok ? { key, title: path, status: "file", ...read.value } : undefined;
  }

  private async read(path: string): Promise<Result<{ trajectory: Trajectory; text: string }>> {
    const info = await stat(path).catch(() => undefined);
    if (!info) return fail("file_not_found", `cannot read ${path}: no such file`);
    const cached = this.cache.get(path);
    if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.read;
    const read = await readAtifText(path);
    this.cache.set(path, { size: info.size, mtimeMs: info.mtimeMs, read });
    return read;
  }
}
