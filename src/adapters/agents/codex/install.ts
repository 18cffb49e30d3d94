/**
 * Persistent Codex integration (`nemo-relay install codex`): hooks in `$CODEX_HOME/hooks.json`
 * (or inline in `config.toml` when the user keeps theirs there), trusted in
 * `$CODEX_HOME/config.toml` the way Codex's own `/hooks` → Trust writes it, and the provider
 * alias selected as `model_provider`. Plain files Codex reads at every start, so it
 * survives restarts, needs no review step and works with `features.plugins = false`.
 */
import { join } from "node:path";
import { fail, ok } from "../../../domain/errors.ts";
import type { AgentIntegration, InstallContext } from "../../../ports/agent-install.ts";
import { installedHookCommand } from "../shared/json-hooks.ts";
import { codexConfigFile } from "./install-config-toml.ts";
import { keepsInlineHooks } from "./inline-hooks.ts";
import { parseToml } from "../shared/toml-edit.ts";
import { codexChecks } from "./install-checks.ts";
import { codexHome } from "./codex-home.ts";
import { codexHooksFile } from "./install-hooks-json.ts";
import { codexSignInCheck } from "./sign-in-check.ts";
import { CODEX } from "./identity.ts";

const paths = (context: InstallContext) => {
  const home = codexHome(context.env, context.cwd);
  return { hooks: join(home, "hooks.json"), config: join(home, "config.toml") };
};

const command = (context: InstallContext) => installedHookCommand(context.selfCommand, "codex", context.gatewayUrl);

export const codexIntegration: AgentIntegration = {
  agent: CODEX.name,
  name: CODEX.cliName,
  executables: ["codex"],
  minimumVersion: "0.169.0",
  projectScope: false,
  files(context, read) {
    if (context.project) return fail("invalid_argument", "Codex reads hooks from a project only once that project is trusted; install for the user (without --project)");
    const { hooks, config } = paths(context);
    const current = parseToml(config, read(config) ?? "");
    if (!current.ok) return current;
    if (keepsInlineHooks(current.value)) {
      // Ours go inline beside the user's; a hooks.json of an earlier install only loses ours.
      const configFile = codexConfigFile(config, { inline: command(context) }, context.gatewayUrl);
      return ok(read(hooks) === undefined ? [configFile] : [codexHooksFile(hooks), configFile]);
    }
    // hooks.json first: the trust written into config.toml names each hook by its place there.
    return ok([codexHooksFile(hooks, command(context)), codexConfigFile(config, { hooksJson: hooks }, context.gatewayUrl)]);
  },
  notes(context) {
    const key = context.env.CODEX_API_KEY || context.env.OPENAI_API_KEY;
    return key ? [] : ["Codex authenticates as usual (`codex login`, or CODEX_API_KEY); the gateway passes its credentials on untouched"];
  },
  check(context, read) {
    const { hooks, config } = paths(context);
    return codexChecks(context, hooks, config, read, command(context));
  },
  signIn: codexSignInCheck,
};
