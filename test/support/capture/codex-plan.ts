/**
 * How Codex 0.169.0 is run for a capture, following real-clients.md: a temporary HOME and
 * CODEX_HOME with the offline `config.toml` (mock provider, plugins and analytics off), a command
 * hook on each of its 14 events given with `-c` and trusted with an inline `hooks.state`,
 * `codex exec` with stdin from /dev/null under `timeout`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { COMPACT_TOKEN_LIMIT, type ScenarioName } from "../mock-llm/index.ts";
import { CODEX_OFFLINE_TOML, recorderCommand, requireClient } from "./clients.ts";
import { CODEX_HOOK_EVENTS } from "../../../src/adapters/agents/codex/injection.ts";
import { codexHookOverrides, type CommandHook } from "./codex-hook-trust.ts";
import type { ClientRun } from "./run-client.ts";

/** The same 14 events the product hooks (Codex 0.169 accepts exactly these). */
export const CODEX_EVENTS = CODEX_HOOK_EVENTS;

export const CODEX_API_KEY = "sk-nemo-dummy-codex";

export const CODEX_PROMPTS: Record<ScenarioName, string> = {
  basic: "Run `echo nemo-$((6*7))` in the shell and tell me what it printed.",
  fail: "Run `echo nemo-fail-$((6*7)); exit 3` in the shell and tell me what happened.",
  subagent: "Spawn a sub-agent to run `echo nemo-sub-$((6*7))`, wait for it, and tell me what it printed.",
  compact: "Run `echo nemo-$((6*7))` in the shell and tell me what it printed.",
  error: "Say hello.",
};

export function configToml(mockUrl: string): string {
  return `model_provider = "mock"
${CODEX_OFFLINE_TOML}
[model_providers.mock]
name = "nemo-relay mock upstream"
base_url = "${mockUrl}/v1"
env_key = "MOCK_API_KEY"
wire_api = "responses"
request_max_retries = 0
stream_max_retries = 0
`;
}

export interface PlanInput {
  readonly root: string;
  readonly mockUrl: string;
  readonly scenario: ScenarioName;
  readonly hookDir: string;
  /** Use `--dangerously-bypass-hook-trust` instead of the computed `hooks.state`. */
  readonly bypassHookTrust: boolean;
}

export function codexPlan(input: PlanInput): ClientRun[] {
  const home = join(input.root, "home");
  const codexHome = join(input.root, "codex-home");
  const work = join(input.root, "work");
  for (const dir of [home, codexHome, work]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(codexHome, "config.toml"), configToml(input.mockUrl));

  // Codex clamps SessionEnd and Interrupt timeouts to 3 s, and hashes the clamped value for trust.
  const timeoutOf = (e: string) => (e === "SessionEnd" || e === "Interrupt" ? 3 : 30);
  const hooks = new Map<string, CommandHook>(CODEX_EVENTS.map((e) => [e, { command: recorderCommand(input.hookDir, e), timeout: timeoutOf(e) }]));
  const hookArgs = codexHookOverrides(hooks);
  const trustArgs = input.bypassHookTrust ? ["--dangerously-bypass-hook-trust", ...hookArgs.slice(0, -2)] : hookArgs;
  const compactArgs = input.scenario === "compact" ? ["-c", `model_auto_compact_token_limit=${COMPACT_TOKEN_LIMIT}`] : [];
  const argv = [requireClient("codex"), "exec", "--skip-git-repo-check", ...trustArgs, ...compactArgs, CODEX_PROMPTS[input.scenario]];
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, CODEX_HOME: codexHome, SHELL: "/bin/bash", MOCK_API_KEY: CODEX_API_KEY };
  return [{ argv, env, cwd: work, timeoutSeconds: 180 }];
}
