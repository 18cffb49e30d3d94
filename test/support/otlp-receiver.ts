/**
 * A loopback OTLP/HTTP trace receiver for tests. It keeps every request's raw bytes (to scan
 * for leaks) and decodes them independently of the exporter under test: protobuf bodies with
 * the official generated code of the OTLP `.proto` definitions (protobufjs static code as
 * published in `@opentelemetry/otlp-transformer@0.216.0`, installed as `otlp-generated-protos`),
 * JSON bodies per the OTLP/JSON mapping (hex ids, string nanoseconds), checked against the
 * same definitions by a round trip through `fromObject`/`toObject`.
 */
import root from "otlp-generated-protos/build/src/generated/root.js";

interface Message {
  toJSON?: () => unknown;
}
interface MessageType {
  decode(bytes: Uint8Array): Message;
  toObject(message: Message, options: Record<string, unknown>): Record<string, unknown>;
  fromObject(object: Record<string, unknown>): Message;
}
const ExportTraceServiceRequest = (root as unknown as { opentelemetry: { proto: { collector: { trace: { v1: { ExportTraceServiceRequest: MessageType } } } } } }).opentelemetry.proto
  .collector.trace.v1.ExportTraceServiceRequest;

export type Value = string | number | boolean | Value[] | { [key: string]: Value } | undefined;

export interface DecodedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly traceState?: string;
  readonly name: string;
  /** OTLP SpanKind: 1 internal, 3 client. */
  readonly kind: number;
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly attributes: Record<string, Value>;
  /** OTLP StatusCode: 0 unset, 2 error. */
  readonly status: { readonly code: number; readonly message?: string };
  readonly events: ReadonlyArray<{ readonly name: string; readonly attributes: Record<string, Value> }>;
  readonly flags?: number;
}

export interface DecodedExport {
  readonly resource: Record<string, Value>;
  readonly scope: string;
  readonly spans: DecodedSpan[];
}

export interface ReceivedRequest {
  readonly path: string;
  readonly contentType: string;
  readonly headers: Record<string, string>;
  /** The body as the exporter meant it (a gzip body is unpacked, as a collector does). */
  readonly bytes: Uint8Array;
  /** How many bytes actually came over the wire. */
  readonly wireBytes: number;
}

type Obj = Record<string, unknown>;
const hexOf = (value: unknown): string | undefined => {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value.toLowerCase();
  return Buffer.from(value as Uint8Array).toString("hex");
};

function anyValue(v: Obj | undefined): Value {
  if (!v) return undefined;
  if ("stringValue" in v) return v.stringValue as string;
  if ("boolValue" in v) return v.boolValue as boolean;
  if ("intValue" in v) return Number(v.intValue);
  if ("doubleValue" in v) return Number(v.doubleValue);
  if ("arrayValue" in v) return (((v.arrayValue as Obj).values as Obj[]) ?? []).map(anyValue);
  if ("kvlistValue" in v) return attributes((v.kvlistValue as Obj).values as Obj[]);
  return undefined;
}

function attributes(list: Obj[] | undefined): Record<string, Value> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key as string, anyValue(kv.value as Obj)]));
}

/** One ExportTraceServiceRequest as plain objects (protobufjs `toObject` or OTLP/JSON), flattened. */
function flatten(request: Obj): DecodedExport[] {
  return ((request.resourceSpans as Obj[]) ?? []).flatMap((rs) =>
    ((rs.scopeSpans as Obj[]) ?? []).map((ss) => ({
      resource: attributes((rs.resource as Obj)?.attributes as Obj[]),
      scope: String((ss.scope as Obj)?.name ?? ""),
      spans: ((ss.spans as Obj[]) ?? []).map(
        (s): DecodedSpan => ({
          traceId: hexOf(s.traceId)!,
          spanId: hexOf(s.spanId)!,
          ...(hexOf(s.parentSpanId) ? { parentSpanId: hexOf(s.parentSpanId) } : {}),
          ...(s.traceState ? { traceState: s.traceState as string } : {}),
          name: s.name as string,
          kind: Number(s.kind ?? 0),
          startNs: BigInt(String(s.startTimeUnixNano)),
          endNs: BigInt(String(s.endTimeUnixNano)),
          attributes: attributes(s.attributes as Obj[]),
          status: { code: Number((s.status as Obj)?.code ?? 0), ...((s.status as Obj)?.message ? { message: (s.status as Obj).message as string } : {}) },
          events: ((s.events as Obj[]) ?? []).map((e) => ({ name: e.name as string, attributes: attributes(e.attributes as Obj[]) })),
          ...(s.flags !== undefined ? { flags: Number(s.flags) } : {}),
        }),
      ),
    })),
  );
}

/** Decodes a protobuf body with the official generated code. */
export function decodeProtobuf(bytes: Uint8Array): DecodedExport[] {
  const message = ExportTraceServiceRequest.decode(bytes);
  return flatten(ExportTraceServiceRequest.toObject(message, { longs: String, enums: Number, bytes: Array, defaults: false }));
}

/** OTLP/JSON → the protobuf JSON mapping the generated code reads (hex ids become bytes). */
function toProtoJson(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => toProtoJson(v));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toProtoJson(v, k)]));
  if (typeof value === "string" && ["traceId", "spanId", "parentSpanId"].includes(key)) return Buffer.from(value, "hex").toString("base64");
  return value;
}

/**
 * Decodes a JSON body, checking it against the official message definitions: it must survive a
 * round trip through the generated code unchanged (a misnamed field, a wrong type or an id that
 * is not hex would not).
 */
export function decodeJson(bytes: Uint8Array): DecodedExport[] {
  const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Obj;
  const message = ExportTraceServiceRequest.fromObject(toProtoJson(parsed) as Obj);
  const viaProto = flatten(ExportTraceServiceRequest.toObject(message, { longs: String, enums: Number, bytes: Array, defaults: false }));
  const direct = flatten(parsed);
  if (JSON.stringify(viaProto, bigints) !== JSON.stringify(direct, bigints)) throw new Error("the JSON body does not survive the official definitions unchanged");
  return direct;
}

const bigints = (_key: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value);

export interface Receiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Every span received, decoded by content type. */
  spans(): DecodedSpan[];
  exports(): DecodedExport[];
  stop(): void;
}

/** A receiver on 127.0.0.1 answering every export with `status` (200 = accepted). */
export function startReceiver(options: { status?: () => number } = {}): Receiver {
  const requests: ReceivedRequest[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const wire = new Uint8Array(await request.arrayBuffer());
      const bytes = request.headers.get("content-encoding") === "gzip" ? Bun.gunzipSync(wire) : wire;
      const headers: Record<string, string> = {};
      request.headers.forEach((v, k) => (headers[k] = v));
      requests.push({ path: new URL(request.url).pathname, contentType: request.headers.get("content-type") ?? "", headers, bytes, wireBytes: wire.byteLength });
      const status = options.status?.() ?? 200;
      // An empty 200 is a full success in both encodings (no partial_success).
      return new Response(status === 200 ? null : "unavailable", { status, headers: { "content-type": request.headers.get("content-type") ?? "application/x-protobuf" } });
    },
  });
  const exports = () => requests.flatMap((r) => (r.contentType === "application/json" ? decodeJson(r.bytes) : decodeProtobuf(r.bytes)));
  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    exports,
    spans: () => exports().flatMap((e) => e.spans),
    stop: () => void server.stop(true),
  };
}
