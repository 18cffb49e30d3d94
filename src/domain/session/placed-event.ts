import type { LlmCorrelationStatus, MatchedLlmHint, ToolCorrelationStatus } from "../correlation/status.ts";
import type { DomainEvent } from "../events.ts";

/** A correlation decision as recorded on an LLM or tool record (SPEC §3). */
export interface CorrelationNote {
  readonly status: LlmCorrelationStatus | ToolCorrelationStatus;
  readonly source?: string;
  readonly matched?: MatchedLlmHint;
}

/**
 * An event after the session model has decided where it belongs: which turn and which scope
 * owns it. This is the only thing the trajectory builder consumes.
 */
export interface PlacedEvent {
  readonly event: DomainEvent;
  /** The owning subagent's id; undefined means the top-level agent. */
  readonly owner?: string;
  /** 1-based index of the session's turn the event falls in; 0 before the first turn. */
  readonly turn: number;
  readonly correlation?: CorrelationNote;
  /** True when the session model made this event up (e.g. a tool interrupted by a turn close). */
  readonly synthesized?: boolean;
}
