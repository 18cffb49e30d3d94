import { continueTrajectory, earlierPart, resumes } from "../../domain/trajectory/continuation.ts";
import type { Trajectory } from "../../domain/trajectory/schema.ts";
import type { TrajectorySink, TrajectoryTarget } from "../../ports/trajectory-sink.ts";
import { GatewaySessions } from "./gateway-session.ts";
import type { Snapshot } from "./snapshot-writer.ts";

/**
 * Keeps a resumed session's earlier part in its file. The first time this gateway writes a
 * session whose recording begins with a resume, it reads the session's file; if that holds an
 * earlier part of the same session, every snapshot from then on is written as its continuation.
 * A session that did not say it resumed (a new one, or another gateway's copy) is written as
 * recorded, as before.
 */
export class ResumedSessions {
  constructor(
    private readonly sink: TrajectorySink,
    /** Where each session's earlier part is kept (the gateway's session records). */
    private readonly sessions: GatewaySessions = new GatewaySessions(),
  ) {}

  async complete(snapshot: Snapshot): Promise<Snapshot> {
    const { sessionId } = snapshot.target;
    const session = this.sessions.of(sessionId);
    if (session.earlier === undefined) {
      session.earlier = await this.earlierOf(snapshot.target, resumes(snapshot.trajectory) ? (snapshot.trajectory.steps[0]!.timestamp ?? undefined) : undefined);
    }
    const earlier: Trajectory | null = session.earlier;
    return earlier ? { ...snapshot, trajectory: continueTrajectory(earlier, snapshot.trajectory) } : snapshot;
  }

  /** The earlier part the target's file holds, for a recording that began by resuming at `resumedAt` (ISO time); null without one. */
  async earlierOf(target: TrajectoryTarget, resumedAt: string | undefined): Promise<Trajectory | null> {
    const found = resumedAt !== undefined && this.sink.read ? await this.sink.read(target) : undefined;
    return earlierPart(found, target.sessionId, resumedAt) ?? null;
  }
}
