import type { Result } from "../../domain/errors.ts";
import type { Recorder } from "../../domain/recorder.ts";
import type { BuildOptions } from "../../domain/trajectory/builder.ts";
import { continuedRest } from "../../domain/trajectory/continuation.ts";
import type { Trajectory } from "../../domain/trajectory/schema.ts";
import { DEFAULT_SEAL_POLICY, type SealPolicy } from "../../domain/trajectory/sealed-steps.ts";
import { isoTime } from "../../domain/trajectory/values.ts";
import type { TrajectorySink, TrajectoryTarget } from "../../ports/trajectory-sink.ts";
import type { GatewaySession, GatewaySessions } from "./gateway-session.ts";
import { ResumedSessions } from "./resumed-sessions.ts";

/** Steps sealed at a time between writes (see sealEarly). */
const SEAL_BATCH = 32;

/** How a session is built and where it goes, as the gateway knows it now. */
export type DescribeSession = (sessionId: string) => { readonly options: BuildOptions; readonly target: TrajectoryTarget } | undefined;

/**
 * Brings a session's file up to date. With a sink that appends (the ATIF directory), each write
 * costs what changed since the last one: steps the recorder seals are serialised once, appended,
 * and dropped from memory, and only the open steps and the small rest of the document are
 * written again, so neither the event loop nor memory grows with the session's length. A sink
 * that only replaces whole files gets the whole trajectory, as before.
 */
export class SessionFiles {
  private readonly resumed: ResumedSessions;

  constructor(
    private readonly sink: TrajectorySink,
    private readonly recorder: Recorder,
    private readonly sessions: GatewaySessions,
    private readonly describe: DescribeSession,
    private readonly policy: SealPolicy = DEFAULT_SEAL_POLICY,
  ) {
    this.resumed = new ResumedSessions(sink, sessions);
  }

  /**
   * Between writes: once a session holds a batch more top-level steps than the policy keeps open,
   * seals the oldest (each serialised once, a batch at a time) into the session's unwritten
   * steps, so a burst of calls or a turn that never ends holds only the open ones and what the
   * next write takes. True when a write should start now.
   */
  sealEarly(sessionId: string): boolean {
    if (!this.sink.append || this.recorder.openSteps(sessionId) <= this.policy.maxOpen + SEAL_BATCH) return false;
    const session = this.sessions.of(sessionId);
    // A resumed session's step ids follow its earlier part's: the first write looks that up.
    if (session.earlier === undefined && this.recorder.resumedAt(sessionId) !== undefined) return true;
    const described = this.describe(sessionId);
    if (!described) return false;
    const sealed = this.recorder.seal(sessionId, described.options, this.policy, (session.earlierSteps ?? 0) + 1);
    if (sealed.length === 0) return false;
    (session.writes.unwritten ??= []).push(...sealed);
    return true;
  }

  /**
   * Between writes, renders the session's subagents' steps as they settle. A subagent's steps
   * are not sealed: every write carries them whole (each encoded once, see json-pieces.ts), so
   * the write after a burst of a subagent's events would otherwise render them all at once, on
   * the event loop.
   */
  renderSubagents(sessionId: string): void {
    if (this.sink.append) this.recorder.renderSubagents(sessionId, () => this.describe(sessionId)?.options);
  }

  /** True when the sink appends: a write then costs what changed, so writes need no pacing by their cost. */
  get appends(): boolean {
    return this.sink.append !== undefined;
  }

  async save(sessionId: string): Promise<Result<unknown> | undefined> {
    const described = this.describe(sessionId);
    if (!described) return undefined;
    const { options, target } = described;
    if (!this.sink.append) {
      const trajectory = this.recorder.trajectory(sessionId, options);
      if (!trajectory) return undefined;
      const snapshot = await this.resumed.complete({ trajectory, target });
      return this.sink.write(snapshot.trajectory, snapshot.target);
    }
    const session = this.sessions.of(sessionId);
    await this.takeEarlierPart(session, target);
    const earlier = session.earlier;
    const earlierSteps = session.earlierSteps ?? 0;
    const update = this.recorder.increment(sessionId, options, this.policy, earlierSteps + 1);
    if (!update) return undefined;
    const { writes } = session;
    // Sealed steps live only here until they are on disk: a failed write keeps them for the next.
    const sealed: readonly string[] = [...(writes.unwritten ?? []), ...update.sealed];
    writes.unwritten = [...sealed];
    const later = update.rest as Omit<Trajectory, "steps">;
    const rest = earlier ? continuedRest(earlier, earlierSteps, later, later.final_metrics?.total_steps ?? 0) : later;
    const result = await this.sink.append({ sealed, open: update.open, rest }, target, writes.file);
    if (!result.ok) return result;
    writes.file = result.value;
    // Steps sealed while the write ran (sealEarly) came after the ones it took: they wait for the next.
    const left = writes.unwritten.slice(sealed.length);
    writes.unwritten = left.length > 0 ? left : undefined;
    return result;
  }

  /**
   * The whole session for a reader that wants every step while it runs (the live viewer): the
   * steps sealed and written, read back from its file; those sealed but not yet written; the open
   * ones from memory. A write that lands while the file is read is caught by reading again.
   */
  async whole(sessionId: string): Promise<Trajectory | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const described = this.describe(sessionId);
      const first = described && this.recorder.window(sessionId, described.options);
      if (!described || !first) return undefined;
      if (first.before === 0) return first.trajectory;
      const fileSteps = (await this.sink.readSteps?.(described.target)) ?? [];
      const now = this.recorder.window(sessionId, described.options);
      if (!now) return undefined;
      const unwritten = this.sessions.peek(sessionId)?.writes.unwritten ?? [];
      const written = now.before - unwritten.length;
      if (fileSteps.length < written) continue;
      return { ...now.trajectory, steps: [...fileSteps.slice(0, written), ...unwritten.map((text) => JSON.parse(text) as Trajectory["steps"][number]), ...now.trajectory.steps] };
    }
    return undefined;
  }

  /**
   * A session whose recording began by resuming it continues its file's earlier part: looked up
   * once, before the first write; its steps become the first to append, and only the rest of it
   * (agent, totals, subagents) stays in memory.
   */
  private async takeEarlierPart(session: GatewaySession, target: TrajectoryTarget): Promise<void> {
    if (session.earlier === undefined) {
      const resumedAt = this.recorder.resumedAt(target.sessionId);
      session.earlier = await this.resumed.earlierOf(target, resumedAt === undefined ? undefined : isoTime(resumedAt));
    }
    const earlier = session.earlier;
    if (!earlier || session.earlierSteps !== undefined) return;
    session.writes.unwritten = [...earlier.steps.map((step) => JSON.stringify(step)), ...(session.writes.unwritten ?? [])];
    session.earlierSteps = earlier.steps.length;
    session.earlier = { ...earlier, steps: [] };
  }
}
