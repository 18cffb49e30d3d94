/**
 * What nemo-relay gives Codex, described once: the launch plan (`-c` overrides for one run) and
 * the persistent install (`hooks.json` and `config.toml`) are both built from it, so they cannot
 * drift apart.
 */
import type { CommandHook } from "./hook-trust.ts";

/** Every hook event Codex 0.169 accepts. */
export const CODEX_HOOK_EVENTS = [
  "SessionStart",
  "UserPromptSubmit",
  "PreModelRequest",
  "PostModelRequest",
  "PreToolUse",
  "PermissionRequest",
  "PostToolUse",
  "PreCompact",
  "PostCompact",
  "SubagentStart",
  "SubagentStop",
  "Stop",
  "Interrupt",
  "SessionEnd",
] as const;

/** The provider alias that points Codex's model calls at the gateway; the built-in `openai` provider is never overridden. */
export const PROVIDER_ALIAS = "nemo-relay-openai";

/** Codex clamps these to 3 s and hashes the clamped value; declare 3 so the trust hash matches. */
const SHORT = new Set<string>(["SessionEnd", "Interrupt"]);

/** The hook nemo-relay registers for `event`, running `command`. */
export const codexHook = (event: string, command: string): CommandHook => ({ command, timeout: SHORT.has(event) ? 3 : 30 });

/** The provider alias's settings as TOML values, in the order they are written. */
export function providerEntries(gatewayUrl: string): Array<[string, string]> {
  return [
    ["name", '"nemo-relay"'],
    ["base_url", JSON.stringify(`${gatewayUrl}/v1`)],
    ["wire_api", '"responses"'],
    ["requires_openai_auth", "true"],
    ["supports_websockets", "false"],
  ];
}

/** The same settings as one TOML inline table (`{name="nemo-relay",…}`), for a `-c` override. */
export const providerInlineTable = (gatewayUrl: string, extra: ReadonlyArray<[string, string]> = []) => `{${[...providerEntries(gatewayUrl), ...extra].map(([key, value]) => `${key}=${value}`).join(",")}}`;
