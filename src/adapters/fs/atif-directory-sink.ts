import { dirname, isAbsolute, join, resolve } from "node:path";
import { fail, ok, type Result } from "../../domain/errors.ts";
import type { Trajectory } from "../../domain/trajectory/schema.ts";
import type { TrajectoryIncrement } from "../../domain/trajectory/sealed-steps.ts";
import type { AppendedFile, TrajectorySink, TrajectoryTarget } from "../../ports/trajectory-sink.ts";
import { writeAppended } from "./appended-atif-file.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { appendedSteps, recoverAppended } from "./torn-atif-file.ts";
import { isObject } from "../../domain/json.ts";
import { projectDirectory } from "./project-directory.ts";

/** Sessions already warned about their cwd (bounded: a flood of made-up sessions cannot grow it). */
const MAX_WARNED = 10_000;

/**
 * `<output_directory>/<agent-session-id>.atif.json`. A relative directory is resolved against
 * the session's own cwd, so one gateway serving several projects writes into each project; a
 * cwd that is not an existing directory of the user's (see project-directory.ts) is not used:
 * that session's record goes under the gateway's own directory, with one warning.
 */
export class AtifDirectorySink implements TrajectorySink {
  readonly #warned = new Set<string>();

  constructor(
    private readonly outputDirectory: string,
    private readonly fallbackCwd: string = process.cwd(),
    private readonly warn: (message: string) => void = () => {},
  ) {}

  pathFor(target: TrajectoryTarget): string {
    const dir = isAbsolute(this.outputDirectory) ? this.outputDirectory : resolve(this.baseOf(target), this.outputDirectory);
    return join(dir, `${safeFileName(target.sessionId)}.atif.json`);
  }

  private baseOf(target: TrajectoryTarget): string {
    if (target.cwd === undefined) return this.fallbackCwd;
    const project = projectDirectory(target.cwd);
    if (project.ok) return project.dir;
    if (!this.#warned.has(target.sessionId)) {
      if (this.#warned.size >= MAX_WARNED) this.#warned.clear();
      this.#warned.add(target.sessionId);
      const cwd = JSON.stringify(target.cwd.length > 200 ? `${target.cwd.slice(0, 200)}…` : target.cwd);
      this.warn(`session ${JSON.stringify(target.sessionId)}: its cwd ${cwd} ${project.reason}, so its record goes to ${resolve(this.fallbackCwd, this.outputDirectory)} instead`);
    }
    return this.fallbackCwd;
  }

  /** The file's steps, an appended file's a line at a time (see appendedSteps); undefined when there is no file. */
  async readSteps(target: TrajectoryTarget): Promise<Trajectory["steps"] | undefined> {
    const text = await this.textOf(target);
    if (text === undefined) return undefined;
    const steps = await appendedSteps(text);
    if (steps) return steps;
    const whole = parsed(text);
    return isObject(whole) && Array.isArray(whole.steps) ? (whole.steps as Trajectory["steps"]) : undefined;
  }

  /** The file parsed; a torn appended file (a kill mid-write) as far as its whole steps go. */
  async read(target: TrajectoryTarget): Promise<unknown> {
    const text = await this.textOf(target);
    return text === undefined ? undefined : parsed(text);
  }

  /** The session's file as text; undefined when there is none (or it cannot be read). */
  private textOf(target: TrajectoryTarget): Promise<string | undefined> {
    return Bun.file(this.pathFor(target)).text().catch(() => undefined);
  }

  /**
   * The error names the directory and the system's reason, not the file: a full disk or a
   * read-only directory is one problem however many sessions (and temp files) run into it.
   */
  async write(trajectory: Trajectory, target: TrajectoryTarget): Promise<Result<{ path: string }>> {
    const path = this.pathFor(target);
    try {
      await writeFileAtomic(path, `${JSON.stringify(trajectory, null, 2)}\n`);
      return ok({ path });
    } catch (error) {
      return fail("write_failed", `cannot write ATIF files into ${dirname(path)}: ${reasonOf(error)}`);
    }
  }

  /** See appended-atif-file.ts; the path is the one the file was first written at. */
  async append(update: TrajectoryIncrement, target: TrajectoryTarget, file: AppendedFile | undefined): Promise<Result<AppendedFile>> {
    const path = file?.path ?? this.pathFor(target);
    try {
      return ok(await writeAppended(path, update, file));
    } catch (error) {
      return fail("write_failed", `cannot write ATIF files into ${dirname(path)}: ${reasonOf(error)}`);
    }
  }
}

/** A file's text parsed; a torn appended file (a kill mid-write) as far as its whole steps go. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return recoverAppended(text);
  }
}

/** Session ids come from agents: never let one escape the directory or hide as a dotfile. */
export function safeFileName(sessionId: string): string {
  const cleaned = sessionId.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
  return cleaned.length > 0 ? cleaned.slice(0, 200) : "_";
}

/** `ENOSPC: no space left on device` without the syscall and temp path Node appends. */
function reasonOf(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  return (error as { code?: unknown })?.code ? message.replace(/,\s*\w+(?:\s+'.*)?$/s, "") : message;
}
