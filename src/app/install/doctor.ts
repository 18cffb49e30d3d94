/**
 * `nemo-relay doctor`: every check runs, whatever the others found; each says ok, warn or
 * error, what it saw and how to fix it. Agents that are neither on PATH nor installed (nor asked
 * for with `--plugin`) are one line, not a wall of warnings.
 */
import { readText } from "../../adapters/fs/managed-files.ts";
import type { AgentIntegration, DoctorCheck, UpstreamUrls } from "../../ports/agent-install.ts";
import { loadConfig } from "../config/load-config.ts";
import { VERSION } from "../version.ts";
import { atLeast, probeAgent } from "./agent-probe.ts";
import { installContext } from "./context.ts";
import { binaryCheck, configChecks, gatewayCheck } from "./doctor-common.ts";
import { integrations } from "./integrations.ts";

type Env = Readonly<Record<string, string | undefined>>;

export interface DoctorReport {
  readonly schema_version: 1;
  readonly version: string;
  readonly gateway_url: string;
  readonly ok: boolean;
  readonly checks: readonly DoctorCheck[];
}

export interface DoctorOptions {
  readonly env: Env;
  readonly cwd: string;
  /** `--plugin AGENT`: only this agent's checks (nemo-relay's own still run). */
  readonly only?: AgentIntegration;
}

/** Whether an installed hook's nemo-relay still runs: `--version`, bounded, each command once. */
const ran = new Map<string, boolean>();
function commandRuns(argv: readonly string[]): boolean {
  const key = argv.join("\u0000");
  let runs = ran.get(key);
  if (runs === undefined) {
    try {
      runs = Bun.spawnSync([...argv, "--version"], { stdout: "ignore", stderr: "ignore", stdin: "ignore", timeout: 10_000 }).exitCode === 0;
    } catch {
      runs = false; // not executable, or not there
    }
    ran.set(key, runs);
  }
  return runs;
}

async function agentChecks(integration: AgentIntegration, options: DoctorOptions, upstream: UpstreamUrls | undefined): Promise<DoctorCheck[]> {
  const probe = await probeAgent(integration, options.env, options.cwd);
  const context = { ...installContext({ env: options.env, cwd: options.cwd, project: false, agentVersion: probe.version }), upstream, commandRuns };
  const checks = integration.check(context, readText);
  const installed = checks.some((c) => !(c.id.endsWith("hooks") && c.status === "warn"));
  // How the agent signs in matters with or without an install: `nemo-relay <agent>` routes it too.
  if (integration.signIn) checks.push(integration.signIn(context, readText));
  const id = `${integration.name}.agent`;
  const fix = `install ${integration.executables[0]}, or put it on PATH`;
  if (!probe.path) {
    if (!installed && options.only !== integration) return [{ id, status: "ok", message: `${integration.executables[0]} not found on PATH and nothing installed; skipped`, fix: null }];
    return [{ id, status: "warn", message: `${integration.executables[0]} not found on PATH`, fix }, ...checks];
  }
  const min = integration.minimumVersion;
  let agent: DoctorCheck;
  if (!probe.version) agent = { id, status: "warn", message: `${probe.path}: version unknown${min ? ` (needs ≥ ${min})` : ""}`, fix: null };
  else if (min && !atLeast(probe.version, min)) agent = { id, status: "error", message: `${probe.path} is ${probe.version}; the installed hooks need ≥ ${min}`, fix: `update ${integration.executables[0]} to ${min} or later` };
  else agent = { id, status: "ok", message: `${integration.executables[0]} ${probe.version} at ${probe.path}`, fix: null };
  return [agent, ...checks];
}

export async function doctor(options: DoctorOptions): Promise<DoctorReport> {
  const context = installContext({ env: options.env, cwd: options.cwd, project: false });
  const agents = options.only ? [options.only] : integrations();
  const config = loadConfig({ cwd: options.cwd, env: options.env });
  const upstream = config.ok ? config.value.upstream : undefined;
  const [gateway, ...perAgent] = await Promise.all([gatewayCheck(context.gatewayUrl), ...agents.map((a) => agentChecks(a, options, upstream))]);
  const checks = [binaryCheck(options.env, context.selfCommand), ...configChecks(options.cwd, options.env, config), gateway!, ...perAgent.flat()];
  return { schema_version: 1, version: VERSION, gateway_url: context.gatewayUrl, ok: !checks.some((c) => c.status === "error"), checks };
}

const SYMBOL = { ok: "✓", warn: "!", error: "✗" } as const;

export function formatReport(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((c) => c.id.length));
  const lines = report.checks.flatMap((c) => [`${SYMBOL[c.status]} ${c.id.padEnd(width)}  ${c.message}`, ...(c.fix ? [`  ${" ".repeat(width)}  fix: ${c.fix}`] : [])]);
  const count = (s: DoctorCheck["status"]) => report.checks.filter((c) => c.status === s).length;
  const summary = `${count("ok")} ok, ${count("warn")} warning${count("warn") === 1 ? "" : "s"}, ${count("error")} error${count("error") === 1 ? "" : "s"}`;
  return `nemo-relay ${report.version} doctor — persistent gateway ${report.gateway_url}\n\n${lines.join("\n")}\n\n${summary}\n`;
}
