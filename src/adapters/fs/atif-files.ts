/**
 * Recorded ATIF files for the viewer: every `*.atif.json` in the directories given (newest
 * first) and every file named outright, each read, parsed and validated. A file that is not a
 * valid ATIF trajectory becomes a problem line, never an error for the rest. What the list shows
 * of a file (its summary, or why it is not a session) is kept while its size and modification
 * time stay the same, so a list refresh re-reads only what changed; the sessions themselves are
 * not kept, only the one last opened.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fail, ok, type Result } from "../../domain/errors.ts";
import type { Trajectory } from "../../domain/trajectory/schema.ts";
import { validateTrajectory } from "../../domain/trajectory/validate.ts";
import { summarizeSession, type SessionSummary } from "../../domain/view/session-summary.ts";
import type { ListedSession, RecordedSessions, ViewedSession } from "../../ports/viewed-sessions.ts";

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

/** A file as it was when read: its size and modification time say whether it still is. */
interface Seen<T> {
  readonly size: number;
  readonly mtimeMs: number;
  readonly value: T;
}

const unchanged = <T>(seen: Seen<T> | undefined, info: { size: number; mtimeMs: number }): seen is Seen<T> => seen?.size === info.size && seen.mtimeMs === info.mtimeMs;

const notFound = (path: string) => fail("file_not_found", `cannot read ${path}: no such file`);

const keyOf = (path: string) => `file:${Buffer.from(path).toString("base64url")}`;

export class AtifFiles implements RecordedSessions {
  /** Each file's row (or its problem), by path. */
  private readonly summaries = new Map<string, Seen<Result<SessionSummary>>>();
  /** The session last opened: a page asks for it again on reload. */
  private opened: (Seen<Result<{ trajectory: Trajectory; text: string }>> & { readonly path: string }) | undefined;
  /** Keys handed out by the last listing: the only ones `get` resolves. */
  private readonly listed = new Map<string, string>();

  /** `directories` are scanned for `*.atif.json`; `files` are shown whatever their name. */
  constructor(
    private readonly directories: readonly string[],
    private readonly files: readonly string[],
  ) {}

  async list(): Promise<{ sessions: ListedSession[]; problems: string[] }> {
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
    const sessions: ListedSession[] = [];
    for (const path of paths) {
      const summary = await this.summary(path);
      if (!summary.ok) {
        problems.push(summary.error.message);
        continue;
      }
      this.listed.set(keyOf(path), path);
      sessions.push({ key: keyOf(path), title: path, status: "file", summary: summary.value });
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

  /** The file's row as the list shows it; read (and let go of) only when the file changed. */
  private async summary(path: string): Promise<Result<SessionSummary>> {
    const info = await stat(path).catch(() => undefined);
    if (!info) return notFound(path);
    const seen = this.summaries.get(path);
    if (unchanged(seen, info)) return seen.value;
    const read = this.openedAs(path, info) ?? (await readAtifText(path));
    const value = read.ok ? ok(summarizeSession(read.value.trajectory)) : read;
    this.summaries.set(path, { size: info.size, mtimeMs: info.mtimeMs, value });
    return value;
  }

  private async read(path: string): Promise<Result<{ trajectory: Trajectory; text: string }>> {
    const info = await stat(path).catch(() => undefined);
    if (!info) return notFound(path);
    const opened = this.openedAs(path, info);
    if (opened) return opened;
    const value = await readAtifText(path);
    this.opened = { path, size: info.size, mtimeMs: info.mtimeMs, value };
    return value;
  }

  /** The session last opened, if it is this file as it is now. */
  private openedAs(path: string, info: { size: number; mtimeMs: number }): Result<{ trajectory: Trajectory; text: string }> | undefined {
    return this.opened?.path === path && unchanged(this.opened, info) ? this.opened.value : undefined;
  }
}
