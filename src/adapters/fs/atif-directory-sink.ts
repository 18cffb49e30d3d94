import { dirname, isAbsolute, join, resolve } from "node:path";
import { fail, ok, type Result } from "../../domain/errors.ts";
import type { Trajectory } from "../../domain/trajectory/schema.ts";
import type { TrajectorySink, TrajectoryTarget } from "../../ports/trajectory-sink.ts";
import { writeFileAtomic } from "./atomic-write.ts";

/**
 * `<output_directory>/<agent-session-id>.atif.json`. A relative directory is resolved against
 * the session's own cwd, so one gateway serving several projects writes into each project.
 */
export class AtifDirectorySink implements TrajectorySink {
  constructor(
    private readonly outputDirectory: string,
    private readonly fallbackCwd: string = process.cwd(),
  ) {}

  pathFor(target: TrajectoryTarget): string {
    const dir = isAbsolute(this.outputDirectory) ? this.outputDirectory : resolve(target.cwd ?? this.fallbackCwd, this.outputDirectory);
    return join(dir, `${safeFileName(target.sessionId)}.atif.json`);
  }

  async read(target: TrajectoryTarget): Promise<unknown> {
    try {
      return JSON.parse(await Bun.file(this.pathFor(target)).text());
    } catch {
      return undefined;
    }
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
