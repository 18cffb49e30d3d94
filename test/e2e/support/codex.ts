/**
 * Codex CLI 0.169.0 offline (shared/reference/real-clients.md): the user's `config.toml` in a
 * temporary CODEX_HOME, the environment, and — for hook-only mode — the `-c` hook overrides that
 * run `nemo-relay hook-forward codex`, trusted by their computed `hooks.state` hashes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CODEX_OFFLINE_TOML } from "../../support/capture/clients.ts";
import { CODEX_EVENTS, CODEX_PROMPTS } from "../../support/capture/codex-plan.ts";
import { codexHookOverrides, type CommandHook } from "../../support/capture/codex-hook-trust.ts";
import { BUN, NEMO_RELAY, testPath } from "./paths.ts";
import type { Sandbox } from "./sandbox.ts";

export { CODEX_PROMPTS };

/**
 * The dummy key Codex sends. `requires_openai_auth = true` (the wrapper's provider) ignores
 * `OPENAI_API_KEY` in 0.169: it takes `CODEX_API_KEY` from the environment, else the key
 * `codex login --with-api-key` stored in `$CODEX_HOME/auth.json`, else sends no Authorization.
 */
export const CODEX_KEY = "sk-nemo-e2e-dummy-codex";

/**
 * `$CODEX_HOME/config.toml`. Without `mockUrl` it has the offline settings only and no provider
 * (what a user of `nemo-relay codex` has: the wrapper picks its own provider). With it, the
 * user's own `mock` provider talks to the mock directly (a run without nemo-relay, or hook-only).
 */
export function codexConfigToml(mockUrl?: string): string {
  if (mockUrl === undefined) return CODEX_OFFLINE_TOML;
  return `model_provider = "mock"
${CODEX_OFFLINE_TOML}
[model_providers.mock]
name = "nemo-relay e2e mock upstream"
base_url = "${mockUrl}/v1"
env_key = "CODEX_API_KEY"
wire_api = "responses"
`;
}

export function writeCodexConfig(box: Sandbox, mockUrl?: string): void {
  writeFileSync(join(box.codexHome, "config.toml"), codexConfigToml(mockUrl));
}

/** The whole environment of a Codex run (nothing inherited from the machine). */
export function codexEnv(box: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: testPath(),
    HOME: box.home,
    CODEX_HOME: box.codexHome,
    XDG_CONFIG_HOME: box.xdgConfig,
    SHELL: "/bin/bash",
    CODEX_API_KEY: CODEX_KEY,
    ...extra,
  };
}

/** `codex exec` arguments after the binary (or after `nemo-relay codex --`). */
export const codexExecArgs = (prompt: string): string[] => ["exec", "--skip-git-repo-check", prompt];

/** The command a hook runs in hook-only mode. Absolute paths: Codex runs hooks with `$SHELL -lc`, whose profile resets PATH. */
export const CODEX_HOOK_COMMAND = `${BUN} ${NEMO_RELAY} hook-forward codex`;

/**
 * `-c` overrides registering `nemo-relay hook-forward codex` on all 14 events, plus the inline
 * `hooks.state` trusting them. SessionEnd and Interrupt are declared with 3 s: Codex clamps
 * them to 3 s and hashes the clamped value, so any other value would leave them untrusted.
 */
export function codexHookOnlyArgs(): string[] {
  const timeoutOf = (event: string) => (event === "SessionEnd" || event === "Interrupt" ? 3 : 30);
  const hooks = new Map<string, CommandHook>(CODEX_EVENTS.map((event) => [event, { command: CODEX_HOOK_COMMAND, timeout: timeoutOf(event) }]));
  return codexHookOverrides(hooks);
}
