import type { Result } from "../domain/errors.ts";
import type { Trajectory } from "../domain/trajectory/schema.ts";
import type { TrajectoryIncrement } from "../domain/trajectory/sealed-steps.ts";

/** Where a session's trajectory is written; `cwd` is the session's own working directory. */
export interface TrajectoryTarget {
  readonly sessionId: string;
  readonly cwd?: string;
}

/** Where an appended file stands: what its next append continues from. */
export interface AppendedFile {
  readonly path: string;
  /** Byte offset just after the last sealed step: the next append starts here. */
  readonly sealedEnd: number;
  /** The file's length in bytes. */
  readonly length: number;
  /** How many steps it holds before `sealedEnd`. */
  readonly sealedSteps: number;
  /** When it was last flushed to the disk (epoch ms). */
  readonly syncedAt: number;
}

/**
 * Persists trajectory snapshots. A write replaces the previous snapshot of the same session
 * atomically: a reader sees the old file or the new one, never half of one.
 */
export interface TrajectorySink {
  write(trajectory: Trajectory, target: TrajectoryTarget): Promise<Result<{ path: string }>>;
  /**
   * Brings the target's file up to date with an increment: the sealed steps are appended after
   * those of earlier appends (`file`, as the last append returned it), the rest replaces what
   * followed them. Without `file`, the file is written anew. The file is valid after every call.
   */
  append?(update: TrajectoryIncrement, target: TrajectoryTarget, file: AppendedFile | undefined): Promise<Result<AppendedFile>>;
  /** What the target's file holds now, parsed; undefined when there is none or it is not JSON. */
  read?(target: TrajectoryTarget): Promise<unknown>;
  /**
   * The steps the target's file holds now, in order, read without holding the event loop for
   * long; undefined when there is none. A sink that appends needs it: a long session's sealed
   * steps are only in its file, and the live viewer reads them back from there.
   */
  readSteps?(target: TrajectoryTarget): Promise<Trajectory["steps"] | undefined>;
}
