import { afterEach, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/app/config/load-config.ts";
import { parseOtlpHeaders, redactUrl } from "../../../src/app/config/opentelemetry.ts";
import { resolveConfig } from "../../../src/app/config/resolve.ts";
import type { GatewayConfig } from "../../../src/app/config/schema.ts";
import { formatPlan } from "../../../src/app/launch/print-plan.ts";
import type { LaunchPlan } from "../../../src/ports/agent-launch.ts";

const plugins = (opentelemetry: Record<string, unknown>, extra: Record<string, unknown> = {}) => [{ path: "/p/plugins.toml", data: { components: [{ kind: "observability", ...extra, config: { opentelemetry } }] } }];
const resolve = (otel: Record<string, unknown>, env: Record<string, string> = {}, extra: Record<string, unknown> = {}) => resolveConfig([], plugins(otel, extra), { env });
const otelOf = (result: ReturnType<typeof resolveConfig>) => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value.opentelemetry;
};

describe("[components.config.opentelemetry]", () => {
  test("off unless enabled; defaults: localhost:4318, http/protobuf, genai, service nemo-relay, 3 s", () => {
    expect(otelOf(resolveConfig([], [], {})).enabled).toBe(false);
    expect(otelOf(resolve({ enabled: true }))).toEqual({ enabled: true, tracesUrl: "http://localhost:4318/v1/traces", protocol: "http/protobuf", headers: {}, serviceName: "nemo-relay", timeoutMillis: 3000, mode: "genai", compression: "none" });
    // The component switch turns every exporter off.
    expect(otelOf(resolve({ enabled: true }, {}, { enabled: false })).enabled).toBe(false);
  });

  test("file settings: endpoint gets /v1/traces (once), headers, protocol, mode, service name, timeout", () => {
    const otel = otelOf(resolve({ enabled: true, endpoint: "https://otel.example:4318/", protocol: "http/json", headers: { "X-Api-Key": "k" }, service_name: "relay-a", timeout_millis: 500, mode: "openinference", compression: "gzip" }));
    expect(otel).toEqual({ enabled: true, tracesUrl: "https://otel.example:4318/v1/traces", protocol: "http/json", headers: { "x-api-key": "k" }, serviceName: "relay-a", timeoutMillis: 500, mode: "openinference", compression: "gzip" });
    expect(otelOf(resolve({ enabled: true, endpoint: "http://c:4318/v1/traces" })).tracesUrl).toBe("http://c:4318/v1/traces");
  });

  test("the standard OTEL_* variables win over files; a variable alone never turns export on", () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://env-collector:4318",
      OTEL_EXPORTER_OTLP_HEADERS: "api-key=s%3Dcret, x-team = core ,broken,=nokey",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_SERVICE_NAME: "from-env",
    };
    const otel = otelOf(resolve({ enabled: true, endpoint: "http://file:4318", headers: { "api-key": "file", "x-file": "1" }, service_name: "from-file" }, env));
    expect(otel).toMatchObject({ tracesUrl: "http://env-collector:4318/v1/traces", protocol: "http/json", serviceName: "from-env", headers: { "api-key": "s=cret", "x-team": "core", "x-file": "1" } });
    // The signal-specific endpoint is used as it is.
    expect(otelOf(resolve({ enabled: true }, { ...env, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://traces-only:9/custom" })).tracesUrl).toBe("http://traces-only:9/custom");
    expect(otelOf(resolveConfig([], [], { env })).enabled).toBe(false);
  });

  test("OTEL_EXPORTER_OTLP_COMPRESSION (its _TRACES_ variant first) sets gzip over the file; anything else is a clear error", () => {
    expect(otelOf(resolve({ enabled: true }, { OTEL_EXPORTER_OTLP_COMPRESSION: "gzip" })).compression).toBe("gzip");
    expect(otelOf(resolve({ enabled: true, compression: "gzip" }, { OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: "none", OTEL_EXPORTER_OTLP_COMPRESSION: "gzip" })).compression).toBe("none");
    const zstd = resolve({ enabled: true }, { OTEL_EXPORTER_OTLP_COMPRESSION: "zstd" });
    expect(!zstd.ok && zstd.error.message).toBe('OTLP compression "zstd" is not supported (from OTEL_EXPORTER_OTLP_COMPRESSION, its _TRACES_ variant or plugins.toml); use none or gzip');
    const file = resolve({ enabled: true, compression: "br" });
    expect(!file.ok && file.error.message).toStartWith("/p/plugins.toml: components.0.config.opentelemetry.compression:");
  });

  test("TRACEPARENT / TRACESTATE from the environment become every session's default parent", () => {
    const otel = otelOf(resolve({ enabled: true }, { TRACEPARENT: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", TRACESTATE: "a=1" }));
    expect(otel).toMatchObject({ traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", tracestate: "a=1" });
  });

  test("clear errors: an unsupported protocol, a bad endpoint, a wrong value in the file", () => {
    const grpc = resolve({ enabled: true }, { OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" });
    expect(!grpc.ok && grpc.error.message).toBe('OTLP protocol "grpc" is not supported (from OTEL_EXPORTER_OTLP_PROTOCOL or plugins.toml); use http/protobuf or http/json');
    const endpoint = resolve({ enabled: true }, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "collector:4318" });
    expect(!endpoint.ok && endpoint.error.message).toContain("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    const mode = resolve({ enabled: true, mode: "zipkin" });
    expect(!mode.ok && mode.error.message).toStartWith("/p/plugins.toml: components.0.config.opentelemetry.mode:");
    // Disabled, a stray variable is nobody's business.
    expect(resolve({ enabled: false }, { OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" }).ok).toBe(true);
  });

  test("OTEL_EXPORTER_OTLP_HEADERS parsing and printable endpoints", () => {
    expect(parseOtlpHeaders("a=1,b=x%2Cy,c=%ZZ,d")).toEqual({ a: "1", b: "x,y" });
    expect(parseOtlpHeaders(undefined)).toEqual({});
    expect(redactUrl("https://user:pw@otel.example:4318/v1/traces?token=t")).toBe("https://otel.example:4318/v1/traces");
  });
});

describe("[pricing] in config.toml", () => {
  const tree = (files: Record<string, string>) => {
    const root = mkdtempSync(join(tmpdir(), "nemo-relay-pricing-"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, ".."), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

  test("model prices from TOML, layered like every other key", () => {
    const root = tree({
      "repo/.nemo-relay/config.toml": '[pricing."my-model"]\ninput = 1.5\ncached_input = 0.15\ncache_write = 2\noutput = 6\n[pricing."gpt-4o"]\ninput = 1\noutput = 1\n',
      "xdg/nemo-relay/config.toml": '[pricing."gpt-4o"]\ninput = 2.25\noutput = 9\n',
    });
    roots.push(root);
    const config = loadConfig({ cwd: join(root, "repo"), env: { XDG_CONFIG_HOME: join(root, "xdg") } });
    expect(config.ok && config.value.pricing).toEqual({ "my-model": { input: 1.5, cachedInput: 0.15, cacheWrite: 2, output: 6 }, "gpt-4o": { input: 2.25, output: 9 } });
  });

  test("a price must be a non-negative number, input and output both given", () => {
    const negative = resolveConfig([{ path: "/c.toml", data: { pricing: { m: { input: -1, output: 1 } } } }], [], {});
    expect(!negative.ok && negative.error.message).toStartWith("/c.toml: pricing.m.input:");
    const partial = resolveConfig([{ path: "/c.toml", data: { pricing: { m: { input: 1 } } } }], [], {});
    expect(!partial.ok && partial.error.message).toStartWith("/c.toml: pricing.m");
  });
});

describe("the run plan names the OpenTelemetry destination, never its headers", () => {
  const plan: LaunchPlan = { argv: ["codex"], env: {}, details: [], notes: [] };
  const configWith = (otel: Record<string, unknown>, env: Record<string, string> = {}): GatewayConfig => {
    const result = resolveConfig([], plugins(otel), { env });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  test("one exporter line per destination", () => {
    const text = formatPlan("codex", "http://127.0.0.1:1", configWith({ enabled: true, endpoint: "https://u:p@otel.example:4318", headers: { authorization: "Bearer secret-token" } }), plan, {});
    expect(text).toContain("exporter = ATIF .nemo-relay/atif/<session-id>.atif.json\n");
    expect(text).toContain("exporter = OpenTelemetry https://otel.example:4318/v1/traces\n");
    expect(text).not.toContain("secret-token");
    expect(text).not.toContain("u:p@");
    const oi = formatPlan("codex", "http://127.0.0.1:1", configWith({ enabled: true, mode: "openinference" }), plan, {});
    expect(oi).toContain("exporter = OpenInference http://localhost:4318/v1/traces\n");
    expect(formatPlan("codex", "http://127.0.0.1:1", configWith({ enabled: false }), plan, {})).not.toContain("OpenTelemetry");
  });
});
