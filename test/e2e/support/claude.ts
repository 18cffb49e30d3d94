/**
 * Claude Code 2.1.328 offline (shared/reference/real-clients.md): the environment of a `-p` run
 * and — for hook-only mode — a user `settings.json` whose command hooks run
 * `nemo-relay hook-forward claude`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLAUDE_EVENTS, CLAUDE_PROMPTS } from "../../support/capture/claude-plan.ts";
import { CLAUDE_OFFLINE_ENV } from "../../support/capture/clients.ts";
import { BUN, NEMO_RELAY, testPath } from "./paths.ts";
import type { Sandbox } from "./sandbox.ts";

export { CLAUDE_PROMPTS };

/** The dummy key Claude sends as `x-api-key`. */
export const CLAUDE_KEY = "sk-ant-nemo-e2e-dummy-claude";

export interface ClaudeEnvOptions {
  /** `ANTHROPIC_BASE_URL`: set for a direct run; left out under `nemo-relay claude`, which sets it. */
  readonly baseUrl?: string;
  /** On a 5xx Claude retries with backoff for minutes; the error scenario turns that off. */
  readonly noRetries?: boolean;
}

/** The whole environment of a Claude run (nothing inherited from the machine). */
export function claudeEnv(box: Sandbox, options: ClaudeEnvOptions = {}, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: testPath(),
    HOME: box.home,
    XDG_CONFIG_HOME: box.xdgConfig,
    SHELL: "/bin/bash",
    ANTHROPIC_API_KEY: CLAUDE_KEY,
    ...CLAUDE_OFFLINE_ENV,
    ...(options.baseUrl !== undefined ? { ANTHROPIC_BASE_URL: options.baseUrl } : {}),
    ...(options.noRetries ? { CLAUDE_CODE_MAX_RETRIES: "0" } : {}),
    ...extra,
  };
}

/** `claude` arguments after the binary (or after `nemo-relay claude --`); `--` keeps the prompt from variadic flags. */
export const claudePrintArgs = (prompt: string): string[] => ["-p", "--dangerously-skip-permissions", "--", prompt];

/** The command a hook runs in hook-only mode, with absolute paths (hooks run in a login shell). */
export const CLAUDE_HOOK_COMMAND = `${BUN} ${NEMO_RELAY} hook-forward claude`;

/** Writes `$HOME/.claude/settings.json` registering the hook-forward command on every event but WorktreeCreate. */
export function writeClaudeHookOnlySettings(box: Sandbox): void {
  const hooks: Record<string, unknown> = {};
  for (const event of CLAUDE_EVENTS) hooks[event] = [{ hooks: [{ type: "command", command: CLAUDE_HOOK_COMMAND, timeout: 30 }] }];
  mkdirSync(join(box.home, ".claude"), { recursive: true });
  writeFileSync(join(box.home, ".claude", "settings.json"), `${JSON.stringify({ hooks }, null, 2)}\n`);
}
