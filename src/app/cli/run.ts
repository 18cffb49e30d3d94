import { defineCommand, type CommandDef } from "citty";
import type { AgentIdentity } from "../../ports/agent-module.ts";
import { log } from "./log.ts";
import { transparentRun } from "../launch/transparent-run.ts";
import { inferLauncher, launcherFor } from "../launch/launchers.ts";
import { loadConfig } from "../config/load-config.ts";
import { openInBrowser } from "../launch/open-browser.ts";
import { CliFailure } from "./fail.ts";
import { AGENT_OPTION, parseRunArgs, RUN_OPTIONS, type RunArgs } from "./run-args.ts";


async function execute(parsed: RunArgs, agentName: string | undefined, shortcut: boolean): Promise<void> {
  const launcher = agentName ? launcherFor(agentName) : inferLauncher(parsed.rest);
  if (!launcher) {
    const what = agentName ? `unknown agent "${agentName}"` : `cannot tell which agent "${parsed.rest[0] ?? ""}" is`;
    throw new CliFailure({ code: "invalid_argument", message: `${what}; pass --agent codex|claude|cursor|hermes` }, 2);
  }
  let argv = parsed.rest;
  if (shortcut) {
    // `nemo-relay codex -- ARGS` runs the configured (or default) command with ARGS.
    const config = loadConfig({ configPath: parsed.config });
    const configured = config.ok ? (config.value.agents[agentName!]?.command ?? config.value.agents[launcher.agent]?.command) : undefined;
    argv = [...(configured ?? launcher.defaultCommand).split(/\s+/).filter(Boolean), ...parsed.rest];
  }
  const tty = Boolean(process.stderr.isTTY);
  const result = await transparentRun({
    launcher,
    argv,
    dryRun: parsed.dryRun,
    print: parsed.print || parsed.dryRun,
    configPath: parsed.config,
    openaiBaseUrl: parsed.openaiBaseUrl,
    anthropicBaseUrl: parsed.anthropicBaseUrl,
    chatgptBaseUrl: parsed.chatgptBaseUrl,
    sessionMetadata: parsed.sessionMetadata,
    ...(shortcut ? { shortcut: agentName } : {}),
    ...(parsed.view ? { view: (url: string) => {
      log.info(`session viewer: ${url}`);
      openInBrowser(url, (message) => log.info(message));
    } } : {}),
    cwd: process.cwd(),
    env: process.env,
    out: (text) => void process.stdout.write(text),
    status: (text) => tty && log.info(text),
    warn: (text) => log.warn(text),
  });
  if (!result.ok) throw new CliFailure(result.error);
  process.exitCode = result.value;
}

function parseOrFail(rawArgs: string[]): RunArgs {
  const parsed = parseRunArgs(rawArgs);
  if (typeof parsed === "string") throw new CliFailure({ code: "invalid_argument", message: parsed }, 2);
  return parsed;
}

/** Parses its own arguments (strictly). */
export const ownParser = true;

export const examples = ["nemo-relay run -- codex exec 'fix the tests'", "nemo-relay run --agent claude -- ./my-claude-wrapper.sh -p hi", "nemo-relay run --dry-run -- claude -p hello"];

export default defineCommand({
  meta: { name: "run", description: "Run any agent command with a private gateway observing it; exits with the agent's exit code" },
  args: { ...AGENT_OPTION, ...RUN_OPTIONS },
  async run({ rawArgs }) {
    const parsed = parseOrFail(rawArgs);
    await execute(parsed, parsed.agent, false);
  },
});

/** `nemo-relay codex|claude|cursor|hermes [-- ARGS]`: the same, for the agent's own command. */
export function agentShortcut(identity: AgentIdentity): { default: CommandDef<any>; examples: string[]; ownParser: true } {
  const agent = identity.cliName;
  return {
    ownParser: true,
    examples: [`nemo-relay ${agent}`, `nemo-relay ${agent} -- ${identity.exampleArgs}`, `nemo-relay ${agent} --dry-run`],
    default: defineCommand({
      meta: { name: agent, description: `Run ${agent} with a private gateway observing it (arguments after -- go to ${agent})` },
      args: RUN_OPTIONS,
      async run({ rawArgs }) {
        await execute(parseOrFail(rawArgs), agent, true);
      },
    }),
  };
}
