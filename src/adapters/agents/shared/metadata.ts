/**
 * Vendor metadata kept on every hook event: scalar payload fields worth keeping (cwd,
 * transcript path, model…) plus what the per-session headers say about the run.
 */
import type { Metadata } from "../../../domain/events.ts";
import type { HookContext } from "../../../ports/agent-hooks.ts";
import { headerText, type SessionIdSource } from "./correlation-ids.ts";
import { asObject, valueAt, type JsonObject } from "./payload-fields.ts";
import { HEADERS } from "../../../ports/wire-names.ts";

/** Fields most agents share; an adapter passes its own list (these plus vendor extras). */
export const COMMON_METADATA_KEYS = [
  "cwd",
  "transcript_path",
  "project_dir",
  "user_email",
  "model",
  "permission_mode",
  "agent_id",
  "agent_type",
  "turn_id",
  "source",
] as const;

/**
 * The given payload fields that hold a scalar, keyed by their last path segment
 * (`extra.model` becomes `model`); the first path that has a value wins.
 */
function vendorMetadata(payload: JsonObject, paths: readonly string[]): Metadata {
  const out: Metadata = {};
  for (const path of paths) {
    const key = path.slice(path.lastIndexOf(".") + 1);
    if (key in out) continue;
    const value = valueAt(payload, path);
    if ((typeof value === "string" && value.trim() !== "") || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) {
      out[key] = value;
    }
  }
  return out;
}

/**
 * What the per-session headers add: `gateway_config_profile` (`x-nemo-relay-config-profile`),
 * `session_metadata` (`x-nemo-relay-session-metadata`, a JSON object; anything else is
 * ignored, the client validated it) and `gateway_mode` (`x-nemo-relay-gateway-mode`).
 * `x-nemo-relay-plugin-config` is deliberately not copied: exporter settings can hold
 * collector credentials, and metadata ends up in ATIF files.
 */
export function headerMetadata(headers: HookContext["headers"]): Metadata {
  const out: Metadata = {};
  const profile = headerText(headers, HEADERS.configProfile);
  if (profile !== undefined) out.gateway_config_profile = profile;
  const sessionMetadata = parseObject(headerText(headers, HEADERS.sessionMetadata));
  if (sessionMetadata) out.session_metadata = sessionMetadata;
  const mode = headerText(headers, HEADERS.gatewayMode);
  if (mode !== undefined) out.gateway_mode = mode;
  return out;
}

/** Vendor fields, header metadata and, when the session id had to be invented, a note saying so. */
export function hookMetadata(payload: JsonObject, headers: HookContext["headers"], paths: readonly string[], sessionIdSource: SessionIdSource): Metadata {
  return {
    ...vendorMetadata(payload, paths),
    ...headerMetadata(headers),
    ...(sessionIdSource === "fallback" ? { session_id_source: "fallback" } : {}),
  };
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}
