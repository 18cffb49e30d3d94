/**
 * `$CODEX_HOME/config.toml` for a persistent install, edited line by line so that the user's
 * comments, ordering and keys stay as they are: the `nemo-relay-openai` provider alias at the
 * gateway, selected as `model_provider`; `[features] hooks = true`; and the trust Codex needs
 * before it runs a hook, written as its own `/hooks` → Trust writes it:
 * `[hooks.state."<abs>/hooks.json:<event_snake>:<group>:<handler>"] trusted_hash = "sha256:…"`.
 * When the user keeps hooks inline here, ours go here too (`[[hooks.<Event>]]`, see
 * inline-hooks.ts) and their trust names this file.
 */
import { fail, ok, type Result } from "../../../domain/errors.ts";
import { isObject } from "../../../domain/json.ts";
import type { EditMemo, ManagedFile } from "../../../ports/agent-install.ts";
import { parseJsonObject } from "../shared/json-text.ts";
import { parseToml, TomlText, verifyToml } from "../shared/toml-edit.ts";
import { snakeCase, trustedHash } from "./hook-trust.ts";
import { ourHookPlaces } from "./install-hooks-json.ts";
import { setInlineHooks } from "./inline-hooks.ts";
import { PROVIDER_ALIAS, providerEntries } from "./injection.ts";

export const stateKey = (hooksPath: string, event: string, group: number, handler: number) => `${hooksPath}:${snakeCase(event)}:${group}:${handler}`;

/** A TOML value as written (`"x"`, `'x'`, `true`) as data. */
function valueOf(raw: string): unknown {
  const parsed = parseToml("(value)", `v = ${raw}\n`);
  return parsed.ok ? parsed.value.v : raw;
}
const clone = (value: Record<string, unknown>) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
const table = (root: Record<string, unknown>, key: string): Record<string, unknown> => (isObject(root[key]) ? root[key] : (root[key] = {})) as Record<string, unknown>;

interface ConfigMemo {
  /** `model_provider`'s value as the user wrote it, or null when unset. */
  readonly modelProvider: string | null;
  readonly featuresHooks: string | null;
  /** A `[features]` header was there before (an empty one we add is taken out again). */
  readonly hadFeaturesTable: boolean;
  readonly stateKeys: readonly string[];
  readonly createdFile: boolean;
}

/** Where our hooks are: in `hooks.json` (its path), or inline in this file (the command they run). */
export type HookHome = { readonly hooksJson: string } | { readonly inline: string };

export function codexConfigFile(path: string, home: HookHome, gatewayUrl: string): ManagedFile {
  const entries = providerEntries(gatewayUrl);
  return {
    path,
    label: "Codex config",
    add(base, planned) {
      const parsed = parseToml(path, base ?? "");
      if (!parsed.ok) return parsed;
      const text = new TomlText(base ?? "");
      const memo: ConfigMemo = { modelProvider: text.rawValue(["model_provider"]) ?? null, featuresHooks: text.rawValue(["features", "hooks"]) ?? null, hadFeaturesTable: text.hasTable(["features"]), stateKeys: [], createdFile: base === undefined };
      const expected = clone(parsed.value);
      const steps = [text.setKey(["model_provider"], JSON.stringify(PROVIDER_ALIAS)), text.setKey(["features", "hooks"], "true")];
      const failed = steps.find((s) => !s.ok);
      if (failed && !failed.ok) return fail("config_invalid", `${path}: ${failed.error.message}; nothing was changed`);
      expected.model_provider = PROVIDER_ALIAS;
      table(expected, "features").hooks = true;
      text.setTable(["model_providers", PROVIDER_ALIAS], entries);
      table(expected, "model_providers")[PROVIDER_ALIAS] = Object.fromEntries(entries.map(([k, v]) => [k, valueOf(v)]));
      setInlineHooks(text, expected, "inline" in home ? home.inline : undefined);
      const source = "inline" in home ? ok({ path, root: expected }) : hooksJsonOf(home.hooksJson, planned);
      if (!source.ok) return source;
      const state = table(table(expected, "hooks"), "state");
      const keys: string[] = [];
      for (const place of ourHookPlaces(source.value.root)) {
        const key = stateKey(source.value.path, place.event, place.group, place.handler);
        const hash = trustedHash(place.event, place.hook);
        text.setTable(["hooks", "state", key], [["trusted_hash", JSON.stringify(hash)]]);
        state[key] = { trusted_hash: hash };
        keys.push(key);
      }
      const out = text.toString();
      const verified = verifyToml(path, out, expected);
      if (!verified.ok) return verified;
      const previous = typeof parsed.value.model_provider === "string" && parsed.value.model_provider !== PROVIDER_ALIAS ? parsed.value.model_provider : undefined;
      const notes = previous ? [`${path}: model_provider was "${previous}"; Codex now calls the gateway, which forwards to [upstream] openai_base_url (set it, or NEMO_RELAY_OPENAI_BASE_URL, if "${previous}" is not OpenAI); uninstall puts "${previous}" back`] : [];
      return ok({ text: out, memo: { ...memo, stateKeys: keys } satisfies ConfigMemo, notes });
    },
    remove(current, raw: EditMemo): Result<string | undefined> {
      const memo = raw as Partial<ConfigMemo>;
      const parsed = parseToml(path, current);
      if (!parsed.ok) return parsed;
      const text = new TomlText(current);
      const expected = clone(parsed.value);
      text.removeTable(["model_providers", PROVIDER_ALIAS]);
      delete table(expected, "model_providers")[PROVIDER_ALIAS];
      setInlineHooks(text, expected);
      const state = table(table(expected, "hooks"), "state");
      for (const key of memo.stateKeys ?? []) {
        text.removeTable(["hooks", "state", key]);
        delete state[key];
      }
      // Settings of the user's are put back only while they still hold what the install wrote.
      if (parsed.value.model_provider === PROVIDER_ALIAS) {
        restore(text, ["model_provider"], memo.modelProvider ?? null);
        if (memo.modelProvider) expected.model_provider = valueOf(memo.modelProvider);
        else delete expected.model_provider;
      }
      // Without a memo (no backup record) nobody can tell whose `hooks = true` it is: left alone.
      const features = table(expected, "features");
      if ("featuresHooks" in memo && features.hooks === true && memo.featuresHooks !== "true") {
        restore(text, ["features", "hooks"], memo.featuresHooks ?? null);
        if (memo.featuresHooks) features.hooks = valueOf(memo.featuresHooks);
        else delete features.hooks;
        if (!memo.featuresHooks && memo.hadFeaturesTable === false && text.hasTable(["features"]) && text.tableIsEmpty(["features"]) && Object.keys(features).length === 0) text.removeTable(["features"]);
      }
      const out = text.toString();
      const verified = verifyToml(path, out, expected, true);
      if (!verified.ok) return verified;
      return ok(out.trim() === "" && memo.createdFile === true ? undefined : out);
    },
  };
}

function hooksJsonOf(hooksPath: string, planned: (path: string) => string | undefined): Result<{ path: string; root: Record<string, unknown> }> {
  const hooks = parseJsonObject(hooksPath, planned(hooksPath));
  return hooks.ok ? ok({ path: hooksPath, root: hooks.value.value }) : hooks;
}

function restore(text: TomlText, path: readonly string[], raw: string | null): void {
  if (raw === null) text.removeKey(path);
  else text.setKey(path, raw);
}
