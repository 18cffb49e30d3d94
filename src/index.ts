/**
 * nemo-relay's programmatic API: the domain, usable without starting a server. Turn an agent's
 * native hook payloads into domain events (`translateHook`), let the session model place them
 * (turns, subagents, correlation), and build or validate ATIF trajectories.
 *
 * @example
 * import { Recorder, translateHook, validateTrajectory } from "nemo-relay";
 * const recorder = new Recorder();
 * const hook = translateHook("codex", { hook_event_name: "UserPromptSubmit", session_id: "s1", prompt: "hello" });
 * if (hook.ok) for (const event of hook.value.events) recorder.record(event);
 * const atif = recorder.trajectory("s1", { agentName: "codex" })!;
 * validateTrajectory(atif); // []
 */

// Hook payloads in, domain events out.
export { createHookTranslator, translateHook, type HookTranslator } from "./app/translate-hook.ts";
export type { HookContext, HookTranslation } from "./ports/agent-hooks.ts";
export type * from "./domain/events.ts";

// The session model and correlation.
export { Recorder, type RecordOutcome } from "./domain/recorder.ts";
export { Session, type ApplyResult, type CloseReason, type SessionOptions } from "./domain/session/session.ts";
export { SessionRegistry, type RegistryResult } from "./domain/session/registry.ts";
export type { CorrelationNote, PlacedEvent } from "./domain/session/placed-event.ts";
export { Correlator, type CorrelatorOptions } from "./domain/correlation/correlator.ts";
export { affinityKey } from "./domain/correlation/affinity-key.ts";
export { CORRELATION_SOURCES, LLM_CORRELATION_STATUSES, TOOL_CORRELATION_STATUSES } from "./domain/correlation/status.ts";
export type { LlmCorrelationStatus, LlmOwnerResolution, MatchedLlmHint, MatchedToolHint, ToolCorrelationStatus, ToolOwnerResolution } from "./domain/correlation/status.ts";

// Usage and cost.
export { normalizeUsage, sameUsage, type Usage } from "./domain/usage.ts";
export { costOf, costOfUsage } from "./domain/pricing/cost.ts";
export { priceLookup, type ModelPrice, type PriceLookup, type PriceTable } from "./domain/pricing/model-price.ts";
export { DEFAULT_PRICES, PRICES_SOURCE } from "./domain/pricing/default-prices.ts";

// ATIF: the builder, the schema and types, the validator.
export { TrajectoryBuilder, type BuildOptions } from "./domain/trajectory/builder.ts";
export { ATIF_SCHEMA_VERSION, StepSchema, TrajectorySchema } from "./domain/trajectory/schema.ts";
export type { Agent, ContentPart, FinalMetrics, Metrics, Observation, ObservationResult, Step, StepSource, SubagentTrajectoryRef, ToolCall, Trajectory } from "./domain/trajectory/schema.ts";
export { isValidTrajectory, RULE_IDS, validateTrajectory, type RuleId, type ValidateOptions, type Violation } from "./domain/trajectory/validate.ts";
export type { ErrorCode, RelayError, Result } from "./domain/errors.ts";
