import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fail, ok } from "../../../domain/errors.ts";
import { executableIndex, insertAfterExecutable, type AgentLauncher, type LaunchRequest } from "../../../ports/agent-launch.ts";
import { hookSettings } from "./hook-settings.ts";
import { claudeVersion, supportsHttpHooks } from "./version.ts";
import { CLAUDE_CODE } from "./identity.ts";
import { claudeResumeArgs } from "./resume-args.ts";
import { ENV } from "../../../ports/wire-names.ts";

const EXECUTABLES = ["claude", "claude-code", "cli.js"];
const SETTINGS_PLACEHOLDER = "<temporary-settings-file>";

/**
 * Claude Code reports to the gateway through a temporary settings file passed with `--settings`
 * (merged with the user's own settings, none of which change) and `ANTHROPIC_BASE_URL`. Native
 * HTTP hooks where the installed version has them (no process per event), command hooks where
 * HTTP cannot be used.
 */
export const claudeCodeLauncher: AgentLauncher = {
  agent: CLAUDE_CODE.name,
  defaultCommand: "claude",
  executables: EXECUTABLES,
  resumeArgs: claudeResumeArgs,
  async plan(request: LaunchRequest) {
    const version = await claudeVersion(request.argv.slice(0, executableIndex(request.argv, EXECUTABLES) + 1), request.env, request.cwd);
    const http = supportsHttpHooks(version);
    const settings = hookSettings({ gatewayUrl: request.gatewayUrl, hookCommand: `${request.selfCommand} hook-forward claude`, http });
    const dir = request.dryRun ? undefined : mkdtempSync(join(request.env.TMPDIR ?? tmpdir(), "nemo-relay-claude-"));
    const file = dir ? join(dir, "settings.json") : SETTINGS_PLACEHOLDER;
    // Hooks of a persistent install stand down for this run; its settings' ANTHROPIC_BASE_URL
    // would win over the environment, so the run's settings file names the run's gateway too.
    const env: Record<string, string> = { ANTHROPIC_BASE_URL: request.gatewayUrl, [ENV.installedHooks]: "off" };
    // A user's HTTP(S)_PROXY would otherwise catch the calls to the loopback gateway.
    if (request.env.HTTPS_PROXY || request.env.HTTP_PROXY || request.env.https_proxy || request.env.http_proxy) {
      const current = request.env.NO_PROXY ?? request.env.no_proxy;
      env.NO_PROXY = [current, "127.0.0.1", "localhost"].filter(Boolean).join(",");
    }
    const notes = [http ? `Claude Code ${version}: HTTP hooks to the gateway, command hooks for SessionStart/Setup/PermissionRequest` : `Claude Code ${version ?? "version unknown"}: command hooks for every event`];
    return ok({
      argv: insertAfterExecutable(request.argv, EXECUTABLES, ["--settings", file]),
      env,
      details: [["claude_settings", file]],
      notes,
      prepare: () => {
        if (!dir) return fail("invalid_argument", "a dry run prepares nothing");
        try {
          writeFileSync(file, `${JSON.stringify({ ...settings, env: { ANTHROPIC_BASE_URL: request.gatewayUrl } }, null, 2)}\n`, { mode: 0o600 });
        } catch (error) {
          return fail("write_failed", `cannot write ${file}: ${(error as Error).message}`);
        }
        return ok({ restore: () => (rmSync(dir, { recursive: true, force: true }), ok(undefined)) });
      },
    });
  },
};
