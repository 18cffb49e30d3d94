/**
 * `$CODEX_HOME/hooks.json` for a persistent install: one group per event running
 * `nemo-relay hook-forward codex … --start-gateway`, appended after the user's own groups
 * (without a command: only an earlier install's groups taken out, for hooks now kept inline).
 */
import { ok, type Result } from "../../../domain/errors.ts";
import { isObject } from "../../../domain/json.ts";
import type { ManagedFile } from "../../../ports/agent-install.ts";
import { addHookEntries, groupOf, isOurCommand, removeHookEntries } from "../shared/json-hooks.ts";
import { formatIfChanged, formatJson, parseJsonObject } from "../shared/json-text.ts";
import type { CommandHook } from "./hook-trust.ts";
import { CODEX_HOOK_EVENTS, codexHook } from "./injection.ts";


export const isOurHandler = (handler: unknown): boolean => isObject(handler) && handler.type === "command" && isOurCommand(handler.command);
export const isOurGroup = groupOf(isOurHandler);

export function codexHooksFile(path: string, command?: string): ManagedFile {
  const add = command === undefined ? {} : Object.fromEntries(CODEX_HOOK_EVENTS.map((event) => [event, [{ hooks: [{ type: "command", ...codexHook(event, command) }] }]]));
  return {
    path,
    label: "Codex hooks",
    add(base) {
      const doc = parseJsonObject(path, base);
      if (!doc.ok) return doc;
      const merged = addHookEntries(path, doc.value.value, { add, isOurs: isOurGroup });
      if (!merged.ok) return merged;
      return ok({ text: formatJson(merged.value.root, doc.value.layout), memo: { ...merged.value.memo, createdFile: base === undefined } });
    },
    remove(current, memo): Result<string | undefined> {
      const doc = parseJsonObject(path, current);
      if (!doc.ok) return doc;
      const kept = removeHookEntries(path, doc.value.value, isOurGroup, memo);
      if (!kept.ok) return kept;
      return ok(Object.keys(kept.value).length === 0 && memo.createdFile === true ? undefined : formatIfChanged(doc.value.value, kept.value, current, doc.value.layout));
    },
  };
}

/** Where each of our handlers sits in `hooks.json`: Codex's trust key is `<file>:<event_snake>:<group>:<handler>`. */
export function ourHookPlaces(root: Record<string, unknown>): Array<{ event: string; group: number; handler: number; hook: CommandHook }> {
  const places: Array<{ event: string; group: number; handler: number; hook: CommandHook }> = [];
  const hooks = isObject(root.hooks) ? root.hooks : {};
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    groups.forEach((group, g) => {
      if (!isOurGroup(group)) return;
      const matcher = isObject(group) && typeof group.matcher === "string" ? group.matcher : undefined;
      ((group as { hooks: Array<Record<string, unknown>> }).hooks).forEach((handler, h) => {
        const timeout = typeof handler.timeout === "number" ? handler.timeout : 600;
        places.push({ event, group: g, handler: h, hook: { command: String(handler.command), timeout, ...(matcher !== undefined ? { matcher } : {}) } });
      });
    });
  }
  return places;
}
