import { readFileSync } from "node:fs";
import { ok } from "../../../domain/errors.ts";
import { executableIndex, insertAfterExecutable, type AgentLauncher, type LaunchRequest } from "../../../ports/agent-launch.ts";
import { codexHookOverrides, type CommandHook } from "./hook-trust.ts";
import { CODEX_HOOK_EVENTS, codexHook, PROVIDER_ALIAS, providerInlineTable } from "./injection.ts";
import { choosesServer, opensCodexTui } from "./interactive.ts";
import { codexAuthPath, storedLogin } from "./sign-in-check.ts";
import { CODEX } from "./identity.ts";
import { ENV } from "../../../ports/wire-names.ts";

const EXECUTABLES = ["codex", "codex.js"];

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Codex reports to the gateway through `-c` overrides only, so no file of the user's changes:
 * a `nemo-relay-openai` provider alias pointing at the gateway (the built-in `openai` provider is
 * never overridden) selected as `model_provider`, and a trusted hook for every event.
 */
export const codexLauncher: AgentLauncher = {
  agent: CODEX.name,
  defaultCommand: "codex",
  executables: EXECUTABLES,
  // `codex resume <id>` as Codex prints it, under nemo-relay: the run's -c overrides are not in it.
  resumeArgs: (_args, sessionId) => ["resume", sessionId],
  async plan(request: LaunchRequest) {
    const command = `${request.selfCommand} hook-forward codex`;
    const hooks = new Map<string, CommandHook>(CODEX_HOOK_EVENTS.map((event) => [event, codexHook(event, command)]));
    const notes: string[] = [];
    const authPath = codexAuthPath(request.env, request.cwd);
    const stored = storedLogin(readIfThere(authPath));
    const apiKey = Boolean(request.env.CODEX_API_KEY?.trim());
    const login = apiKey || stored !== "none";
    if (!apiKey && stored === "chatgpt") notes.push("Codex is signed in with ChatGPT: its model calls go to chatgpt_base_url with its own token, unchanged (never swapped for an API key)");
    // With requires_openai_auth Codex sends CODEX_API_KEY or its login, and ignores OPENAI_API_KEY
    // (verified with 0.169): name that variable for it when it is all the user has.
    const envKey: Array<[string, string]> = !login && request.env.OPENAI_API_KEY?.trim() ? [["env_key", '"OPENAI_API_KEY"']] : [];
    if (!login && envKey.length === 0) notes.push("no CODEX_API_KEY, OPENAI_API_KEY or Codex login (auth.json): requests will carry no credentials; set CODEX_API_KEY or run `codex login`");
    const provider = providerInlineTable(request.gatewayUrl, envKey);
    const args = request.argv.slice(executableIndex(request.argv, EXECUTABLES) + 1);
    // The TUI runs in-process whenever -c overrides are given; say so, and Codex does not warn at every start.
    const embedded = opensCodexTui(args) && !choosesServer(args) ? ["--no-daemon"] : [];
    if (embedded.length > 0) notes.push("the TUI runs with --no-daemon: the -c overrides that carry the hooks and provider (none of your files change) need Codex's in-process server, so this session is not on Codex's shared background server");
    const overrides = [...embedded, "-c", "features.hooks=true", "-c", `model_provider="${PROVIDER_ALIAS}"`, "-c", `model_providers.${PROVIDER_ALIAS}=${provider}`, ...codexHookOverrides(hooks)];
    // Hooks of a persistent install (`nemo-relay install codex`) stand down: this run's report.
    return ok({ argv: insertAfterExecutable(request.argv, EXECUTABLES, overrides), env: { [ENV.installedHooks]: "off" }, details: [], notes });
  },
};
