/**
 * Persistent Hermes integration (`nemo-relay install hermes`): shell hooks in
 * `$HERMES_HOME/config.yaml` (default `~/.hermes/config.yaml`), edited as a YAML document so
 * that the user's comments and keys survive (the `yaml` library normalises the spacing before
 * an end-of-line comment; uninstall restores the file byte for byte from its backup).
 */
import { join } from "node:path";
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from "yaml";
import { fail, ok, type Result } from "../../../domain/errors.ts";
import type { AgentIntegration, DoctorCheck, EditMemo, InstallContext, ManagedFile } from "../../../ports/agent-install.ts";
import { commandCheck, hooksCheck, type Check } from "../shared/install-checks.ts";
import { installedHookCommand, isOurCommand } from "../shared/json-hooks.ts";
import { HERMES } from "./identity.ts";

/** The shell-hook events Hermes documents (reference bundle, §1.5). */
export const HERMES_HOOK_EVENTS = [
  "on_session_start", "on_session_end", "on_session_finalize", "on_session_reset", "pre_llm_call", "post_llm_call",
  "pre_api_request", "post_api_request", "api_request_error", "pre_tool_call", "post_tool_call", "subagent_start", "subagent_stop",
] as const;

const FIX = "nemo-relay install hermes";
const OUTPUT = { lineWidth: 0, flowCollectionPadding: false } as const;
const configPath = (context: Pick<InstallContext, "env">) => join(context.env.HERMES_HOME?.trim() ? context.env.HERMES_HOME : join(context.env.HOME ?? "", ".hermes"), "config.yaml");
const command = (context: InstallContext) => installedHookCommand(context.selfCommand, "hermes", context.gatewayUrl);

function parse(path: string, text: string): Result<Document> {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return fail("config_invalid", `${path} is not valid YAML (${doc.errors[0]!.message.split("\n")[0]}); nothing was changed`);
  if (doc.contents !== null && !isMap(doc.contents)) return fail("config_invalid", `${path}: expected a mapping at the top level; nothing was changed`);
  const hooks = doc.get("hooks");
  if (hooks !== undefined && hooks !== null && !isMap(hooks)) return fail("config_invalid", `${path}: hooks must be a mapping; nothing was changed`);
  return ok(doc);
}

const isOurItem = (item: unknown): boolean => isMap(item) && isOurCommand((item as YAMLMap).get("command"));

/** Our entries' commands per event, from the file's current text. */
function ours(doc: Document): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const hooks = doc.get("hooks");
  if (!isMap(hooks)) return found;
  for (const event of HERMES_HOOK_EVENTS) {
    const list = hooks.get(event);
    if (!isSeq(list)) continue;
    const commands = list.items.filter(isOurItem).map((i) => String((i as YAMLMap).get("command")));
    if (commands.length > 0) found.set(event, commands);
  }
  return found;
}

function hermesConfigFile(context: InstallContext): ManagedFile {
  const path = configPath(context);
  return {
    path,
    label: "Hermes config",
    add(base) {
      const parsed = parse(path, base ?? "");
      if (!parsed.ok) return parsed;
      const doc = parsed.value;
      const createdHooks = !isMap(doc.get("hooks"));
      if (doc.contents === null) doc.contents = doc.createNode({}) as never;
      if (createdHooks) doc.set("hooks", doc.createNode({}));
      const hooks = doc.get("hooks") as YAMLMap;
      for (const event of HERMES_HOOK_EVENTS) {
        const list = hooks.get(event);
        if (list !== undefined && list !== null && !isSeq(list)) return fail("config_invalid", `${path}: hooks.${event} must be a list; nothing was changed`);
        const seq = (isSeq(list) ? list : doc.createNode([])) as YAMLSeq;
        seq.items = seq.items.filter((i) => !isOurItem(i));
        seq.add(doc.createNode({ command: command(context), timeout: 30 }));
        hooks.set(event, seq);
      }
      return ok({ text: doc.toString(OUTPUT), memo: { createdHooks, createdFile: base === undefined } });
    },
    remove(current, memo: EditMemo): Result<string | undefined> {
      const parsed = parse(path, current);
      if (!parsed.ok) return parsed;
      const doc = parsed.value;
      const hooks = doc.get("hooks");
      let changed = false;
      if (isMap(hooks)) {
        for (const pair of [...hooks.items]) {
          const list = pair.value;
          if (!isSeq(list) || !list.items.some(isOurItem)) continue;
          changed = true;
          list.items = list.items.filter((i) => !isOurItem(i));
          if (list.items.length === 0) hooks.delete(pair.key);
        }
        if (hooks.items.length === 0 && memo.createdHooks === true) doc.delete("hooks");
      }
      // Nothing of ours: the file as it is (a YAML round trip would respace its comments).
      if (!changed) return ok(current);
      const text = doc.toString(OUTPUT);
      if (memo.createdFile === true && (doc.contents === null || (isMap(doc.contents) && doc.contents.items.length === 0))) return ok(undefined);
      return ok(text);
    },
  };
}

export const hermesIntegration: AgentIntegration = {
  agent: HERMES.name,
  name: HERMES.cliName,
  executables: ["hermes"],
  projectScope: false,
  files(context) {
    if (context.project) return fail("invalid_argument", "Hermes reads hooks from $HERMES_HOME/config.yaml only; install without --project");
    return ok([hermesConfigFile(context)]);
  },
  notes: () => ["Hermes asks once per hook before running it; approve them at the next interactive start (or set hooks_auto_accept: true yourself for unattended runs)"],
  check(context, read): DoctorCheck[] {
    const path = configPath(context);
    const check: Check = (id, status, message, fix = null) => ({ id: `hermes.${id}`, status, message, fix });
    const parsed = parse(path, read(path) ?? "");
    if (!parsed.ok) return [check("hooks", "error", parsed.error.message.replace(/; nothing was changed$/, ""), `fix ${path} by hand, then ${FIX}`)];
    const found = ours(parsed.value);
    const out = [hooksCheck(check, path, HERMES_HOOK_EVENTS, new Set(found.keys()), FIX)];
    if (found.size > 0) out.push(commandCheck(check, [...found.values()].flat(), command(context), FIX, context.commandRuns));
    return out;
  },
};
