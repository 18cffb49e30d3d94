import { Type, type Static } from "@sinclair/typebox";
import type { PriceTable } from "../../domain/pricing/model-price.ts";

/**
 * The files' shapes. An unknown key is an error naming the file, the line and the nearest known
 * key (a typo such as `bnd` would otherwise be silently ignored); so is a known key with a wrong
 * value. Keys under `[x]` (any table named `x`) are left alone: room for one's own notes or for
 * settings of a newer nemo-relay.
 */
const closed = { additionalProperties: false } as const;
const Url = Type.String({ pattern: "^https?://", description: "an http(s) URL" });
const Bytes = Type.Integer({ minimum: 1024, description: "a size in bytes (at least 1024)" });
/** Required for a non-loopback bind; a short token would be guessable. */
export const MIN_TOKEN_LENGTH = 16;
const AuthToken = Type.String({ minLength: MIN_TOKEN_LENGTH, description: `a secret of at least ${MIN_TOKEN_LENGTH} characters` });
const Usd = Type.Number({ minimum: 0, description: "US dollars per million tokens" });

/** `[pricing."<model>"]`: a model's price, overriding or adding to the shipped table. */
const PriceSection = Type.Object({ input: Usd, cached_input: Type.Optional(Usd), cache_write: Type.Optional(Usd), output: Usd }, closed);

export const ConfigFileSchema = Type.Object({
  upstream: Type.Optional(Type.Object({ openai_base_url: Type.Optional(Url), anthropic_base_url: Type.Optional(Url), chatgpt_base_url: Type.Optional(Url) }, closed)),
  gateway: Type.Optional(
    Type.Object({
      bind: Type.Optional(Type.String({ minLength: 1, description: "HOST:PORT" })),
      max_body_bytes: Type.Optional(Bytes),
      max_hook_payload_bytes: Type.Optional(Bytes),
      idle_timeout_secs: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      session_idle_secs: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      max_sessions: Type.Optional(Type.Integer({ minimum: 1 })),
      idle_exit_secs: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      upstream_header_timeout_secs: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      upstream_idle_timeout_secs: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      auth_token: Type.Optional(AuthToken),
      allowed_hosts: Type.Optional(Type.Array(Type.String({ pattern: "^[A-Za-z0-9.\\[\\]:_-]+$", description: "HOST or HOST:PORT" }))),
      /** The session viewer at `/ui` (default: on when the gateway binds loopback). */
      ui: Type.Optional(Type.Boolean()),
    }, closed),
  ),
  agents: Type.Optional(Type.Record(Type.String(), Type.Object({ command: Type.Optional(Type.String({ minLength: 1 })) }, closed))),
  redaction: Type.Optional(Type.Object({ enabled: Type.Optional(Type.Boolean()) }, closed)),
  pricing: Type.Optional(Type.Record(Type.String({ minLength: 1 }), PriceSection)),
  x: Type.Optional(Type.Unknown()),
}, closed);
export type ConfigFile = Static<typeof ConfigFileSchema>;

const AtifSection = Type.Object({ enabled: Type.Optional(Type.Boolean()), output_directory: Type.Optional(Type.String({ minLength: 1 })) }, closed);

export const OTLP_PROTOCOLS = ["http/protobuf", "http/json"] as const;
export const EXPORT_MODES = ["genai", "openinference"] as const;
/** OTLP's own values (`OTEL_EXPORTER_OTLP_COMPRESSION`): gzip makes export bodies ~10× smaller. */
export const OTLP_COMPRESSIONS = ["none", "gzip"] as const;
const OpenTelemetrySection = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  endpoint: Type.Optional(Url),
  protocol: Type.Optional(Type.Union(OTLP_PROTOCOLS.map((p) => Type.Literal(p)))),
  headers: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.String())),
  service_name: Type.Optional(Type.String({ minLength: 1 })),
  timeout_millis: Type.Optional(Type.Integer({ minimum: 1 })),
  mode: Type.Optional(Type.Union(EXPORT_MODES.map((m) => Type.Literal(m)))),
  compression: Type.Optional(Type.Union(OTLP_COMPRESSIONS.map((c) => Type.Literal(c)))),
}, closed);

export const PluginsFileSchema = Type.Object({
  version: Type.Optional(Type.Literal(1)),
  components: Type.Optional(
    Type.Array(
      Type.Object({
        kind: Type.String({ minLength: 1 }),
        enabled: Type.Optional(Type.Boolean()),
        config: Type.Optional(Type.Object({ atif: Type.Optional(AtifSection), opentelemetry: Type.Optional(OpenTelemetrySection), x: Type.Optional(Type.Unknown()) }, closed)),
        x: Type.Optional(Type.Unknown()),
      }, closed),
    ),
  ),
  x: Type.Optional(Type.Unknown()),
}, closed);
export type PluginsFile = Static<typeof PluginsFileSchema>;

/** Everything the gateway runs with, after layering files, environment and flags. */
export interface GatewayConfig {
  readonly upstream: {
    readonly openaiBaseUrl: string;
    readonly anthropicBaseUrl: string;
    /** Where Codex's calls signed in with ChatGPT go (paths without `/v1`). */
    readonly chatgptBaseUrl: string;
  };
  readonly gateway: {
    readonly bind: string;
    readonly maxBodyBytes: number;
    readonly maxHookPayloadBytes: number;
    /** A turn quiet this long is closed (and written). */
    readonly idleTimeoutSecs: number;
    /** A session quiet this long is ended and written, then forgotten. */
    readonly sessionIdleSecs: number;
    /** Sessions kept in memory at most; the least recently active are ended first. */
    readonly maxSessions: number;
    /** `serve --exit-when-idle` (the on-demand gateway) stops after this long with every session finalized. */
    readonly idleExitSecs: number;
    /** A provider that sends no response headers this long is answered for with a 504. */
    readonly upstreamHeaderTimeoutSecs: number;
    /** A response body silent this long mid-stream is closed (the client keeps what came). */
    readonly upstreamIdleTimeoutSecs: number;
    /** `NEMO_RELAY_AUTH_TOKEN` or `auth_token`: every request must carry it; never printed. */
    readonly authToken?: string;
    /** Beyond loopback, the `Host` names clients may use (empty: any; the token guards the gateway). */
    readonly allowedHosts: readonly string[];
    /** `[gateway] ui`: the viewer at `/ui`; undefined means on for a loopback bind, off otherwise. */
    readonly ui?: boolean;
  };
  readonly agents: Readonly<Record<string, { readonly command?: string }>>;
  readonly atif: { readonly enabled: boolean; readonly outputDirectory: string };
  readonly opentelemetry: OpenTelemetryConfig;
  /** `[pricing."<model>"]` entries, USD per million tokens; they win over the shipped table. */
  readonly pricing: PriceTable;
  /** Replace API-key-shaped strings in everything written (on unless turned off). */
  readonly redactSecrets: boolean;
  /** The files that were read, lowest precedence first. */
  readonly sources: readonly string[];
}

/** The OTLP trace export (`[components.config.opentelemetry]`, then `OTEL_*` variables). */
export interface OpenTelemetryConfig {
  readonly enabled: boolean;
  /** The full traces URL, `<endpoint>/v1/traces`. */
  readonly tracesUrl: string;
  readonly protocol: (typeof OTLP_PROTOCOLS)[number];
  /** Sent with every export (collector credentials): never printed or logged. */
  readonly headers: Readonly<Record<string, string>>;
  readonly serviceName: string;
  readonly timeoutMillis: number;
  readonly mode: (typeof EXPORT_MODES)[number];
  readonly compression: (typeof OTLP_COMPRESSIONS)[number];
  /** W3C trace context from the environment (`TRACEPARENT`, `TRACESTATE`): the default parent of every session. */
  readonly traceparent?: string;
  readonly tracestate?: string;
}

export const DEFAULTS = {
  openaiBaseUrl: "https://api.openai.com/v1",
  anthropicBaseUrl: "https://api.anthropic.com",
  chatgptBaseUrl: "https://chatgpt.com/backend-api/codex",
  bind: "127.0.0.1:4040",
  maxBodyBytes: 100 * 1024 * 1024,
  maxHookPayloadBytes: 20 * 1024 * 1024,
  idleTimeoutSecs: 30,
  sessionIdleSecs: 3600,
  maxSessions: 10_000,
  idleExitSecs: 600,
  upstreamHeaderTimeoutSecs: 300,
  upstreamIdleTimeoutSecs: 300,
  atifDirectory: ".nemo-relay/atif",
  otlpEndpoint: "http://localhost:4318",
  otlpTimeoutMillis: 3000,
  serviceName: "nemo-relay",
} as const;
