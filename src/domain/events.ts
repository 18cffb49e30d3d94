/**
 * The internal event vocabulary. Every hook call and every proxied LLM call is turned, by an
 * adapter, into one or more of these; the session model and the trajectory builder only ever
 * see this vocabulary, never an agent's native payload.
 *
 * Times are epoch milliseconds, supplied by the adapter (the domain never reads a clock).
 */
import type { Usage } from "./usage.ts";

/** Free-form, JSON-serialisable vendor data kept alongside an event (cwd, transcript path…). */
export type Metadata = Record<string, unknown>;

interface EventBase {
  /** The agent's own session id (Codex/Claude `session_id`, …). */
  readonly sessionId: string;
  /** Epoch milliseconds at which the adapter observed the event. */
  readonly at: number;
  /** The native hook event name, when the event came from a hook. */
  readonly hookEvent?: string;
  /** Vendor fields worth keeping (cwd, transcript_path, model, agent_type…). */
  readonly metadata?: Metadata;
}

/** Who emitted an event on behalf of a subagent; absent means the top-level agent. */
interface Attributable {
  readonly subagentId?: string;
}

export interface SessionStarted extends EventBase {
  readonly kind: "session_start";
  /** Why the session (re)started: `startup`, `resume`, `compact`, … when the agent says. */
  readonly source?: string;
}

export interface SessionEnded extends EventBase {
  readonly kind: "session_end";
  readonly reason?: string;
}

/** A user prompt: opens a turn (or, from a subagent, gives that subagent its task). */
export interface TurnStarted extends EventBase, Attributable {
  readonly kind: "turn_start";
  readonly prompt: string;
  readonly turnId?: string;
}

/** The agent finished answering (Codex/Claude `Stop`). */
export interface TurnEnded extends EventBase, Attributable {
  readonly kind: "turn_end";
  readonly reason?: string;
  /** The final assistant text, when the hook reports it. */
  readonly lastMessage?: string;
}

export interface SubagentStarted extends EventBase {
  readonly kind: "subagent_start";
  readonly subagentId: string;
  readonly agentType?: string;
  /** The tool call that spawned it, when the adapter can tell. */
  readonly toolCallId?: string;
  /** The spawning subagent, for nested subagents; absent means the top-level agent. */
  readonly parentSubagentId?: string;
}

export interface SubagentStopped extends EventBase {
  readonly kind: "subagent_stop";
  readonly subagentId: string;
  readonly lastMessage?: string;
}

export interface ToolStarted extends EventBase, Attributable {
  readonly kind: "tool_start";
  readonly toolCallId: string;
  readonly name: string;
  readonly arguments: unknown;
}

/** How a tool call ended. `failed` is the tool-failure event of the vocabulary. */
export type ToolStatus = "completed" | "failed" | "denied" | "interrupted";

export interface ToolEnded extends EventBase, Attributable {
  readonly kind: "tool_end";
  readonly toolCallId: string;
  readonly name?: string;
  /** Arguments as seen at the end, used when the start was never observed. */
  readonly arguments?: unknown;
  readonly status: ToolStatus;
  readonly output?: unknown;
  readonly error?: string;
}

/** Where an LLM call was seen: on the wire through the gateway, or reported by a hook. */
export type LlmOrigin = "gateway" | "hook";

/** Keys an LLM request carries that correlation can match against hints. */
export interface LlmRequestKeys {
  /** Explicit owner (`x-nemo-relay-subagent-id`, Codex `thread-id` of a subagent…). */
  readonly subagentId?: string;
  /** Explicitly the top-level agent's call (Codex's `thread-id` equal to the session id). */
  readonly topLevel?: boolean;
  readonly conversationId?: string;
  readonly generationId?: string;
  readonly requestId?: string;
  readonly model?: string;
  /** Normalised last user task text of the request (see `affinityKey`). */
  readonly affinityKey?: string;
}

export interface LlmStarted extends EventBase {
  readonly kind: "llm_start";
  /** Unique per physical call within a session (gateway request id, Codex turn+count…). */
  readonly callId: string;
  readonly origin: LlmOrigin;
  readonly keys: LlmRequestKeys;
  readonly model?: string;
  /** The latest user-role text of the request, when the request carries one. */
  readonly userMessage?: string;
  readonly reasoningEffort?: string | number;
  /** What the call is for when it is not a turn of the conversation (`compaction`: the history summarised). */
  readonly purpose?: string;
}

/** A tool call the model asked for, as read from its response. */
export interface RequestedToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: unknown;
}

export interface LlmEnded extends EventBase {
  readonly kind: "llm_end";
  readonly callId: string;
  readonly origin: LlmOrigin;
  readonly status: "completed" | "failed";
  readonly model?: string;
  readonly message?: string;
  readonly reasoning?: string;
  /** Undefined means "not known" (a hook that does not see the response); [] means none. */
  readonly toolCalls?: readonly RequestedToolCall[];
  readonly usage?: Usage;
  readonly error?: string;
  /** Keys for resolving the owner when no start was observed. */
  readonly keys?: LlmRequestKeys;
}

/**
 * What the wire said about how a tool call ended, when hooks could not tell (Codex reports a
 * command's exit status only to the model). It refines the call's recorded result.
 */
export interface ToolOutcomeObserved extends EventBase {
  readonly kind: "tool_outcome";
  readonly toolCallId: string;
  readonly status: Exclude<ToolStatus, "completed">;
  readonly reason: string;
}

export type MarkCategory = "compaction" | "notification" | "permission" | "lifecycle" | "unknown";

/** Anything the agent told us that is not one of the above: recorded, never dropped. */
export interface Mark extends EventBase, Attributable {
  readonly kind: "mark";
  readonly category: MarkCategory;
  /** Human-readable name, normally the native hook event name. */
  readonly name: string;
  readonly data?: unknown;
  /** For marks that rewrite the agent's context (ATIF v1.7 context-management convention). */
  readonly contextManagement?: { readonly type: string; readonly boundary: string };
  /** Bookkeeping worth keeping but not worth a step (e.g. a tool-batch boundary): kept in `extra`. */
  readonly quiet?: boolean;
}

/**
 * Assistant text a hook showed us (Claude `MessageDisplay`, Cursor `afterAgentResponse`). With
 * the LLM traffic in view it repeats a response and merges into its step; hook-only, it is the
 * only record of what the agent said.
 */
export interface AssistantMessage extends EventBase, Attributable {
  readonly kind: "assistant_message";
  readonly text: string;
  /** Reasoning text rather than the reply (Cursor `afterAgentThought`). */
  readonly reasoning?: boolean;
}

/** A hint that the next LLM call belongs to some scope (prompt, response, thought hooks). */
export interface LlmHint {
  readonly subagentId?: string;
  readonly agentType?: string;
  readonly conversationId?: string;
  readonly generationId?: string;
  readonly requestId?: string;
  readonly model?: string;
  /** The hook event that produced the hint, e.g. `UserPromptSubmit`. */
  readonly source: string;
}

export interface HintObserved extends EventBase {
  readonly kind: "hint";
  readonly hint: LlmHint;
}

export type DomainEvent =
  | SessionStarted
  | SessionEnded
  | TurnStarted
  | TurnEnded
  | SubagentStarted
  | SubagentStopped
  | ToolStarted
  | ToolEnded
  | LlmStarted
  | LlmEnded
  | Mark
  | AssistantMessage
  | ToolOutcomeObserved
  | HintObserved;

export type EventKind = DomainEvent["kind"];
