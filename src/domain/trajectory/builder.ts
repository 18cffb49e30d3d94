import type { LlmEnded, LlmStarted, SubagentStarted, ToolEnded, ToolStarted } from "../events.ts";
import type { PlacedEvent } from "../session/placed-event.ts";
import { sameUsage } from "../usage.ts";
import { assemble, type BuildOptions } from "./assemble.ts";
import { newStep, type DraftResult, type DraftStep } from "./draft.ts";
import { addFinalMessage, addHookReasoning, addMark } from "./hook-steps.ts";
import { fillFromResponse, llmExtra } from "./llm-step.ts";
import { renderedStep, renderSettled, stepRendering, stepText } from "./rendered-step.ts";
import type { Step, Trajectory } from "./schema.ts";
import { ScopeRecord } from "./scope-record.ts";
import { SealedSteps, type SealPolicy, type TrajectoryIncrement } from "./sealed-steps.ts";
import { isoTime, toArguments, toContent } from "./values.ts";
import { assertNever } from "../assert-never.ts";
import { withoutUndefined } from "../json.ts";

export type { BuildOptions } from "./assemble.ts";

/**
 * Folds a session's placed events into an ATIF trajectory, incrementally: `add` each event as
 * the session model places it, `build` whenever a snapshot is due (after every turn). Steps are
 * only appended or filled in, so step ids are stable across snapshots.
 *
 * @example
 * const builder = new TrajectoryBuilder("session-1");
 * for (const placed of session.apply(event).placed) builder.add(placed);
 * const trajectory = builder.build({ agentName: "codex", agentVersion: "0.169.0" });
 */
export class TrajectoryBuilder {
  private readonly scopes = new Map<string | undefined, ScopeRecord>([[undefined, new ScopeRecord()]]);
  /** Which step declares each tool call id, whatever scope it lives in: read it through `callOf`. */
  private readonly calls = new Map<string, DraftStep>();
  /** Each subagent id's current trajectory id: an id started again gets a fresh trajectory. */
  private readonly keyOf = new Map<string, string>();
  private firstAt: number | undefined;
  private readonly sealed = new SealedSteps();
  /** When the agent resumed the session, if the recording begins with that. */
  #resumedAt?: number;

  /** `onSealed` sees each top-level step as it is sealed (see `increment`): final, as written. */
  constructor(
    readonly sessionId: string,
    private readonly onSealed?: (step: Step) => void,
  ) {}

  /** When the recording's first step is the agent resuming the session (its file holds an earlier part). */
  get resumedAt(): number | undefined {
    return this.#resumedAt;
  }

  add(placed: PlacedEvent): void {
    const { event } = placed;
    this.firstAt ??= event.at;
    switch (event.kind) {
      case "session_start":
        if (event.source && event.source !== "startup") {
          if (event.source === "resume" && this.scopes.get(undefined)!.steps.length === 0 && this.sealed.count === 0) this.#resumedAt = event.at;
          this.scope(undefined).push(newStep("system", event.at, placed.turn, event.hookEvent ?? "session_start", { event: "session_start", source: event.source }));
        }
        return;
      case "turn_start":
        this.scope(placed.owner).push(newStep("user", event.at, placed.turn, event.prompt, { turn_index: placed.turn, turn_id: event.turnId, hook_event: event.hookEvent }));
        return;
      case "turn_end":
      case "subagent_stop":
        return addFinalMessage(this.scope(event.kind === "turn_end" ? placed.owner : event.subagentId), event.lastMessage, placed, event.hookEvent);
      case "subagent_start":
        return this.onSubagentStart(event, placed);
      case "tool_start":
        return this.onToolStart(event, placed);
      case "tool_end":
        return this.onToolEnd(event, placed);
      case "llm_start":
        return this.onLlmStart(event, placed);
      case "llm_end":
        return this.onLlmEnd(event, placed);
      case "mark":
        return addMark(this.scope(placed.owner), event, placed);
      case "assistant_message":
        return event.reasoning ? addHookReasoning(this.scope(placed.owner), event.text, placed, event.hookEvent) : addFinalMessage(this.scope(placed.owner), event.text, placed, event.hookEvent);
      case "tool_outcome": {
        // Refines a result already recorded; an outcome for a call never seen adds nothing.
        const step = this.callOf(event.toolCallId);
        if (step) step.mergeResult(event.toolCallId, { extra: { status: event.status, error: event.reason } });
        return;
      }
      case "session_end":
      case "hint":
        return;
      default:
        return assertNever(event);
    }
  }

  /**
   * The trajectory as it stands: valid ATIF whatever has (or has not) happened yet. Only steps
   * changed since the previous build are rendered again; the others are the previous build's
   * (frozen) step objects, so treat the result as read-only.
   */
  build(options: BuildOptions = {}): Trajectory {
    if (this.sealed.count > 0) throw new Error(`session ${this.sessionId}: ${this.sealed.count} steps are sealed into its file; read the file`);
    return this.assemble(options);
  }

  /**
   * What a live view shows of the session: the steps still in memory (ids continuing the sealed
   * ones') and the rest of the document, totals of all; `before` counts the steps ahead of them,
   * which only the file holds (0: the trajectory is whole, as `build` gives it). Seals nothing.
   */
  window(options: BuildOptions = {}): { before: number; trajectory: Trajectory } {
    return { before: this.sealed.count + this.sealed.idOffset, trajectory: this.assemble(options) };
  }

  /**
   * The trajectory for an append-only file: the top-level steps that `policy` seals now (each
   * serialised once, never handed out again, and dropped from memory), the open ones after them,
   * and the rest of the document. Joined with the steps sealed before, it is exactly what `build`
   * would give, as long as no event fills in a sealed step (see SealPolicy). Once anything is
   * sealed, only `increment` builds this session. `firstStepId` shifts every step id (the file
   * holds earlier steps); give it from the first call on.
   */
  increment(options: BuildOptions, policy: SealPolicy, firstStepId = 1): TrajectoryIncrement {
    this.sealed.idOffset = firstStepId - 1;
    const { steps, ...rest } = this.assemble(options);
    const top = this.scopes.get(undefined)!;
    const texts = top.steps.length > 0 ? top.steps.map((draft) => stepText(draft.rendered!)) : steps.map((step) => JSON.stringify(step));
    const sealed = this.sealed.takeOldest(top, texts, policy, this.calls, this.onSealed);
    return { sealed, open: texts.slice(sealed.length), rest };
  }

  /**
   * Seals what `policy` lets go, as `increment` would, without building the rest of the document:
   * between writes, so that however fast steps come, memory holds only the open ones.
   */
  seal(options: BuildOptions, policy: SealPolicy, firstStepId = 1): string[] {
    this.sealed.idOffset = firstStepId - 1;
    const how = stepRendering(2, options.priceOf, options.redaction);
    const first = firstStepId + this.sealed.count;
    const top = this.scopes.get(undefined)!;
    return this.sealed.takeOldest(top, top.steps.map((draft, i) => stepText(renderedStep(draft, first + i, how))), policy, this.calls, this.onSealed);
  }

  /** Renders what changed just behind each subagent's newest step, between writes (renderSettled); `options` asked only if there are subagents. */
  renderSubagents(options: () => BuildOptions | undefined): void {
    const how = this.scopes.size > 1 ? options() : undefined;
    if (how) for (const scope of this.scopes.values()) if (scope.subagent) renderSettled(scope, how.priceOf, how.redaction);
  }

  /** Top-level steps in memory (not sealed), and how many were sealed. */
  get openSteps(): number {
    return this.scopes.get(undefined)!.steps.length;
  }
  get sealedSteps(): number {
    return this.sealed.count;
  }

  private assemble(options: BuildOptions): Trajectory {
    return assemble(this.sessionId, this.scopes, options, this.firstAt ?? 0, this.sealed);
  }

  /** The step declaring a tool call. */
  private callOf(toolCallId: string): DraftStep | undefined {
    return this.calls.get(toolCallId);
  }

  private scope(owner: string | undefined): ScopeRecord {
    const key = owner === undefined ? undefined : this.keyOf.get(owner);
    return this.scopes.get(key) ?? this.scopes.get(undefined)!;
  }

  private onSubagentStart(event: SubagentStarted, placed: PlacedEvent): void {
    const parent = this.scope(placed.owner);
    const startData = withoutUndefined({ subagent_id: event.subagentId, agent_type: event.agentType, ...(event.metadata ?? {}) });
    let key = event.subagentId;
    for (let n = 2; this.scopes.has(key); n++) key = `${event.subagentId}#${n}`;
    this.keyOf.set(event.subagentId, key);
    this.scopes.set(key, new ScopeRecord({ id: event.subagentId, agentType: event.agentType, at: event.at, turn: placed.turn, startData }, parent.level + 1));
    parent.children.push(key);
    const ref = { trajectory_id: key, extra: withoutUndefined({ subagent_id: event.subagentId, agent_type: event.agentType }) };
    // The spawning tool call: named by the adapter, else the only tool this scope is running.
    const callId = event.toolCallId ?? (parent.runningTools.length === 1 ? parent.runningTools[0] : undefined);
    const step = callId !== undefined ? this.callOf(callId) : undefined;
    // A ref resolves only within the trajectory that embeds the subagent: the call must be the parent's.
    if (step && callId !== undefined && parent.steps.includes(step)) return step.mergeResult(callId, { subagent_trajectory_ref: [ref] });
    // Otherwise a dispatch step of its own: no LLM decided it, so llm_call_count is 0.
    const dispatchId = `subagent:${key}`;
    const dispatch = parent.push(newStep("agent", event.at, placed.turn, "", { synthesized_from: event.hookEvent ?? "subagent_start" }));
    dispatch.llmCallCount = 0;
    dispatch.addToolCall({ tool_call_id: dispatchId, function_name: event.agentType ?? "subagent", arguments: startData });
    dispatch.mergeResult(dispatchId, { subagent_trajectory_ref: [ref] });
  }

  /** The step that declares `toolCallId`, adding the call to an open hook-made step or a new one. */
  private callStep(event: ToolStarted | ToolEnded, placed: PlacedEvent): DraftStep {
    const known = this.callOf(event.toolCallId);
    if (known) return known;
    const scope = this.scope(placed.owner);
    const open = scope.openAgentStep(placed.turn);
    const step = open && !open.toolCallsComplete ? open : scope.push(newStep("agent", event.at, placed.turn, "", { synthesized_from: event.hookEvent ?? event.kind }));
    step.addToolCall({ tool_call_id: event.toolCallId, function_name: event.name ?? "unknown_tool", arguments: toArguments(event.arguments) });
    this.calls.set(event.toolCallId, step);
    return step;
  }

  private onToolStart(event: ToolStarted, placed: PlacedEvent): void {
    this.callStep(event, placed);
    this.scope(placed.owner).toolStarted(event.toolCallId, event.at);
  }

  private onToolEnd(event: ToolEnded, placed: PlacedEvent): void {
    const step = this.callStep(event, placed);
    const startedAt = this.scope(placed.owner).toolEnded(event.toolCallId);
    const failed = event.status !== "completed";
    const result: DraftResult = {
      content: toContent(event.output) ?? (failed ? event.error : undefined),
      extra: withoutUndefined({
        status: failed ? event.status : undefined,
        error: failed && event.output !== undefined ? event.error : undefined,
        tool_correlation_status: placed.correlation?.status,
        synthesized: placed.synthesized,
        // The call's real span, for the viewer's waterfall (the step's timestamp is its LLM call's).
        tool_started_at: startedAt === undefined ? undefined : isoTime(startedAt),
        tool_ended_at: isoTime(event.at),
      }),
    };
    if (Object.keys(result.extra!).length === 0) delete result.extra;
    step.mergeResult(event.toolCallId, result);
  }

  private onLlmStart(event: LlmStarted, placed: PlacedEvent): void {
    const scope = this.scope(placed.owner);
    scope.pendingLlm.set(event.callId, { at: event.at, model: event.model, reasoningEffort: event.reasoningEffort, purpose: event.purpose });
    // Without a prompt hook (gateway-only traffic) the request's user text is the user step.
    if (event.userMessage && !scope.hasUserStep(placed.turn)) {
      scope.push(newStep("user", event.at, placed.turn, event.userMessage, { turn_index: placed.turn, from: "llm_request" }));
    }
  }

  private onLlmEnd(event: LlmEnded, placed: PlacedEvent): void {
    const scope = this.scope(placed.owner);
    const pending = scope.pendingLlm.get(event.callId);
    scope.pendingLlm.delete(event.callId);
    const ok = event.status === "completed";
    // The same call seen twice (Codex's PostModelRequest hook and the wire): keep one step.
    const other = event.origin === "gateway" ? "hook" : "gateway";
    const twin = scope.findTwin(placed.turn, other, (s) => s.llm!.origin !== event.origin && s.llm!.ok === ok && (ok ? !!s.usage && !!event.usage && sameUsage(s.usage, event.usage) : true));
    // Text a hook already showed (Claude's MessageDisplay can beat the stream's end) joins its call.
    const step = twin ?? scope.findHookText(placed.turn, event.message) ?? this.hookMadeCallStep(scope, placed.turn, event) ?? scope.push(newStep("agent", event.at, placed.turn, ""));
    step.hookText = false;
    if (twin) twin.llm!.paired = true;
    else {
      step.llm = { callId: event.callId, origin: event.origin, ok, paired: false };
      scope.trackLlm(step);
    }
    if (event.origin === "gateway" || !twin) fillFromResponse(step, event, pending, (id) => this.calls.set(id, step));
    step.llmCallCount = 1;
    step.usage ??= event.usage;
    step.extra = llmExtra(step, event, placed, pending, Boolean(twin));
  }

  /**
   * A step a tool hook made for one of the response's own calls before the response was recorded
   * (the end of a call is read off the response path, and a quick hook can beat it): the response
   * fills that step instead of declaring the call a second time.
   */
  private hookMadeCallStep(scope: ScopeRecord, turn: number, event: LlmEnded): DraftStep | undefined {
    for (const call of event.toolCalls ?? []) {
      const step = this.calls.get(call.id);
      if (!step || step.llm || step.turn !== turn || !scope.holdsInTurn(step)) continue;
      const { synthesized_from: _madeBy, ...extra } = step.extra;
      step.extra = extra;
      return step;
    }
    return undefined;
  }
}
