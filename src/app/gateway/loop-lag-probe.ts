/**
 * How long the gateway's event loop is held at a time: a timer due every `everyMs` runs late by
 * as long as something else kept the loop busy, so its lateness bounds the longest block from
 * below (within the timer's period). Off unless asked for (NEMO_RELAY_DEBUG_LOOP_LAG=1): its
 * wake-ups cost a little of every proxied call.
 */
export class LoopLagProbe {
  #longest = 0;
  #last = performance.now();
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(readonly everyMs = 2) {
    this.#timer = setInterval(() => {
      const now = performance.now();
      this.#longest = Math.max(this.#longest, now - this.#last - everyMs);
      this.#last = now;
    }, everyMs);
    this.#timer.unref();
  }

  /** The longest block (ms) since the last call, and starts over. */
  take(): number {
    const longest = this.#longest;
    this.#longest = 0;
    return longest;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
