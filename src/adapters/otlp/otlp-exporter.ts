/**
 * The OpenTelemetry exporter: every placed event of every session becomes part of that
 * session's span tree, and finished spans go to an OTLP/HTTP collector (protobuf or JSON) in
 * the GenAI or OpenInference conventions. `consume` only appends to a bounded intake; the tree
 * is built and the spans are exported off the caller's path, so a slow or dead collector never
 * touches the agent.
 */
import type { PriceLookup } from "../../domain/pricing/model-price.ts";
import type { PlacedEvent } from "../../domain/session/placed-event.ts";
import type { EventExporter, ExportContext } from "../../ports/event-exporter.ts";
import { SafeValues } from "./attribute-values.ts";
import { postOnce } from "./http-post.ts";
import type { OtlpEncoder, OtlpProtocol } from "./otlp-encoding.ts";
import { SessionSpans } from "./session-spans.ts";
import type { ExportSpan, SpanRecord } from "./span-record.ts";
import { SpanQueue, type ExportStats } from "./span-queue.ts";
import { toExportSpan, type ExportMode } from "./span-view.ts";
import { parseTraceparent } from "./trace-context.ts";

export interface OtlpExporterOptions {
  /** The full traces URL (`<endpoint>/v1/traces`). */
  readonly url: string;
  readonly protocol: OtlpProtocol;
  /** Sent with every request (collector credentials): never reported. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly serviceName: string;
  readonly serviceVersion?: string;
  /** Per request, and the bound on `flush`/`shutdown`. */
  readonly timeoutMillis: number;
  readonly mode: ExportMode;
  /** `gzip` compresses every export body (`content-encoding: gzip`); default none. */
  readonly compression?: "none" | "gzip";
  /** W3C trace context every session joins unless its own requests carry one. */
  readonly traceparent?: string;
  readonly tracestate?: string;
  /** Prices for `cost_usd` on LLM spans (default: the shipped table). */
  readonly priceOf?: PriceLookup;
  /** Where a warning goes when export starts failing (once per outage) or recovers. */
  readonly report: (message: string) => void;
  readonly batchSize?: number;
  readonly maxQueueSize?: number;
  readonly delayMillis?: number;
  readonly maxAttempts?: number;
  readonly initialBackoffMillis?: number;
  readonly maxBackoffMillis?: number;
  /** Placed events waiting to be turned into spans, at most (the oldest are dropped beyond). */
  readonly maxPendingEvents?: number;
  /** Longest string attribute value (longer ones are cut after redaction). */
  readonly maxValueLength?: number;
}

export interface OtlpExportStats extends ExportStats {
  /** Placed events dropped before becoming spans (intake full, or a bug while processing). */
  readonly droppedEvents: number;
}

interface Intake {
  readonly sessionId: string;
  readonly placed: readonly PlacedEvent[];
  readonly context: ExportContext;
}

/** The endpoint as it may appear in a warning: no user info, no query. */
function printable(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "the configured endpoint";
  }
}

export class OtlpExporter implements EventExporter {
  private readonly sessions = new Map<string, SessionSpans>();
  private readonly queue: SpanQueue;
  private readonly safe: SafeValues;
  private readonly defaultParent;
  private intake: Intake[] = [];
  /** Spans finished since they were last handed to the export queue. */
  private finished: ExportSpan[] = [];
  private readonly emit = (span: SpanRecord) => void this.finished.push(toExportSpan(span, this.options.mode, this.safe));
  private intakeEvents = 0;
  private droppedEvents = 0;
  private scheduled: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private bugReported = false;
  private encoder: Promise<OtlpEncoder> | undefined;
  private loaded: OtlpEncoder | undefined;

  constructor(private readonly options: OtlpExporterOptions) {
    this.safe = new SafeValues(options.maxValueLength ?? 8 * 1024);
    this.defaultParent = parseTraceparent(options.traceparent, options.tracestate);
    const target = { url: options.url, headers: options.headers ?? {}, timeoutMillis: options.timeoutMillis, gzip: options.compression === "gzip" };
    const contentType = options.protocol === "http/json" ? "application/json" : "application/x-protobuf";
    this.queue = new SpanQueue({
      encode: async (spans) => (await this.loadEncoder()).encode(spans),
      post: (body, stop) => postOnce({ ...target, contentType }, body, stop),
      rejected: (body) => this.rejectedIn(body),
      report: options.report,
      destination: printable(options.url),
      maxQueueSize: options.maxQueueSize ?? 2048,
      batchSize: options.batchSize ?? 256,
      delayMillis: options.delayMillis ?? 1000,
      maxAttempts: options.maxAttempts ?? 5,
      initialBackoffMillis: options.initialBackoffMillis ?? 250,
      maxBackoffMillis: options.maxBackoffMillis ?? 5000,
    });
  }

  consume(sessionId: string, placed: readonly PlacedEvent[], context: ExportContext): void {
    if (this.closed || placed.length === 0) return;
    this.intake.push({ sessionId, placed, context });
    this.intakeEvents += placed.length;
    const max = this.options.maxPendingEvents ?? 10_000;
    while (this.intakeEvents > max && this.intake.length > 1) {
      const oldest = this.intake.shift()!;
      this.intakeEvents -= oldest.placed.length;
      this.droppedEvents += oldest.placed.length;
    }
    this.scheduled ??= unref(setTimeout(() => this.process(), 0));
  }

  async flush(): Promise<void> {
    this.process();
    await this.queue.flush(Date.now() + this.options.timeoutMillis);
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.process();
    this.closed = true;
    const now = Date.now();
    for (const session of this.sessions.values()) this.guard(() => session.close(now, "exporter shutdown"));
    this.sessions.clear();
    this.queue.add(this.finished.splice(0));
    await this.queue.flush(now + this.options.timeoutMillis);
    this.queue.close();
  }

  stats(): OtlpExportStats {
    return { ...this.queue.stats(), droppedEvents: this.droppedEvents };
  }

  /** Turns the queued events into spans and hands the finished ones to the export queue. */
  private process(): void {
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = undefined;
    const batch = this.intake;
    this.intake = [];
    this.intakeEvents = 0;
    for (const { sessionId, placed, context } of batch) {
      for (const p of placed) if (!this.guard(() => this.sessionFor(sessionId, p, context).apply(p))) this.droppedEvents += 1;
      const session = this.sessions.get(sessionId);
      if (session?.ended) this.sessions.delete(sessionId);
    }
    this.queue.add(this.finished.splice(0));
  }

  private sessionFor(sessionId: string, placed: PlacedEvent, context: ExportContext): SessionSpans {
    let session = this.sessions.get(sessionId);
    if (session?.ended) this.sessions.delete(sessionId);
    else if (session) return session;
    // The session's own trace context (first one seen) wins over the process-wide default.
    const parent = parseTraceparent(context.traceparent, context.tracestate) ?? this.defaultParent;
    session = new SessionSpans({ sessionId, agent: context.agent, parent, startMs: placed.event.at, emit: this.emit, priceOf: this.options.priceOf });
    this.sessions.set(sessionId, session);
    return session;
  }

  /** Runs `work`; a bug in it costs the event, never the caller, and is reported once. */
  private guard(work: () => void): boolean {
    try {
      work();
      return true;
    } catch (error) {
      if (!this.bugReported) {
        this.bugReported = true;
        this.options.report(`OpenTelemetry export: an event could not be turned into spans (${(error as Error)?.message ?? error}); it was dropped and counted`);
      }
      return false;
    }
  }

  private loadEncoder(): Promise<OtlpEncoder> {
    const { protocol, serviceName, serviceVersion } = this.options;
    this.encoder ??= import("./otlp-encoding.ts").then((m) => (this.loaded = m.createEncoder({ protocol, serviceName, ...(serviceVersion ? { serviceVersion } : {}) })));
    return this.encoder;
  }

  private rejectedIn(body: Uint8Array): number {
    // The encoder is loaded by the time a response arrives: the request was encoded with it.
    return this.loaded?.rejected(body) ?? 0;
  }
}

function unref<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
