/**
 * What an LLM call's end writes into its step: the response's own content (message, model,
 * reasoning, tool calls) and, in `extra`, the facts of the call (its id and origin, its real
 * span, a failure, how the session was found for it).
 */
import type { MatchedLlmHint } from "../correlation/status.ts";
import type { LlmEnded } from "../events.ts";
import { withoutUndefined, type JsonObject } from "../json.ts";
import type { PlacedEvent } from "../session/placed-event.ts";
import type { DraftStep } from "./draft.ts";
import type { PendingLlm } from "./scope-record.ts";
import { isoTime, toArguments } from "./values.ts";

/** The response's content into `step`; `declared` is told of each tool call the step newly declares. */
export function fillFromResponse(step: DraftStep, event: LlmEnded, pending: PendingLlm | undefined, declared: (toolCallId: string) => void): void {
  if (event.message) step.message = event.message;
  step.modelName = event.model ?? pending?.model ?? step.modelName;
  step.reasoningEffort = pending?.reasoningEffort ?? step.reasoningEffort;
  if (event.reasoning) step.reasoning = event.reasoning;
  if (!event.toolCalls) return;
  for (const call of event.toolCalls) {
    if (step.addToolCall({ tool_call_id: call.id, function_name: call.name, arguments: toArguments(call.arguments) })) declared(call.id);
  }
  step.toolCallsComplete = event.origin === "gateway" && event.status === "completed";
}

/** The step's `extra` with the call's facts; `twin`: the step is the same call already seen from its other origin. */
export function llmExtra(step: DraftStep, event: LlmEnded, placed: PlacedEvent, pending: PendingLlm | undefined, twin: boolean): JsonObject {
  return withoutUndefined({
    ...step.extra,
    llm_call_id: twin ? step.extra.llm_call_id : event.callId,
    llm_origin: twin ? "gateway+hook" : event.origin,
    llm_purpose: pending?.purpose ?? step.extra.llm_purpose,
    // The call's real span (the first origin to see it wins), for the viewer's waterfall.
    llm_started_at: step.extra.llm_started_at ?? (pending && isoTime(pending.at)),
    llm_ended_at: step.extra.llm_ended_at ?? isoTime(event.at),
    llm_status: event.status === "completed" ? undefined : "failed",
    llm_error: event.error,
    llm_correlation_status: placed.correlation?.status,
    llm_correlation_source: placed.correlation?.source,
    llm_correlation_matched: matchedKeys(placed.correlation?.matched),
    synthesized: placed.synthesized,
  });
}

function matchedKeys(matched: MatchedLlmHint | undefined): MatchedLlmHint | undefined {
  if (!matched) return undefined;
  const keys = withoutUndefined({ ...matched });
  return Object.keys(keys).length > 0 ? keys : undefined;
}
