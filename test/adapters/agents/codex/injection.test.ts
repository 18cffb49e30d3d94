/**
 * The wrapper (`-c` overrides) and the persistent install (`hooks.json`, `config.toml`) give
 * Codex the same provider alias and the same hooks: both are built from codex/injection.ts.
 */
import { expect, test } from "bun:test";
import { codexConfigFile } from "../../../../src/adapters/agents/codex/install-config-toml.ts";
import { codexHooksFile } from "../../../../src/adapters/agents/codex/install-hooks-json.ts";
import { PROVIDER_ALIAS } from "../../../../src/adapters/agents/codex/injection.ts";
import { codexLauncher } from "../../../../src/adapters/agents/codex/launch-plan.ts";
import { installedHookCommand } from "../../../../src/adapters/agents/shared/json-hooks.ts";

const GATEWAY = "http://127.0.0.1:47632";
/** What installed hooks run; the wrapper's hooks run `<self> hook-forward codex`. */
const COMMAND = installedHookCommand("/opt/nemo-relay", "codex", GATEWAY);

test("the launch plan's provider and hooks are exactly the install's", async () => {
  const planned = await codexLauncher.plan({ gatewayUrl: GATEWAY, selfCommand: "/opt/nemo-relay", argv: ["codex", "exec", "hi"], cwd: "/", env: { CODEX_API_KEY: "k" }, dryRun: true });
  if (!planned.ok) throw new Error(planned.error.message);
  const overrides = planned.value.argv.filter((_, i, all) => all[i - 1] === "-c");
  const provider = overrides.find((o) => o.startsWith(`model_providers.${PROVIDER_ALIAS}=`))!;
  const planProvider = Bun.TOML.parse(`p = ${provider.slice(provider.indexOf("=") + 1)}`) as { p: unknown };
  const planHooks = Object.fromEntries(overrides.filter((o) => /^hooks\.[A-Z]/.test(o)).map((o) => [o.slice(6, o.indexOf("=")), (Bun.TOML.parse(`h = ${o.slice(o.indexOf("=") + 1)}`) as { h: unknown }).h]));

  const hooksFile = codexHooksFile("/ch/hooks.json", COMMAND).add(undefined, () => undefined);
  if (!hooksFile.ok) throw new Error(hooksFile.error.message);
  const configFile = codexConfigFile("/ch/config.toml", { hooksJson: "/ch/hooks.json" }, GATEWAY).add(undefined, (path) => (path === "/ch/hooks.json" ? hooksFile.value.text : undefined));
  if (!configFile.ok) throw new Error(configFile.error.message);
  const installed = Bun.TOML.parse(configFile.value.text) as { model_providers: Record<string, unknown> };
  const installedHooks = (JSON.parse(hooksFile.value.text) as { hooks: Record<string, unknown> }).hooks;

  expect(planProvider.p).toEqual(installed.model_providers[PROVIDER_ALIAS]);
  // The same hooks, each running its own command: the run's gateway is in the environment, the install's on the command line.
  expect(planHooks).toEqual(JSON.parse(JSON.stringify(installedHooks).replaceAll(JSON.stringify(COMMAND).slice(1, -1), "/opt/nemo-relay hook-forward codex")));
  expect(Object.keys(planHooks)).toHaveLength(14);

  // Kept inline in config.toml (beside a user's own), they are the same hooks again.
  const inline = codexConfigFile("/ch/config.toml", { inline: COMMAND }, GATEWAY).add('[[hooks.Stop]]\nhooks = [{ type = "command", command = "mine" }]\n', () => undefined);
  if (!inline.ok) throw new Error(inline.error.message);
  const { state, ...inlineHooks } = (Bun.TOML.parse(inline.value.text) as { hooks: Record<string, unknown[]> }).hooks;
  expect({ ...inlineHooks, Stop: inlineHooks.Stop!.slice(1) } as Record<string, unknown>).toEqual(installedHooks);
  expect(Object.keys(state as unknown as object)).toHaveLength(14);
});
