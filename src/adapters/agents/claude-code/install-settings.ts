/**
 * Claude Code's `settings.json` (user or project) for a persistent install: hooks for every
 * event — HTTP straight to the gateway where Claude supports it, the hook-forward command where
 * it cannot (SessionStart, Setup, PermissionRequest) and on UserPromptSubmit, whose command
 * (re)starts the on-demand gateway before a turn's model calls — and `env.ANTHROPIC_BASE_URL`
 * at the gateway. Every other key of the user's stays as and where it was.
 */
import { join } from "node:path";
import { ok, type Result } from "../../../domain/errors.ts";
import { isObject } from "../../../domain/json.ts";
import type { EditMemo, InstallContext, ManagedFile } from "../../../ports/agent-install.ts";
import { addHookEntries, groupOf, installedHookCommand, isOurCommand, removeHookEntries } from "../shared/json-hooks.ts";
import { formatIfChanged, formatJson, objectAt, parseJsonObject } from "../shared/json-text.ts";
import { CLAUDE_HOOK_EVENTS, hookSettings } from "./hook-settings.ts";
import { supportsHttpHooks } from "./version.ts";

/** Events whose command hook starts the persistent gateway when it is not running. */
const STARTING_EVENTS = ["UserPromptSubmit"] as const;

const LOOPBACK_HOOK = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+\/hooks\/claude-code$/;
export const isOurHandler = (handler: unknown): boolean =>
  isObject(handler) && ((handler.type === "command" && isOurCommand(handler.command)) || (handler.type === "http" && typeof handler.url === "string" && LOOPBACK_HOOK.test(handler.url)));
export const isOurGroup = groupOf(isOurHandler);

/** `$CLAUDE_CONFIG_DIR/settings.json` or `~/.claude/settings.json`; `.claude/settings.json` of cwd for a project. */
export function claudeSettingsPath(context: Pick<InstallContext, "env" | "cwd">, project: boolean): string {
  if (project) return join(context.cwd, ".claude", "settings.json");
  return join(context.env.CLAUDE_CONFIG_DIR?.trim() ? context.env.CLAUDE_CONFIG_DIR : join(context.env.HOME ?? "", ".claude"), "settings.json");
}

export const claudeHookCommand = (context: InstallContext) => installedHookCommand(context.selfCommand, "claude", context.gatewayUrl);

type SettingsMemo = {
  readonly baseUrl: string | null;
  readonly createdEnv: boolean;
  readonly createdHooks: boolean;
  readonly createdFile: boolean;
};

export function claudeSettingsFile(context: InstallContext): ManagedFile {
  const path = claudeSettingsPath(context, context.project);
  const settings = hookSettings({ gatewayUrl: context.gatewayUrl, hookCommand: claudeHookCommand(context), http: supportsHttpHooks(context.agentVersion), commandEvents: STARTING_EVENTS });
  return {
    path,
    label: context.project ? "Claude Code project settings" : "Claude Code user settings",
    add(base) {
      const doc = parseJsonObject(path, base);
      if (!doc.ok) return doc;
      const env = objectAt(path, doc.value.value, "env");
      if (!env.ok) return env;
      const merged = addHookEntries(path, doc.value.value, { add: settings.hooks, isOurs: isOurGroup });
      if (!merged.ok) return merged;
      const previous = typeof env.value.ANTHROPIC_BASE_URL === "string" && env.value.ANTHROPIC_BASE_URL !== context.gatewayUrl ? env.value.ANTHROPIC_BASE_URL : null;
      const root = { ...merged.value.root, env: { ...env.value, ANTHROPIC_BASE_URL: context.gatewayUrl } };
      const memo: SettingsMemo = { baseUrl: previous, createdEnv: doc.value.value.env === undefined, createdHooks: merged.value.memo.createdHooks, createdFile: base === undefined };
      const notes = previous ? [`${path}: env.ANTHROPIC_BASE_URL was ${previous}; Claude now calls the gateway, which forwards to [upstream] anthropic_base_url (set it, or NEMO_RELAY_ANTHROPIC_BASE_URL, to ${previous}); uninstall puts it back`] : [];
      return ok({ text: formatJson(root, doc.value.layout), memo, notes });
    },
    remove(current, raw: EditMemo): Result<string | undefined> {
      const memo = raw as Partial<SettingsMemo>;
      const doc = parseJsonObject(path, current);
      if (!doc.ok) return doc;
      const kept = removeHookEntries(path, doc.value.value, isOurGroup, memo);
      if (!kept.ok) return kept;
      const root = kept.value;
      const env = isObject(root.env) ? { ...root.env } : undefined;
      // Without a memo (no backup record) a loopback base URL may be the user's own gateway: left alone.
      if (env && "baseUrl" in memo && typeof env.ANTHROPIC_BASE_URL === "string" && LOOPBACK_HOOK.test(`${env.ANTHROPIC_BASE_URL}/hooks/claude-code`)) {
        if (memo.baseUrl) env.ANTHROPIC_BASE_URL = memo.baseUrl;
        else delete env.ANTHROPIC_BASE_URL;
        if (Object.keys(env).length === 0 && memo.createdEnv) delete root.env;
        else root.env = env;
      }
      if (Object.keys(root).length === 0 && memo.createdFile) return ok(undefined);
      return ok(formatIfChanged(doc.value.value, root, current, doc.value.layout));
    },
  };
}

/** Our hook events present in a settings document (for doctor). */
export function coveredEvents(root: Record<string, unknown>): Set<string> {
  const hooks = isObject(root.hooks) ? root.hooks : {};
  return new Set(CLAUDE_HOOK_EVENTS.filter((event) => Array.isArray(hooks[event]) && (hooks[event] as unknown[]).some(isOurGroup)));
}
