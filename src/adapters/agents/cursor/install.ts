/**
 * Persistent Cursor integration (`nemo-relay install cursor [--project]`): direct entries (the
 * shape cursor-agent fires) in `~/.cursor/hooks.json`, or the project's `.cursor/hooks.json`,
 * after the user's own. Cursor's model traffic does not go through the gateway: hooks only.
 */
import { join } from "node:path";
import { ok, type Result } from "../../../domain/errors.ts";
import { isObject } from "../../../domain/json.ts";
import type { AgentIntegration, EditMemo, InstallContext, ManagedFile } from "../../../ports/agent-install.ts";
import { commandCheck, hooksCheck, type Check } from "../shared/install-checks.ts";
import { addHookEntries, installedHookCommand, isOurCommand, ourEntries, removeHookEntries } from "../shared/json-hooks.ts";
import { formatIfChanged, formatJson, parseJsonObject } from "../shared/json-text.ts";
import { cursorHooksPath } from "./hooks-file.ts";
import { CURSOR_HOOK_EVENTS } from "./launch-plan.ts";
import { CURSOR } from "./identity.ts";

const isOurEntry = (entry: unknown): boolean => isObject(entry) && isOurCommand(entry.command);
const hooksPath = (context: Pick<InstallContext, "env" | "cwd">, project: boolean) => (project ? cursorHooksPath(context.cwd) : join(context.env.HOME ?? "", ".cursor", "hooks.json"));
const command = (context: InstallContext) => installedHookCommand(context.selfCommand, "cursor", context.gatewayUrl);
const fixFor = (project: boolean) => `nemo-relay install cursor${project ? " --project" : ""}`;

function cursorHooksFile(context: InstallContext): ManagedFile {
  const path = hooksPath(context, context.project);
  const entry = { command: command(context), timeout: 30 };
  const add = Object.fromEntries(CURSOR_HOOK_EVENTS.map((event) => [event, [entry]]));
  return {
    path,
    label: context.project ? "Cursor project hooks" : "Cursor user hooks",
    add(base) {
      const doc = parseJsonObject(path, base);
      if (!doc.ok) return doc;
      const merged = addHookEntries(path, doc.value.value, { add, isOurs: isOurEntry });
      if (!merged.ok) return merged;
      // Cursor wants `version: 1` first in a file it did not have it in.
      const root = doc.value.value.version === undefined ? { version: 1, ...merged.value.root } : merged.value.root;
      const memo = { ...merged.value.memo, createdVersion: doc.value.value.version === undefined, createdFile: base === undefined };
      return ok({ text: formatJson(root, doc.value.layout), memo });
    },
    remove(current, memo: EditMemo): Result<string | undefined> {
      const doc = parseJsonObject(path, current);
      if (!doc.ok) return doc;
      const kept = removeHookEntries(path, doc.value.value, isOurEntry, memo);
      if (!kept.ok) return kept;
      const root = kept.value;
      if (memo.createdVersion === true && root.hooks === undefined) delete root.version;
      if (Object.keys(root).length === 0 && memo.createdFile === true) return ok(undefined);
      return ok(formatIfChanged(doc.value.value, root, current, doc.value.layout));
    },
  };
}

export const cursorIntegration: AgentIntegration = {
  agent: CURSOR.name,
  name: CURSOR.cliName,
  executables: ["cursor-agent"],
  projectScope: true,
  files: (context) => ok([cursorHooksFile(context)]),
  notes: () => ["Cursor's model calls do not pass through the gateway: its sessions are recorded from hooks"],
  check(context, read) {
    const out = [];
    for (const project of [false, true]) {
      const path = hooksPath(context, project);
      const check: Check = (id, status, message, fix = null) => ({ id: `cursor.${project ? "project_" : ""}${id}`, status, message, fix });
      const doc = parseJsonObject(path, read(path));
      if (!doc.ok) {
        out.push(check("hooks", "error", doc.error.message.replace(/; nothing was changed$/, ""), `fix ${path} by hand, then ${fixFor(project)}`));
        continue;
      }
      const covered = new Set(CURSOR_HOOK_EVENTS.filter((e) => ourEntries(doc.value.value, e, isOurEntry).length > 0));
      if (project && covered.size === 0) continue;
      out.push(hooksCheck(check, path, CURSOR_HOOK_EVENTS, covered, fixFor(project)));
      if (covered.size === 0) continue;
      const commands = CURSOR_HOOK_EVENTS.flatMap((e) => ourEntries(doc.value.value, e, isOurEntry)).map((e) => String((e as { command: unknown }).command));
      out.push(commandCheck(check, commands, command(context), fixFor(project), context.commandRuns));
      if (doc.value.value.version !== 1) out.push(check("version", "error", `${path} lacks "version": 1; Cursor ignores it`, fixFor(project)));
    }
    return out;
  },
};
