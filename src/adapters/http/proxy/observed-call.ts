import type { LlmCallStart, LlmObserver } from "../../../ports/gateway-intake.ts";
import type { ProviderResponse } from "../../../ports/provider-api.ts";
import type { DeferredQueue } from "./defer.ts";

/**
 * One proxied LLM call as the observer sees it. Its start is read and recorded only once the
 * client has been handed the first bytes of the answer (or the call has failed), so parsing the
 * request never competes with forwarding it or with relaying the first bytes back. Start and end
 * go through the same FIFO queue: a call's start is always recorded before its end.
 */
export class ObservedCall {
  private id?: string;
  private begun = false;

  constructor(
    /** What the request said, with the time it arrived; run on the queue. */
    private readonly describe: () => LlmCallStart,
    private readonly observer: LlmObserver,
    private readonly queue: DeferredQueue,
    private readonly now: () => number,
  ) {}

  begin(): void {
    if (this.begun) return;
    this.begun = true;
    this.queue.pushLater(() => {
      this.id = this.observer.started(this.describe());
    });
  }

  /** Records the end from outside the queue (a failed or empty response). */
  end(response: ProviderResponse): void {
    const at = this.now();
    this.begin();
    this.queue.push(() => this.ended(response, at));
  }

  /** Records the end from a task already on the queue (the response observer's). */
  ended(response: ProviderResponse, at = this.now()): void {
    // No id: reading the start failed (and was reported); an end alone would be misplaced.
    if (this.id !== undefined) this.observer.ended(this.id, response, at);
  }
}
