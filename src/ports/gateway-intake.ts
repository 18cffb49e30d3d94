import type { Result } from "../domain/errors.ts";
import type { HookContext } from "./agent-hooks.ts";
import type { ProviderApiName, ProviderRequest, ProviderResponse } from "./provider-api.ts";

/** Receives hook calls: the app routes them to the agent's adapter and the recorder. */
export interface HookIntake {
  /** The JSON the agent expects back, or an error (`unknown_agent`, `invalid_payload`). */
  receive(agent: string, payload: unknown, context: HookContext): Result<unknown>;
}

/** A proxied LLM call as the gateway saw it start. Headers never carry credentials. */
export interface LlmCallStart {
  readonly api: ProviderApiName;
  readonly path: string;
  /** Observable request headers (lower-cased; authorization, api keys and cookies removed). */
  readonly headers: Readonly<Record<string, string>>;
  readonly request: ProviderRequest;
  readonly at: number;
  /** What the call is for when its route says (`compaction` for `/responses/compact`). */
  readonly purpose?: string;
}

/** Receives what the proxy observed, off the response path, in the order it happened. */
export interface LlmObserver {
  /** Returns the call id the end will be reported under. */
  started(call: LlmCallStart): string;
  ended(callId: string, response: ProviderResponse, at: number): void;
}
