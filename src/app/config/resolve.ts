import { Value, ValueErrorType } from "@sinclair/typebox/value";
import type { TSchema } from "@sinclair/typebox";
import { fail, ok, type Result } from "../../domain/errors.ts";
import { isObject } from "../../domain/json.ts";
import { closest } from "../nearest-name.ts";
import { lineOfPath } from "../plugins/toml-lines.ts";
import { pricingOf, resolveOpenTelemetry } from "./opentelemetry.ts";
import { ConfigFileSchema, DEFAULTS, MIN_TOKEN_LENGTH, PluginsFileSchema, type ConfigFile, type GatewayConfig, type PluginsFile } from "./schema.ts";
import { ENV } from "../../ports/wire-names.ts";

/** One parsed file of a layer. */
export interface Layer {
  readonly path: string;
  readonly data: Record<string, unknown>;
  /** The file's text, when read from disk: errors then name the line. */
  readonly text?: string;
}

/** What may override the files, highest precedence last: environment, then flags. */
export interface Overrides {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly bind?: string;
  readonly openaiBaseUrl?: string;
  readonly anthropicBaseUrl?: string;
  readonly chatgptBaseUrl?: string;
  readonly idleExitSecs?: number;
}

/** A positive number from an environment variable; anything else counts as unset. */
function positive(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && text.trim() !== "" && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Recursive merge: tables merge, scalars and arrays from the higher layer replace. */
function mergeTables(low: Record<string, unknown>, high: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...low };
  for (const [key, value] of Object.entries(high)) {
    const below = out[key];
    out[key] = isObject(below) && isObject(value) ? mergeTables(below, value) : value;
  }
  return out;
}

/** `components` merge by `kind`: a higher layer's component updates the same kind below it. */
export function mergePlugins(low: Record<string, unknown>, high: Record<string, unknown>): Record<string, unknown> {
  const merged = mergeTables(low, { ...high, components: undefined });
  const components = [...((low.components as unknown[]) ?? [])] as Array<Record<string, unknown>>;
  for (const component of (high.components as Array<Record<string, unknown>>) ?? []) {
    const at = components.findIndex((c) => c.kind === component.kind);
    if (at >= 0) components[at] = mergeTables(components[at]!, component);
    else components.push(component);
  }
  return { ...merged, components };
}

/** Keys whose values are credentials: an error names the key, never the value. */
const SECRET_KEY = /(^|\.)(auth_token|headers)(\.|$)/;

function check<T>(schema: TSchema, layer: Layer): Result<T> {
  const problem = Value.Errors(schema, layer.data).First();
  if (!problem) return ok(layer.data as T);
  const key = problem.path.replace(/^\//, "").replaceAll("/", ".") || "(top level)";
  const line = layer.text === undefined ? undefined : lineOfPath(layer.text, problem.path);
  const where = `${layer.path}${line ? `:${line}` : ""}`;
  if (problem.type === ValueErrorType.ObjectAdditionalProperties) {
    const known = Object.keys((problem.schema as { properties?: object }).properties ?? {}).filter((k) => k !== "x");
    const near = closest(problem.path.split("/").at(-1)!, known);
    return fail("config_invalid", `${where}: unknown key ${key}${near ? `; did you mean ${near}?` : known.length > 0 ? `; known here: ${known.join(", ")}` : ""} (notes of your own go under [x])`);
  }
  const got = SECRET_KEY.test(key) ? "value not shown" : `got ${JSON.stringify(problem.value)}`;
  return fail("config_invalid", `${where}: ${key}: ${problem.message} (${got})`);
}

/** `NEMO_RELAY_AUTH_TOKEN` beats `[gateway] auth_token`; both are held to the same minimum length. */
function authTokenOf(env: Readonly<Record<string, string | undefined>>, file: ConfigFile): Result<string | undefined> {
  const fromEnv = env[ENV.authToken];
  if (fromEnv === undefined || fromEnv === "") return ok(file.gateway?.auth_token);
  if (fromEnv.length < MIN_TOKEN_LENGTH) return fail("config_invalid", `NEMO_RELAY_AUTH_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters (value not shown)`);
  return ok(fromEnv);
}

/**
 * The gateway configuration from `config.toml` layers (lowest first), `plugins.toml` layers,
 * then environment, then flags. Every layer is checked on its own, so an error names its file.
 *
 * @example
 * resolveConfig([{ path: "/etc/nemo-relay/config.toml", data: { upstream: { openai_base_url: "http://127.0.0.1:9" } } }], [], {});
 */
export function resolveConfig(configLayers: readonly Layer[], pluginLayers: readonly Layer[], overrides: Overrides): Result<GatewayConfig> {
  let config: Record<string, unknown> = {};
  for (const layer of configLayers) {
    const checked = check<ConfigFile>(ConfigFileSchema, layer);
    if (!checked.ok) return checked;
    config = mergeTables(config, layer.data);
  }
  let plugins: Record<string, unknown> = {};
  for (const layer of pluginLayers) {
    const checked = check<PluginsFile>(PluginsFileSchema, layer);
    if (!checked.ok) return checked;
    const kinds = ((layer.data.components as Array<{ kind: string }>) ?? []).map((c) => c.kind);
    const repeated = kinds.find((kind, i) => kinds.indexOf(kind) !== i);
    if (repeated) return fail("config_invalid", `${layer.path}: components: kind "${repeated}" appears twice`);
    plugins = mergePlugins(plugins, layer.data);
  }
  const file = config as ConfigFile;
  const env = overrides.env ?? {};
  const observability = ((plugins as PluginsFile).components ?? []).find((c) => c.kind === "observability");
  const atif = observability?.config?.atif;
  const opentelemetry = resolveOpenTelemetry(observability?.config?.opentelemetry, observability?.enabled !== false, env);
  if (!opentelemetry.ok) return opentelemetry;
  const authToken = authTokenOf(env, file);
  if (!authToken.ok) return authToken;
  const result: GatewayConfig = {
    upstream: {
      openaiBaseUrl: overrides.openaiBaseUrl ?? env[ENV.openaiBaseUrl] ?? file.upstream?.openai_base_url ?? DEFAULTS.openaiBaseUrl,
      anthropicBaseUrl: overrides.anthropicBaseUrl ?? env[ENV.anthropicBaseUrl] ?? file.upstream?.anthropic_base_url ?? DEFAULTS.anthropicBaseUrl,
      chatgptBaseUrl: overrides.chatgptBaseUrl ?? env[ENV.chatgptBaseUrl] ?? file.upstream?.chatgpt_base_url ?? DEFAULTS.chatgptBaseUrl,
    },
    gateway: {
      bind: overrides.bind ?? env[ENV.gatewayBind] ?? file.gateway?.bind ?? DEFAULTS.bind,
      maxBodyBytes: file.gateway?.max_body_bytes ?? DEFAULTS.maxBodyBytes,
      maxHookPayloadBytes: file.gateway?.max_hook_payload_bytes ?? DEFAULTS.maxHookPayloadBytes,
      idleTimeoutSecs: file.gateway?.idle_timeout_secs ?? DEFAULTS.idleTimeoutSecs,
      sessionIdleSecs: file.gateway?.session_idle_secs ?? DEFAULTS.sessionIdleSecs,
      maxSessions: file.gateway?.max_sessions ?? DEFAULTS.maxSessions,
      idleExitSecs: overrides.idleExitSecs ?? positive(env[ENV.idleExitSecs]) ?? file.gateway?.idle_exit_secs ?? DEFAULTS.idleExitSecs,
      upstreamHeaderTimeoutSecs: file.gateway?.upstream_header_timeout_secs ?? DEFAULTS.upstreamHeaderTimeoutSecs,
      upstreamIdleTimeoutSecs: file.gateway?.upstream_idle_timeout_secs ?? DEFAULTS.upstreamIdleTimeoutSecs,
      allowedHosts: file.gateway?.allowed_hosts ?? [],
      ...(file.gateway?.ui === undefined ? {} : { ui: file.gateway.ui }),
      ...(authToken.value !== undefined ? { authToken: authToken.value } : {}),
    },
    agents: file.agents ?? {},
    // Recording is the product: ATIF is on unless a plugins.toml turns it off.
    atif: {
      enabled: observability?.enabled !== false && atif?.enabled !== false,
      outputDirectory: atif?.output_directory ?? DEFAULTS.atifDirectory,
    },
    opentelemetry: opentelemetry.value,
    pricing: pricingOf(file),
    redactSecrets: file.redaction?.enabled !== false,
    sources: [...configLayers, ...pluginLayers].map((l) => l.path),
  };
  const { openaiBaseUrl, anthropicBaseUrl, chatgptBaseUrl } = result.upstream;
  for (const [name, url] of [[ENV.openaiBaseUrl, openaiBaseUrl], [ENV.anthropicBaseUrl, anthropicBaseUrl], [ENV.chatgptBaseUrl, chatgptBaseUrl]] as const) {
    if (!/^https?:\/\//.test(url)) return fail("config_invalid", `upstream URL must be http(s): ${url} (from ${name}, a flag or a file)`);
  }
  return ok(result);
}
