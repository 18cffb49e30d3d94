import { delimiter, dirname } from "node:path";
import { findExecutable, runChild } from "../../adapters/process/run-child.ts";
import { fail, ok, type Result } from "../../domain/errors.ts";
import type { AgentLauncher, LaunchPlan } from "../../ports/agent-launch.ts";
import { loadConfig } from "../config/load-config.ts";
import { gatewayParts } from "../gateway/parts.ts";
import { startGateway } from "../gateway/start-gateway.ts";
import { formatPlan } from "./print-plan.ts";
import { resumeHint } from "./resume-hint.ts";
import { selfArgv, selfCommand } from "./self-command.ts";
import { ENV } from "../../ports/wire-names.ts";

export interface RunOptions {
  readonly launcher: AgentLauncher;
  readonly argv: readonly string[];
  readonly dryRun: boolean;
  readonly print: boolean;
  readonly configPath?: string;
  readonly openaiBaseUrl?: string;
  readonly anthropicBaseUrl?: string;
  readonly chatgptBaseUrl?: string;
  readonly sessionMetadata?: string;
  /** The shortcut the user typed (`claude` for `nemo-relay claude -- …`), for the resume hint. */
  readonly shortcut?: string;
  /** `--view`: told the viewer's address once the private gateway listens. */
  readonly view?: (url: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (text: string) => void;
  /** Status lines for a human at a terminal; problems are reported whether or not one is attached. */
  readonly status: (text: string) => void;
  readonly warn: (text: string) => void;
}

/**
 * A transparent run: a private gateway on 127.0.0.1:0, the agent started with the plan's
 * injections, its exit code returned; afterwards every patched file is restored and every
 * session written, whatever way the agent ended.
 */
export async function transparentRun(options: RunOptions): Promise<Result<number>> {
  const config = loadConfig({ cwd: options.cwd, env: options.env, configPath: options.configPath, bind: "127.0.0.1:0", openaiBaseUrl: options.openaiBaseUrl, anthropicBaseUrl: options.anthropicBaseUrl, chatgptBaseUrl: options.chatgptBaseUrl });
  if (!config.ok) return config;
  if (options.argv.length === 0) return fail("invalid_argument", "missing command; pass -- <agent command>");
  if (options.dryRun) {
    const planned = await plan(options, "http://127.0.0.1:<port>");
    if (!planned.ok) return planned;
    options.out(formatPlan(options.launcher.agent, "http://127.0.0.1:<port>", config.value, planned.value.plan, planned.value.env));
    return ok(0);
  }
  const executable = findExecutable(options.argv[0]!, options.env.PATH, options.cwd);
  if (!executable) return fail("invalid_argument", `cannot find "${options.argv[0]}" on PATH; install ${options.launcher.agent} or name its command after --`);
  // The private gateway is loopback-only and lives for this run; the agent's own LLM clients
  // cannot send a gateway token, so one configured for a shared gateway does not apply here.
  const { authToken: _shared, ...gatewaySettings } = config.value.gateway;
  const started = startGateway({ ...config.value, gateway: gatewaySettings }, gatewayParts(options.warn));
  if (!started.ok) return started;
  const gateway = started.value;
  try {
    const planned = await plan(options, gateway.url);
    if (!planned.ok) return planned;
    const { plan: launch, env } = planned.value;
    if (options.print) options.out(formatPlan(options.launcher.agent, gateway.url, config.value, launch, env));
    options.status(`nemo-relay → ${options.launcher.agent}: gateway ${gateway.url}${config.value.atif.enabled ? `, ATIF in ${config.value.atif.outputDirectory}` : ""}`);
    for (const note of launch.notes) options.status(`note: ${note}`);
    if (options.view) {
      if (gateway.viewerUrl) options.view(gateway.viewerUrl);
      else options.warn("--view: the viewer is off ([gateway] ui = false)");
    }
    const prepared = launch.prepare?.();
    if (prepared && !prepared.ok) return prepared;
    try {
      const exit = await runChild([executable, ...launch.argv.slice(1)], { ...options.env, ...env }, options.cwd);
      const session = gateway.service.latestSession(options.launcher.agent);
      const hint = session && resumeHint(options.launcher, options.argv, session, options.shortcut);
      if (hint) options.status(`to resume this session observed: ${hint}`);
      return ok(exit.code);
    } finally {
      const restored = prepared?.value.restore();
      if (restored && !restored.ok) options.warn(restored.error.message);
    }
  } finally {
    await gateway.stop();
  }
}

async function plan(options: RunOptions, gatewayUrl: string): Promise<Result<{ plan: LaunchPlan; env: Record<string, string> }>> {
  const planned = await options.launcher.plan({ gatewayUrl, selfCommand: selfCommand(), argv: options.argv, cwd: options.cwd, env: options.env, dryRun: options.dryRun });
  if (!planned.ok) return planned;
  // Our own directory goes last on PATH, so `nemo-relay` resolves in hooks without shadowing anything.
  const ownDir = dirname(selfArgv().at(-1)!);
  const path = options.env.PATH ?? "";
  const env: Record<string, string> = {
    [ENV.gatewayUrl]: gatewayUrl,
    PATH: path.split(delimiter).includes(ownDir) ? path : [path, ownDir].filter(Boolean).join(delimiter),
    ...(options.sessionMetadata ? { [ENV.sessionMetadata]: options.sessionMetadata } : {}),
    ...planned.value.env,
  };
  return ok({ plan: planned.value, env });
}
