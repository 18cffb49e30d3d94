import { fail, ok, type Result } from "../../domain/errors.ts";
import type { ModelPrice, PriceTable } from "../../domain/pricing/model-price.ts";
import { DEFAULTS, EXPORT_MODES, OTLP_COMPRESSIONS, OTLP_PROTOCOLS, type ConfigFile, type OpenTelemetryConfig, type PluginsFile } from "./schema.ts";

type Env = Readonly<Record<string, string | undefined>>;
type Section = NonNullable<NonNullable<NonNullable<PluginsFile["components"]>[number]["config"]>["opentelemetry"]>;

const TRACES_PATH = "/v1/traces";

/** `<endpoint>/v1/traces`, unless the endpoint already names that path. */
const tracesUrlOf = (endpoint: string) => (endpoint.replace(/\/+$/, "").endsWith(TRACES_PATH) ? endpoint.replace(/\/+$/, "") : `${endpoint.replace(/\/+$/, "")}${TRACES_PATH}`);

const present = (value: string | undefined) => (value !== undefined && value.trim() !== "" ? value.trim() : undefined);

/**
 * `OTEL_EXPORTER_OTLP_HEADERS`: comma-separated `key=value` pairs, values URL-decoded
 * (the OTLP exporter spec). Malformed pairs are skipped, as the spec allows.
 *
 * @example
 * parseOtlpHeaders("api-key=abc%3D,x-team = core"); // { "api-key": "abc=", "x-team": "core" }
 */
export function parseOtlpHeaders(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (raw ?? "").split(",")) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    const key = pair.slice(0, at).trim();
    try {
      if (key !== "") out[key.toLowerCase()] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      // an undecodable value is skipped like any malformed pair
    }
  }
  return out;
}

/**
 * The trace export settings: the plugins.toml section, then the standard `OTEL_*` variables
 * (env beats files), then `TRACEPARENT`/`TRACESTATE` as the default parent of every session.
 * Exporting is opt-in: a variable alone never turns it on, since it ships prompts off the machine.
 */
export function resolveOpenTelemetry(section: Section | undefined, componentEnabled: boolean, env: Env): Result<OpenTelemetryConfig> {
  const enabled = componentEnabled && section?.enabled === true;
  const tracesEnv = present(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const baseEnv = present(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  const tracesUrl = tracesEnv ?? tracesUrlOf(baseEnv ?? section?.endpoint ?? DEFAULTS.otlpEndpoint);
  const protocol = present(env.OTEL_EXPORTER_OTLP_PROTOCOL) ?? section?.protocol ?? "http/protobuf";
  const compression = present(env.OTEL_EXPORTER_OTLP_TRACES_COMPRESSION) ?? present(env.OTEL_EXPORTER_OTLP_COMPRESSION) ?? section?.compression ?? "none";
  if (enabled) {
    const from = tracesEnv ? "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" : baseEnv ? "OTEL_EXPORTER_OTLP_ENDPOINT" : "the opentelemetry endpoint";
    if (!/^https?:\/\/[^/]/.test(tracesUrl)) return fail("config_invalid", `OTLP endpoint must be an http(s) URL: ${redactUrl(tracesUrl)} (from ${from})`);
    if (!(OTLP_PROTOCOLS as readonly string[]).includes(protocol)) {
      return fail("config_invalid", `OTLP protocol "${protocol}" is not supported (from OTEL_EXPORTER_OTLP_PROTOCOL or plugins.toml); use ${OTLP_PROTOCOLS.join(" or ")}`);
    }
    if (!(OTLP_COMPRESSIONS as readonly string[]).includes(compression)) {
      return fail("config_invalid", `OTLP compression "${compression}" is not supported (from OTEL_EXPORTER_OTLP_COMPRESSION, its _TRACES_ variant or plugins.toml); use ${OTLP_COMPRESSIONS.join(" or ")}`);
    }
  }
  return ok({
    enabled,
    tracesUrl,
    protocol: protocol as OpenTelemetryConfig["protocol"],
    headers: { ...lowerKeys(section?.headers ?? {}), ...parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS) },
    serviceName: present(env.OTEL_SERVICE_NAME) ?? section?.service_name ?? DEFAULTS.serviceName,
    timeoutMillis: section?.timeout_millis ?? DEFAULTS.otlpTimeoutMillis,
    mode: section?.mode ?? EXPORT_MODES[0],
    compression: compression as OpenTelemetryConfig["compression"],
    ...(present(env.TRACEPARENT) ? { traceparent: present(env.TRACEPARENT) } : {}),
    ...(present(env.TRACESTATE) ? { tracestate: present(env.TRACESTATE) } : {}),
  });
}

/** `[pricing."<model>"]` sections as domain prices. */
export function pricingOf(file: ConfigFile): PriceTable {
  const out: Record<string, ModelPrice> = {};
  for (const [model, p] of Object.entries(file.pricing ?? {})) {
    out[model] = { input: p.input, output: p.output, ...(p.cached_input !== undefined ? { cachedInput: p.cached_input } : {}), ...(p.cache_write !== undefined ? { cacheWrite: p.cache_write } : {}) };
  }
  return out;
}

/** An endpoint safe to print: no user:password, no query (where collector tokens sometimes go). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    parsed.search = "";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//").replace(/\?.*$/, "");
  }
}

const lowerKeys = (headers: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
