import { continueTrajectory, earlierPart, resumes } from "../../domain/trajectory/continuation.ts";
import type { Trajectory } from "../../domain/trajectory/schema.ts";
import type { TrajectorySink } from "../../ports/trajectory-sink.ts";
import type { Snapshot } from "./snapshot-writer.ts";

/**
 * Keeps a resumed session's earlier part in its file. The first time this gateway writes a
 * session whose recording begins with a resume, it reads the session's file; if that holds an
 * earlier part of the same session, every snapshot from then on is written as its continuation.
 * A session that did not say it resumed (a new one, or another gateway's copy) is written as
 * recorded, as before.
 */
export class ResumedSessions {
  /** Per session: its earlier part, or null once it is known there is none to keep. */
  private readonly earlier = new Map<string, Trajectory | null>();

  constructor(private readonly sink: TrajectorySink) {}

  async complete(snapshot: Snapshot): Promise<Snapshot> {
    const { sessionId } = snapshot.target;
    let earlier = this.earlier.get(sessionId);
    if (earlier === undefined) {
      const found = resumes(snapshot.trajectory) && this.sink.read ? await this.sink.read(snapshot.target) : undefined;
      earlier = earlierPart(found, sessionId, snapshot.trajectory.steps[0]!.timestamp) ?? null;
      this.earlier.set(sessionId, earlier);
    }
    return earlier ? { ...snapshot, trajectory: continueTrajectory(earlier, snapshot.trajectory) } : snapshot;
  }

  forget(sessionId: string): void {
    this.earlier.delete(sessionId);
  }
}
