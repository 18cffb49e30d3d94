/**
 * Observation work runs here, off the response path, in arrival order: parsing a request or a
 * stream never delays the bytes on their way to the client, and a call's start is always
 * observed before its end. Two speeds, one order:
 *
 * - `push`: as soon as the current I/O callbacks are done (`setImmediate`) — for the end of a
 *   call, so the record keeps up with the hooks that follow it.
 * - `pushLater`: on the next timer tick (~1 ms) — for reading a request and a stream's chunks. Work
 *   run at `setImmediate` was measured to hold back a streamed chunk's flush by ~0.15 ms; a timer
 *   runs after it.
 *
 * Whichever fires first runs every task queued so far, in order, so `push` after `pushLater`
 * never overtakes it.
 */
export class DeferredQueue {
  private readonly tasks: Array<() => void> = [];
  private immediate = false;
  private timer = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  push(task: () => void): void {
    this.tasks.push(task);
    if (this.immediate) return;
    this.immediate = true;
    setImmediate(() => {
      this.immediate = false;
      this.run();
    });
  }

  pushLater(task: () => void): void {
    this.tasks.push(task);
    if (this.timer || this.immediate) return;
    this.timer = true;
    setTimeout(() => {
      this.timer = false;
      this.run();
    }, 0);
  }

  /** Resolves once everything queued so far has run (for shutdown and tests). */
  drained(): Promise<void> {
    return new Promise((resolve) => this.push(resolve));
  }

  private run(): void {
    for (const task of this.tasks.splice(0)) {
      try {
        task();
      } catch (error) {
        // A bug in observation must never reach the agent; it is reported, not thrown.
        this.onError(error);
      }
    }
  }
}
