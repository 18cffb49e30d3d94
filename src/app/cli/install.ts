import { join } from "node:path";
import { defineCommand } from "citty";
import { InstallRecords } from "../../adapters/fs/install-records.ts";
import type { AgentIntegration } from "../../ports/agent-install.ts";
import { probeAgent } from "../install/agent-probe.ts";
import { installContext } from "../install/context.ts";
import { install, type InstallReport } from "../install/install.ts";
import { AGENT_CHOICES, integrationFor } from "../install/integrations.ts";
import { temporaryCacheOf } from "../../adapters/shared/temporary-cache.ts";
import { stateDir } from "../launch/persistent-paths.ts";
import { selfArgv } from "../launch/self-command.ts";
import { CliFailure } from "./fail.ts";

export const examples = [
  "nemo-relay install codex            # $CODEX_HOME/hooks.json + trust and provider alias in config.toml",
  "nemo-relay install claude           # ~/.claude/settings.json",
  "nemo-relay install claude --project # .claude/settings.json of this directory",
  "nemo-relay install cursor --project # .cursor/hooks.json",
  "nemo-relay install hermes --dry-run # show what would change, write nothing",
];

/** The integration named on the command line, or a one-line error. */
export function chooseIntegration(agent: string | undefined, project: boolean): AgentIntegration {
  const integration = agent ? integrationFor(agent) : undefined;
  if (!integration) throw new CliFailure({ code: "invalid_argument", message: agent ? `unknown agent "${agent}"; use ${AGENT_CHOICES}` : `missing AGENT (${AGENT_CHOICES})` }, 2);
  if (project && !integration.projectScope) throw new CliFailure({ code: "invalid_argument", message: `--project is not available for ${integration.name}; it is configured per user` }, 2);
  return integration;
}

export const recordsFor = (env: Readonly<Record<string, string | undefined>>) => new InstallRecords(join(stateDir(env), "install"));

export function formatFiles(report: InstallReport, dryRun: boolean): string {
  const lines = report.files.map((f) => `${dryRun ? "would be " : ""}${f.action.padEnd(9)} ${f.path}  (${f.label}${f.note ? `; ${f.note}` : ""})`);
  return [...lines, ...report.notes.map((n) => `note: ${n}`)].join("\n") + "\n";
}

export default defineCommand({
  meta: { name: "install", description: "Wire an agent to the persistent gateway (127.0.0.1:47632) through its own config files, with backups" },
  args: {
    agent: { type: "positional", required: false, description: AGENT_CHOICES },
    project: { type: "boolean", description: "claude, cursor: the project's settings (in the current directory) instead of the user's" },
    "dry-run": { type: "boolean", description: "Show which files would change; write nothing" },
  },
  async run({ args }) {
    const project = Boolean(args.project);
    const integration = chooseIntegration(args.agent, project);
    const cache = temporaryCacheOf(selfArgv().at(-1)!);
    if (cache) {
      throw new CliFailure({ code: "invalid_argument", message: `nemo-relay is running from ${cache}'s temporary package cache (${selfArgv().at(-1)}), which is cleared at any time: hooks installed from here would stop working; install nemo-relay first (npm i -g nemo-relay, with Bun; or the compiled binary), then run install from there` });
    }
    const probe = await probeAgent(integration, process.env, process.cwd());
    const context = installContext({ env: process.env, cwd: process.cwd(), project, agentVersion: probe.version });
    const report = await install({ integration, context, records: recordsFor(process.env), dryRun: Boolean(args["dry-run"]) });
    if (!report.ok) throw new CliFailure(report.error);
    process.stdout.write(formatFiles(report.value, Boolean(args["dry-run"])));
    if (!args["dry-run"]) process.stdout.write(`${integration.name} now reports to ${context.gatewayUrl} (started by its first hook). Check with: nemo-relay doctor --plugin ${integration.name}\n`);
  },
});
