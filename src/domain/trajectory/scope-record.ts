import type { DraftStep } from "./draft.ts";
import type { JsonObject } from "./values.ts";

/** What an LLM request told us at its start, kept until its end makes the agent step. */
export interface PendingLlm {
  /** When the request was seen: with the end, the call's real duration (the viewer's waterfall). */
  readonly at: number;
  readonly model?: string;
  readonly reasoningEffort?: string | number;
  readonly purpose?: string;
}

/** Identity of a subagent trajectory. */
export interface SubagentInfo {
  readonly id: string;
  readonly agentType?: string;
  readonly at: number;
  readonly turn: number;
  readonly startData: JsonObject;
}

/**
 * The steps of one trajectory being recorded: the top-level agent's, or one subagent's. A step
 * handed out is filled in through its own setters and methods, which keep its rendering current.
 */
export class ScopeRecord {
  readonly steps: DraftStep[] = [];
  /** Subagents embedded in this trajectory, in start order. */
  readonly children: string[] = [];
  readonly pendingLlm = new Map<string, PendingLlm>();
  /** Tool calls this scope started and has not ended yet, oldest first. */
  readonly runningTools: string[] = [];
  /** When each running tool call started, so its result carries the call's real duration. */
  readonly toolStartedAt = new Map<string, number>();
  /** Quiet marks: kept for the record in the trajectory's `extra`, not as steps. */
  readonly quietEvents: JsonObject[] = [];
  private lastUserTurn = -1;
  /** Unpaired LLM steps of the latest turn, per origin: a twin is only ever looked up in the other origin's list. */
  private readonly unpaired = new Map<string, DraftStep[]>();
  /** Hook-text steps of the latest turn after its last user step, with their positions. */
  private hookTexts: DraftStep[] = [];
  private indexTurn = -1;

  constructor(
    readonly subagent?: SubagentInfo,
    /** Its trajectory's level in the document: 0 the top level, 1 its subagents, 2 theirs… */
    readonly level = 0,
  ) {}

  push(step: DraftStep): DraftStep {
    this.steps.push(step);
    this.turnIndex(step.turn);
    if (step.source === "user") {
      this.lastUserTurn = step.turn;
      this.hookTexts = [];
    }
    return step;
  }

  private turnIndex(turn: number): void {
    if (turn === this.indexTurn) return;
    this.indexTurn = turn;
    this.unpaired.clear();
    this.hookTexts = [];
  }

  /** The builder gave `step` an unpaired LLM call. */
  trackLlm(step: DraftStep): void {
    if (step.turn !== this.indexTurn || !step.llm) return;
    const list = this.unpaired.get(step.llm.origin) ?? [];
    list.push(step);
    this.unpaired.set(step.llm.origin, list);
  }

  /** The builder marked `step` as made from hook text. */
  trackHookText(step: DraftStep): void {
    if (step.turn === this.indexTurn) this.hookTexts.push(step);
  }

  /** True once a user step exists for the given turn (so a request's text is not repeated). */
  hasUserStep(turn: number): boolean {
    return this.lastUserTurn === turn || (this.subagent !== undefined && this.lastUserTurn >= 0);
  }

  /** The last step, when it is an agent step of the given turn with nothing after it. */
  openAgentStep(turn: number): DraftStep | undefined {
    const last = this.steps.at(-1);
    return last && last.source === "agent" && last.turn === turn ? last : undefined;
  }

  /** The latest agent step of `turn` that is not followed by a user step. */
  lastAgentStepOfTurn(turn: number): DraftStep | undefined {
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const step = this.steps[i]!;
      if (step.turn !== turn || step.source === "user") return undefined;
      if (step.source === "agent") return step;
    }
    return undefined;
  }

  /** True when `step` is one of this scope's steps of the latest turn it has. */
  holdsInTurn(step: DraftStep): boolean {
    for (let i = this.steps.length - 1; i >= 0 && this.steps[i]!.turn === step.turn; i--) if (this.steps[i] === step) return true;
    return false;
  }

  /** An unpaired LLM step of the same turn, from `origin`, describing the same call (newest first). */
  findTwin(turn: number, origin: string, matches: (step: DraftStep) => boolean): DraftStep | undefined {
    if (turn !== this.indexTurn) return undefined;
    const list = this.unpaired.get(origin);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const step = list[i]!;
      if (step.llm && !step.llm.paired && matches(step)) {
        list.splice(i, 1);
        return step;
      }
    }
    return undefined;
  }

  /** A step made from hook-reported assistant text that an LLM response with `text` should absorb. */
  findHookText(turn: number, text: string | undefined): DraftStep | undefined {
    const wanted = text?.trim();
    if (!wanted || turn !== this.indexTurn) return undefined;
    for (let i = this.hookTexts.length - 1; i >= 0; i--) {
      const step = this.hookTexts[i]!;
      if (step.hookText && !step.llm && step.message.trim() === wanted) {
        this.hookTexts.splice(i, 1);
        return step;
      }
    }
    return undefined;
  }

  /** Removes the first `n` steps (sealed: on disk, no longer filled in) and every index entry naming them. */
  dropFirst(n: number): DraftStep[] {
    const gone = this.steps.splice(0, n);
    const dropped = new Set(gone);
    for (const [origin, list] of this.unpaired) this.unpaired.set(origin, list.filter((s) => !dropped.has(s)));
    this.hookTexts = this.hookTexts.filter((s) => !dropped.has(s));
    return gone;
  }

  toolStarted(id: string, at: number): void {
    if (!this.toolStartedAt.has(id)) this.toolStartedAt.set(id, at);
    if (!this.runningTools.includes(id)) this.runningTools.push(id);
  }

  /** Forgets the running call; returns when it started, if its start was seen. */
  toolEnded(id: string): number | undefined {
    const startedAt = this.toolStartedAt.get(id);
    this.toolStartedAt.delete(id);
    const at = this.runningTools.indexOf(id);
    if (at >= 0) this.runningTools.splice(at, 1);
    return startedAt;
  }
}
