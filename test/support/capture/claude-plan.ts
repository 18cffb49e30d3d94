/**
 * How Claude Code 2.1.328 is run for a capture, following real-clients.md: a temporary HOME
 * whose user `settings.json` registers, for every hook event but WorktreeCreate, a command hook
 * (the recorder) and an HTTP hook to a loopback receiver in the same group; `claude -p` with the
 * offline env vars, stdin from /dev/null, under `timeout`. The compact scenario runs twice: a
 * basic turn, then `--continue "/compact"`. On a retryable upstream error (5xx, 429) Claude
 * retries with backoff for minutes, so the error scenario then sets `CLAUDE_CODE_MAX_RETRIES=0`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ScenarioName } from "../mock-llm/index.ts";
import { CLAUDE_OFFLINE_ENV, recorderCommand, requireClient } from "./clients.ts";
import type { ClientRun } from "./run-client.ts";

export const CLAUDE_EVENTS = [
  "PreToolUse",
  "PostToolUse",
  "PostToolUseFailure",
  "PostToolBatch",
  "Notification",
  "UserPromptSubmit",
  "UserPromptExpansion",
  "SessionStart",
  "SessionEnd",
  "Stop",
  "StopFailure",
  "SubagentStart",
  "SubagentStop",
  "PreCompact",
  "PostCompact",
  "PreModelSwitch",
  "PostModelSwitch",
  "PermissionRequest",
  "PermissionDenied",
  "Setup",
  "TeammateIdle",
  "TaskCreated",
  "TaskCompleted",
  "Elicitation",
  "ElicitationResult",
  "ConfigChange",
  "WorktreeRemove",
  "InstructionsLoaded",
  "CwdChanged",
  "FileChanged",
  "DirectoryAdded",
  "MessageDisplay",
] as const;

export const CLAUDE_API_KEY = "sk-ant-nemo-dummy-claude";

export const CLAUDE_PROMPTS: Record<ScenarioName, string> = {
  basic: "Run `echo nemo-$((6*7))` with Bash and tell me what it printed.",
  fail: "Run `echo nemo-fail-$((6*7)); exit 3` with Bash and tell me what happened.",
  subagent: "Use a sub-agent (the Agent tool) to run `echo nemo-sub-$((6*7))` and tell me what it printed.",
  compact: "Run `echo nemo-$((6*7))` with Bash and tell me what it printed.",
  error: "Say hello.",
};

export interface PlanInput {
  readonly root: string;
  readonly mockUrl: string;
  readonly scenario: ScenarioName;
  readonly hookDir: string;
  /** Base URL of the HTTP-hook receiver; each event posts to `<url>/hooks/<Event>`. */
  readonly receiverUrl: string;
  /** The `error` scenario's HTTP status. */
  readonly errorStatus: number;
}

export function claudeSettings(hookDir: string, receiverUrl: string) {
  const hooks: Record<string, unknown> = {};
  for (const event of CLAUDE_EVENTS) {
    hooks[event] = [
      {
        hooks: [
          { type: "command", command: recorderCommand(hookDir, event), timeout: 30 },
          { type: "http", url: `${receiverUrl}/hooks/${event}`, timeout: 5 },
        ],
      },
    ];
  }
  return { hooks };
}

export function claudePlan(input: PlanInput): ClientRun[] {
  const home = join(input.root, "home");
  const work = join(input.root, "work");
  mkdirSync(join(home, ".claude"), { recursive: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(join(home, ".claude", "settings.json"), `${JSON.stringify(claudeSettings(input.hookDir, input.receiverUrl), null, 2)}\n`);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    SHELL: "/bin/bash",
    ANTHROPIC_BASE_URL: input.mockUrl,
    ANTHROPIC_API_KEY: CLAUDE_API_KEY,
    ...CLAUDE_OFFLINE_ENV,
    ...(input.scenario === "error" && (input.errorStatus >= 500 || input.errorStatus === 429) ? { CLAUDE_CODE_MAX_RETRIES: "0" } : {}),
  };
  const claude = requireClient("claude");
  const run = (args: string[]): ClientRun => ({ argv: [claude, "-p", "--dangerously-skip-permissions", ...args], env, cwd: work, timeoutSeconds: 180 });
  const first = run(["--", CLAUDE_PROMPTS[input.scenario]]);
  return input.scenario === "compact" ? [first, run(["--continue", "--", "/compact"])] : [first];
}
