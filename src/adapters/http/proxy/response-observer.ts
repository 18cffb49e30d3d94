import { createParser, type EventSourceParser } from "eventsource-parser";
import type { ProviderApi, ProviderResponse, StreamAccumulator } from "../../../ports/provider-api.ts";
import { decodeBytes, decodeJsonBody } from "./decode-body.ts";
import type { DeferredQueue } from "./defer.ts";
import type { BodyWatch, StreamEnd } from "./relay-body.ts";

const CUT: Record<Exclude<StreamEnd, "complete">, string> = {
  aborted: "response aborted by the client before it ended",
  error: "response interrupted before it ended",
  stalled: "response stalled: the provider sent nothing within the idle timeout, so it was closed before it ended",
};

/**
 * Reads a copy of one upstream response as it passes: server-sent events are parsed as they
 * arrive, other bodies are collected and read at the end. Either way at most `maxReadBytes`
 * are read, so one enormous response cannot grow the gateway's memory with it. All of it runs
 * on the deferred queue; the proxy only hands over chunk references.
 */
export class ResponseObserver implements BodyWatch {
  private accumulator?: StreamAccumulator;
  private parser?: EventSourceParser;
  private readonly decoder = new TextDecoder();
  private readonly collected: Uint8Array[] = [];
  private seenBytes = 0;
  /** Set once the response outgrew `maxReadBytes`: what had been read by then. */
  private partial?: ProviderResponse;
  private done = false;

  constructor(
    private readonly api: ProviderApi,
    private readonly upstream: { status: number; sse: boolean; contentEncoding: string | null },
    private readonly queue: DeferredQueue,
    private readonly maxReadBytes: number,
    private readonly onResponse: (response: ProviderResponse) => void,
  ) {
    // A compressed stream cannot be parsed chunk by chunk; it is collected like a body.
    if (upstream.sse && !upstream.contentEncoding) {
      const accumulator = api.openStream();
      this.accumulator = accumulator;
      this.parser = createParser({ onEvent: (message) => accumulator.push(message.event, message.data) });
    }
  }

  chunk(bytes: Uint8Array): void {
    this.queue.pushLater(() => this.consume(bytes));
  }

  end(how: StreamEnd): void {
    this.queue.push(() => this.finish(how));
  }

  private consume(bytes: Uint8Array): void {
    if (this.partial) return;
    this.seenBytes += bytes.byteLength;
    if (this.seenBytes > this.maxReadBytes) return this.stopReading();
    if (this.parser) return this.parser.feed(this.decoder.decode(bytes, { stream: true }));
    this.collected.push(bytes);
  }

  /** Keeps what a stream said so far and lets go of everything else. */
  private stopReading(): void {
    const note = `response over ${this.maxReadBytes} bytes: only its first ${this.maxReadBytes} bytes were read`;
    this.partial = this.accumulator ? { ...this.accumulator.finish(), error: note } : { status: "completed", error: note };
    this.accumulator = undefined;
    this.parser = undefined;
    this.collected.length = 0;
  }

  private finish(how: StreamEnd): void {
    if (this.done) return;
    this.done = true;
    const cut = how === "complete" ? undefined : CUT[how];
    if (this.partial) return this.onResponse({ ...this.partial, status: cut ? "failed" : "completed", ...(cut ? { error: cut } : {}) });
    if (this.accumulator && this.parser) {
      this.parser.feed(this.decoder.decode());
      return this.onResponse(failIf(this.accumulator.finish(), cut));
    }
    // A body read whole arrives as one chunk: no copy of up to a MiB just to join it with nothing.
    const bytes = this.collected.length === 1 ? this.collected[0]! : Buffer.concat(this.collected);
    this.collected.length = 0;
    if (this.upstream.sse) return this.onResponse(failIf(this.replayStream(bytes), cut));
    this.onResponse(failIf(this.api.readResponse(this.bodyOf(bytes), this.upstream.status), cut));
  }

  /** JSON when it is JSON; otherwise the text (an HTML error page says what went wrong); null when empty. */
  private bodyOf(bytes: Uint8Array): unknown {
    if (bytes.byteLength === 0) return null;
    const json = decodeJsonBody(bytes, this.upstream.contentEncoding);
    return json !== undefined ? json : decodeText(bytes, this.upstream.contentEncoding);
  }

  /** A compressed event stream, read once it is complete. */
  private replayStream(bytes: Uint8Array): ProviderResponse {
    const accumulator = this.api.openStream();
    const text = decodeText(bytes, this.upstream.contentEncoding);
    createParser({ onEvent: (message) => accumulator.push(message.event, message.data) }).feed(text);
    return accumulator.finish();
  }
}

/** A response cut short is failed, and the cut is named first: it is why whatever the reader noticed went wrong. */
function failIf(response: ProviderResponse, cut: string | undefined): ProviderResponse {
  if (!cut) return response;
  return { ...response, status: "failed", error: response.status === "failed" && response.error ? `${cut} (${response.error})` : cut };
}

function decodeText(bytes: Uint8Array, encoding: string | null): string {
  const plain = decodeBytes(bytes, encoding);
  return plain ? new TextDecoder().decode(plain) : "";
}
