/** How a relayed body ended: read to its end, cancelled by the client, broken or gone silent upstream. */
export type StreamEnd = "complete" | "aborted" | "error" | "stalled";

/** Who watches the bytes go by (the response observer); both calls must return at once. */
export interface BodyWatch {
  chunk?(bytes: Uint8Array): void;
  end?(how: StreamEnd): void;
}

export interface RelayOptions {
  /** An upstream silent this long while the client waits for more is given up on. */
  readonly idleTimeoutMs: number;
  /**
   * Server-sent events end cleanly after a fault: the client keeps every event that came and
   * its own stream reader notices the missing final event. Other bodies end in an error, so a
   * truncated JSON body never looks complete.
   */
  readonly closeCleanly: boolean;
}

/**
 * The upstream body as the client will read it: the first chunk is read as soon as the response
 * starts (so it leaves with the headers, ~0.02 ms sooner than on the client's first pull), every
 * later one when the client asks for it — no further read-ahead, so a slow reader slows the
 * upstream instead of filling memory. Each chunk is shown to the watch. The client's cancel
 * cancels the upstream read. The idle clock only runs while the client is waiting for the
 * upstream, never while the client itself is slow.
 */
export function relayBody(body: ReadableStream<Uint8Array>, watch: BodyWatch, options: RelayOptions): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let waiting = false;
  let stalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onIdle = () => {
    if (!waiting) return;
    stalled = true;
    reader.cancel(new Error("upstream stalled")).catch(() => {});
  };
  const fault = (controller: ReadableStreamDefaultController<Uint8Array>, how: StreamEnd) => {
    clearTimeout(timer);
    watch.end?.(how);
    if (options.closeCleanly) controller.close();
    // The client sees the connection cut either way; a reason would only be logged by the server with a stack trace.
    else controller.error();
  };
  /** Passes on the next chunk, or the end. */
  const relayNext = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    waiting = true;
    if (timer) timer.refresh();
    else (timer = setTimeout(onIdle, options.idleTimeoutMs)).unref?.();
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch {
      return fault(controller, stalled ? "stalled" : "error");
    } finally {
      waiting = false;
    }
    if (stalled) return fault(controller, "stalled");
    if (next.done) {
      clearTimeout(timer);
      controller.close();
      return watch.end?.("complete");
    }
    controller.enqueue(next.value);
    watch.chunk?.(next.value);
  };
  return new ReadableStream<Uint8Array>(
    {
      start: relayNext,
      pull: relayNext,
      cancel(reason) {
        clearTimeout(timer);
        watch.end?.("aborted");
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
