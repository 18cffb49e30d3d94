/**
 * Persistent Claude Code integration (`nemo-relay install claude [--project]`): hooks and
 * `env.ANTHROPIC_BASE_URL` in `settings.json`, which Claude reads at every start with no
 * review step for user-level hooks.
 */
import { ok } from "../../../domain/errors.ts";
import { isObject } from "../../../domain/json.ts";
import type { AgentIntegration, DoctorCheck } from "../../../ports/agent-install.ts";
import { commandCheck, hooksCheck, type Check } from "../shared/install-checks.ts";
import { parseJsonObject } from "../shared/json-text.ts";
import { CLAUDE_HOOK_EVENTS } from "./hook-settings.ts";
import { claudeHookCommand, claudeSettingsFile, claudeSettingsPath, coveredEvents, isOurGroup } from "./install-settings.ts";
import { claudeSignInCheck } from "./sign-in-check.ts";
import { CLAUDE_CODE } from "./identity.ts";

const fixFor = (project: boolean) => `nemo-relay install claude${project ? " --project" : ""}`;

export const claudeIntegration: AgentIntegration = {
  agent: CLAUDE_CODE.name,
  name: CLAUDE_CODE.cliName,
  executables: ["claude"],
  minimumVersion: "2.1.0",
  projectScope: true,
  files: (context) => ok([claudeSettingsFile(context)]),
  notes(context) {
    const notes = [];
    if (context.project) notes.push("project settings name this machine's nemo-relay by its absolute path; keep them out of version control (or use .claude/settings.local.json by hand)");
    if (context.env.HTTPS_PROXY || context.env.HTTP_PROXY) notes.push("HTTP(S)_PROXY is set: add 127.0.0.1 to NO_PROXY, or Claude's calls to the gateway go to the proxy");
    return notes;
  },
  check(context, read) {
    const out: DoctorCheck[] = [];
    const scopes = [false, true].map((project) => ({ project, path: claudeSettingsPath(context, project) }));
    const found = scopes.map((s) => ({ ...s, doc: parseJsonObject(s.path, read(s.path)) }));
    for (const scope of found) {
      const check: Check = (id, status, message, fix = null) => ({ id: `claude.${scope.project ? "project_" : ""}${id}`, status, message, fix });
      if (!scope.doc.ok) {
        out.push(check("settings", "error", scope.doc.error.message.replace(/; nothing was changed$/, ""), `fix ${scope.path} by hand, then ${fixFor(scope.project)}`));
        continue;
      }
      const root = scope.doc.value.value;
      const covered = coveredEvents(root);
      if (scope.project && covered.size === 0) continue; // a project without our hooks is not a finding
      out.push(hooksCheck(check, scope.path, CLAUDE_HOOK_EVENTS, covered, fixFor(scope.project)));
      if (covered.size === 0) continue;
      const hooks = root.hooks as Record<string, unknown[]>;
      const commands = Object.values(hooks).flatMap((groups) => (Array.isArray(groups) ? groups.filter(isOurGroup) : []))
        .flatMap((g) => (g as { hooks: Array<Record<string, unknown>> }).hooks)
        .filter((h) => h.type === "command")
        .map((h) => String(h.command));
      out.push(commandCheck(check, commands, claudeHookCommand(context), fixFor(scope.project), context.commandRuns));
      const env = isObject(root.env) ? root.env : {};
      out.push(
        env.ANTHROPIC_BASE_URL === context.gatewayUrl
          ? check("provider", "ok", `env.ANTHROPIC_BASE_URL → ${context.gatewayUrl}`)
          : check("provider", "error", `env.ANTHROPIC_BASE_URL in ${scope.path} is ${JSON.stringify(env.ANTHROPIC_BASE_URL ?? "unset")}, not ${context.gatewayUrl}: model calls bypass the gateway`, fixFor(scope.project)),
      );
    }
    return out;
  },
  signIn: claudeSignInCheck,
};
