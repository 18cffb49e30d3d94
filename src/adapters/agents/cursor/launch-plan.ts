import { ok } from "../../../domain/errors.ts";
import type { AgentLauncher, LaunchRequest } from "../../../ports/agent-launch.ts";
import { cursorHooksPath, patchCursorHooks } from "./hooks-file.ts";
import { CURSOR } from "./identity.ts";
import { ENV } from "../../../ports/wire-names.ts";

/** The hook events the Cursor agent sends (its hooks docs); entries are direct, as cursor-agent fires them. */
export const CURSOR_HOOK_EVENTS = [
  "sessionStart", "beforeSubmitPrompt", "preToolUse", "postToolUse", "postToolUseFailure", "beforeShellExecution",
  "afterShellExecution", "beforeMCPExecution", "afterMCPExecution", "beforeReadFile", "afterFileEdit", "subagentStart",
  "subagentStop", "afterAgentResponse", "afterAgentThought", "preCompact", "stop", "sessionEnd",
] as const;

/**
 * Cursor reads hooks only from `.cursor/hooks.json`, so a run patches that file and restores it
 * byte for byte afterwards (also when the agent crashes or is interrupted). The hook command
 * finds the gateway through `NEMO_RELAY_GATEWAY_URL`, which the agent passes on to it.
 */
export const cursorLauncher: AgentLauncher = {
  agent: CURSOR.name,
  defaultCommand: "cursor-agent",
  executables: ["cursor-agent", "cursor"],
  async plan(request: LaunchRequest) {
    const path = cursorHooksPath(request.cwd);
    const entry = { command: `${request.selfCommand} hook-forward cursor`, timeout: 30 };
    const entries = Object.fromEntries(CURSOR_HOOK_EVENTS.map((event) => [event, entry]));
    return ok({
      argv: [...request.argv],
      // Hooks of a persistent install (`nemo-relay install cursor`) stand down: this run's report.
      env: { [ENV.installedHooks]: "off" },
      details: [["cursor_hooks", path]],
      notes: [request.dryRun ? `would add nemo-relay hooks to ${path} for the run and restore it afterwards` : `nemo-relay hooks added to ${path} for this run; restored afterwards`],
      prepare: () => patchCursorHooks(path, entries),
    });
  },
};
