/**
 * Doctor checks of an installed Codex integration: are our hooks in `hooks.json` (or inline in
 * `config.toml`) for every event, does Codex trust each of them (the hash of the hook as it
 * stands, under its current place), are hooks enabled, and does `model_provider` send Codex's
 * model calls to the gateway.
 */
import { isObject } from "../../../domain/json.ts";
import type { DoctorCheck, InstallContext } from "../../../ports/agent-install.ts";
import { commandCheck, hooksCheck, type Check } from "../shared/install-checks.ts";
import { parseJsonObject } from "../shared/json-text.ts";
import { parseToml } from "../shared/toml-edit.ts";
import { trustedHash } from "./hook-trust.ts";
import { stateKey } from "./install-config-toml.ts";
import { ourHookPlaces } from "./install-hooks-json.ts";
import { CODEX_HOOK_EVENTS, PROVIDER_ALIAS } from "./injection.ts";

const FIX = "nemo-relay install codex";

export function codexChecks(context: InstallContext, hooksPath: string, configPath: string, read: (path: string) => string | undefined, expectedCommand: string): DoctorCheck[] {
  const check: Check = (id, status, message, fix = null) => ({ id: `codex.${id}`, status, message, fix });
  const hooksText = read(hooksPath);
  const configText = read(configPath);
  const hooks = parseJsonObject(hooksPath, hooksText);
  const config = parseToml(configPath, configText ?? "");
  const out: DoctorCheck[] = [];
  if (!hooks.ok) out.push(check("hooks", "error", hooks.error.message.replace(/; nothing was changed$/, ""), `fix ${hooksPath} by hand, then ${FIX}`));
  if (!config.ok) out.push(check("config", "error", config.error.message.replace(/; nothing was changed$/, ""), `fix ${configPath} by hand, then ${FIX}`));
  if (!hooks.ok || !config.ok) return out;
  // Ours sit in hooks.json, or inline in config.toml where the user keeps theirs; each is trusted under its own file.
  const places = [...ourHookPlaces(hooks.value.value).map((p) => ({ ...p, file: hooksPath })), ...ourHookPlaces(config.value).map((p) => ({ ...p, file: configPath }))];
  const covered = new Set(places.map((p) => p.event));
  const hooksResult = hooksCheck(check, places.some((p) => p.file === configPath) ? configPath : hooksPath, CODEX_HOOK_EVENTS, covered, FIX);
  out.push(hooksResult);
  if (places.length === 0) return out;
  out.push(commandCheck(check, places.map((p) => p.hook.command), expectedCommand, FIX, context.commandRuns));

  const state = isObject(config.value.hooks) && isObject(config.value.hooks.state) ? config.value.hooks.state : {};
  const untrusted = places.filter((p) => {
    const entry = state[stateKey(p.file, p.event, p.group, p.handler)];
    return !isObject(entry) || entry.trusted_hash !== trustedHash(p.event, p.hook);
  });
  out.push(
    untrusted.length === 0
      ? check("trust", "ok", `all ${places.length} hooks are trusted in ${configPath}`)
      : check("trust", "error", `${untrusted.length} of ${places.length} hooks are not trusted (Codex skips them silently): ${untrusted.map((p) => p.event).join(", ")}`, `${FIX} (writes the trust again)`),
  );

  const features = isObject(config.value.features) ? config.value.features : {};
  const enabled = features.hooks !== false && features.codex_hooks !== false;
  out.push(enabled ? check("features", "ok", "hooks are enabled") : check("features", "error", `${configPath} turns hooks off ([features] hooks = false)`, FIX));

  const providers = isObject(config.value.model_providers) ? config.value.model_providers : {};
  const alias = providers[PROVIDER_ALIAS];
  const baseUrl = isObject(alias) ? alias.base_url : undefined;
  const want = `${context.gatewayUrl}/v1`;
  if (config.value.model_provider !== PROVIDER_ALIAS) {
    out.push(check("provider", "error", `model_provider is ${JSON.stringify(config.value.model_provider ?? "unset (openai)")}, not "${PROVIDER_ALIAS}": Codex's model calls bypass the gateway and are not recorded`, FIX));
  } else if (baseUrl !== want) {
    out.push(check("provider", "error", `[model_providers.${PROVIDER_ALIAS}] base_url is ${JSON.stringify(baseUrl)}, not ${want}`, FIX));
  } else {
    out.push(check("provider", "ok", `model_provider "${PROVIDER_ALIAS}" → ${want}`));
  }
  return out;
}
