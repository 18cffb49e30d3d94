/**
 * Codex also reads hooks written inline in `config.toml` (`[[hooks.<Event>]]` entries, the
 * `hooks.json` format as TOML). A user who keeps theirs there gets ours there too: with hooks in
 * both places of one layer Codex 0.169 warns at every start ("loading hooks from both hooks.json
 * and config.toml; prefer a single representation for this layer").
 */
import toml from "toml";
import { isObject } from "../../../domain/json.ts";
import type { TomlText } from "../shared/toml-edit.ts";
import { isOurGroup } from "./install-hooks-json.ts";
import { CODEX_HOOK_EVENTS, codexHook } from "./injection.ts";

/** `hooks.<Event>` lists of a parsed config.toml (`hooks.state`, the trust table, is not one). */
function inlineLists(config: Record<string, unknown>): Array<[string, unknown[]]> {
  const hooks = isObject(config.hooks) ? config.hooks : {};
  return Object.entries(hooks).filter((entry): entry is [string, unknown[]] => entry[0] !== "state" && Array.isArray(entry[1]));
}

/** The user keeps hooks of their own inline in config.toml. */
export const keepsInlineHooks = (config: Record<string, unknown>): boolean => inlineLists(config).some(([, list]) => list.some((group) => !isOurGroup(group)));

/** One `[[hooks.<Event>]]` entry's text as data (its group), or undefined when it does not parse alone. */
function groupOf(entryText: string, event: string): unknown {
  try {
    const parsed = toml.parse(entryText) as { hooks?: Record<string, unknown[]> };
    return parsed.hooks?.[event]?.[0];
  } catch {
    return undefined;
  }
}

/**
 * Takes our `[[hooks.<Event>]]` entries out of `text` (any install's, whatever command they ran)
 * and out of `expected` (the same document as data), then, given a command, appends one entry per
 * event running it, after the user's own.
 */
export function setInlineHooks(text: TomlText, expected: Record<string, unknown>, command?: string): void {
  const hooks = isObject(expected.hooks) ? expected.hooks : {};
  for (const [event, list] of inlineLists(expected)) {
    for (const entry of text.arrayTableEntries(["hooks", event]).reverse()) if (isOurGroup(groupOf(entry.text, event))) text.removeBlock(entry.firstLine, entry.lastLine);
    const kept = list.filter((group) => !isOurGroup(group));
    if (kept.length > 0) hooks[event] = kept;
    else delete hooks[event];
  }
  if (command === undefined) return;
  for (const event of CODEX_HOOK_EVENTS) {
    const hook = codexHook(event, command);
    text.appendArrayTable(["hooks", event], [["hooks", `[{ type = "command", command = ${JSON.stringify(hook.command)}, timeout = ${hook.timeout} }]`]]);
    const list = Array.isArray(hooks[event]) ? (hooks[event] as unknown[]) : [];
    hooks[event] = [...list, { hooks: [{ type: "command", command: hook.command, timeout: hook.timeout }] }];
  }
  expected.hooks = hooks;
}
