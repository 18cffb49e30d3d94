/** Where the pinned clients live (test/e2e, installed with `npm install` there) and their versions. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(import.meta.dir, "../../..");
export const E2E_BIN = join(REPO_ROOT, "test/e2e/node_modules/.bin");
export const RECORDER = join(import.meta.dir, "record-hook.sh");

export const CLIENTS = {
  codex: { bin: join(E2E_BIN, "codex"), version: "0.169.0", fixtures: join(REPO_ROOT, "test/fixtures/codex") },
  claude: { bin: join(E2E_BIN, "claude"), version: "2.1.328", fixtures: join(REPO_ROOT, "test/fixtures/claude-code") },
} as const;
export type ClientName = keyof typeof CLIENTS;

export function requireClient(name: ClientName): string {
  const { bin } = CLIENTS[name];
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm install\` in test/e2e first`);
  return bin;
}

/** The command line a hook runs for `event`, recording into `dir`. */
export const recorderCommand = (dir: string, event: string) => `/bin/sh ${RECORDER} ${dir} ${event}`;

/** Claude Code with nothing but the model calls a test asks for: no telemetry, updates or reports. */
export const CLAUDE_OFFLINE_ENV: Readonly<Record<string, string>> = {
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
  DISABLE_TELEMETRY: "1",
  DISABLE_ERROR_REPORTING: "1",
  DISABLE_AUTOUPDATER: "1",
  DISABLE_BUG_COMMAND: "1",
  // As root, --dangerously-skip-permissions is refused without it.
  ...(process.getuid?.() === 0 ? { IS_SANDBOX: "1" } : {}),
};

/** Codex's `config.toml` settings for a run that touches nothing but its provider (add one). */
export const CODEX_OFFLINE_TOML = `model = "mock-model"
approval_policy = "never"
sandbox_mode = "danger-full-access"
check_for_update_on_startup = false

[features]
plugins = false

[analytics]
enabled = false
`;

