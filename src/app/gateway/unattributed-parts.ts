/** Traffic that names no session and cannot be pinned to the only one in memory. */
export const UNATTRIBUTED_SESSION = "gateway-unattributed";

/** A part of the unattributed calls ends at whichever bound it reaches first. */
export interface PartLimits {
  readonly calls: number;
  /** Its file's size. */
  readonly bytes: number;
  /** Since its first call. */
  readonly ms: number;
}

/**
 * Unattributed calls (an SDK script through a persistent gateway) never end a session of their
 * own: once a part has this many calls, a file this big, or is this old, it is ended, written,
 * and the calls go on in the next part, so no one file grows without bound.
 */
const DEFAULT_LIMITS: PartLimits = { calls: 5_000, bytes: 32 * 1024 * 1024, ms: 60 * 60 * 1000 };

/**
 * The id (and file name) of a part of the unattributed calls: named by when the gateway started
 * (UTC, to the second), so a restarted gateway never replaces an earlier one's file, then
 * numbered: `gateway-unattributed-20261207T081500Z`, `…-2`, `…-3`.
 */
export function unattributedPart(gatewayStartedAt: number, part: number): string {
  const stamp = new Date(gatewayStartedAt).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${UNATTRIBUTED_SESSION}-${stamp}${part === 1 ? "" : `-${part}`}`;
}

/** The parts one gateway splits its unattributed calls into: which is open, and when it is full. */
export class UnattributedParts {
  /** The open part (1, 2, …), its id (made once: asked on every call that names no session), its calls, and its first call's time. */
  private open: { part: number; id: string; calls: number; since: number };
  private readonly limits: PartLimits;

  constructor(
    /** When the gateway started: its parts are named after it. */
    private readonly startedAt: number,
    limits: Partial<PartLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.open = { part: 1, id: unattributedPart(startedAt, 1), calls: 0, since: Number.NaN };
  }

  /** The open part's session id. */
  get id(): string {
    return this.open.id;
  }

  /** Counts a call at `at` into the open part, whose file has `fileBytes`; true when the part is already full and the call opens the next. */
  isFull(at: number, fileBytes: number): boolean {
    const open = this.open;
    if (Number.isNaN(open.since)) open.since = at;
    return ++open.calls > this.limits.calls || fileBytes >= this.limits.bytes || at - open.since >= this.limits.ms;
  }

  /** Opens the next part with its first call, at `at`; its id. */
  next(at: number): string {
    const part = this.open.part + 1;
    this.open = { part, id: unattributedPart(this.startedAt, part), calls: 1, since: at };
    return this.open.id;
  }
}
