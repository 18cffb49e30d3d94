/**
 * Steps the hooks' own reports make or fill in, beside the calls they observe: the final answer
 * a Stop hook carries, reasoning a hook shows, and marks (compaction, notifications, lifecycle).
 */
import type { Mark } from "../events.ts";
import { withoutUndefined } from "../json.ts";
import type { PlacedEvent } from "../session/placed-event.ts";
import { newStep } from "./draft.ts";
import type { ScopeRecord } from "./scope-record.ts";
import { isoTime } from "./values.ts";

/** A mark as a system step, or, when quiet, only in the trajectory's extra. */
export function addMark(scope: ScopeRecord, event: Mark, placed: PlacedEvent): void {
  if (event.quiet) {
    scope.quietEvents.push(withoutUndefined({ name: event.name, category: event.category, timestamp: isoTime(event.at), data: event.data }));
    return;
  }
  const extra = withoutUndefined({
    mark: event.category,
    context_management: event.contextManagement,
    event_payload: event.data,
    synthesized: placed.synthesized,
  });
  scope.push(newStep("system", event.at, placed.turn, event.name, extra));
}

/** A hook's report of the final answer: fills a hook-made step or adds one if nothing said it. */
export function addFinalMessage(scope: ScopeRecord, text: string | undefined, placed: PlacedEvent, hookEvent?: string): void {
  if (!text?.trim()) return;
  const last = scope.lastAgentStepOfTurn(placed.turn);
  if (last && last.message.trim() === text.trim()) return;
  if (last && last.message === "" && last.toolCalls.length === 0 && last.llm) {
    last.message = text;
    return;
  }
  const step = scope.push(newStep("agent", placed.event.at, placed.turn, text, { synthesized_from: hookEvent ?? placed.event.kind }));
  step.hookText = true;
  scope.trackHookText(step);
}

/**
 * Reasoning a hook reported: onto the turn's latest agent step if it has none, else a step of
 * its own. Never onto a subagent dispatch step: no model reasoned there (llm_call_count 0).
 */
export function addHookReasoning(scope: ScopeRecord, text: string, placed: PlacedEvent, hookEvent?: string): void {
  if (!text.trim()) return;
  const last = scope.lastAgentStepOfTurn(placed.turn);
  if (last && !last.reasoning && last.llmCallCount !== 0) {
    last.reasoning = text;
    return;
  }
  scope.push(newStep("agent", placed.event.at, placed.turn, "", { synthesized_from: hookEvent ?? placed.event.kind })).reasoning = text;
}
