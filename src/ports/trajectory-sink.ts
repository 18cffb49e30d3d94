import type { Result } from "../domain/errors.ts";
import type { Trajectory } from "../domain/trajectory/schema.ts";

/** Where a session's trajectory is written; `cwd` is the session's own working directory. */
export interface TrajectoryTarget {
  readonly sessionId: string;
  readonly cwd?: string;
}

/**
 * Persists trajectory snapshots. A write replaces the previous snapshot of the same session
 * atomically: a reader sees the old file or the new one, never half of one.
 */
export interface TrajectorySink {
  write(trajectory: Trajectory, target: TrajectoryTarget): Promise<Result<{ path: string }>>;
  /** What the target's file holds now, parsed; undefined when there is none or it is not JSON. */
  read?(target: TrajectoryTarget): Promise<unknown>;
}
