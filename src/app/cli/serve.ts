import { defineCommand } from "citty";
import { log } from "./log.ts";
import { loadConfig } from "../config/load-config.ts";
import { gatewayParts } from "../gateway/parts.ts";
import { watchIdle } from "../gateway/idle-exit.ts";
import { startGateway } from "../gateway/start-gateway.ts";
import { CliFailure } from "./fail.ts";
import { GATEWAY_OPTIONS } from "./gateway-options.ts";
import { ENV } from "../../ports/wire-names.ts";

export const examples = ["nemo-relay serve", "nemo-relay serve --verbose", "nemo-relay serve --bind 127.0.0.1:0", "NEMO_RELAY_OPENAI_BASE_URL=http://127.0.0.1:9000/v1 nemo-relay serve", "nemo-relay serve --bind 127.0.0.1:47632 --exit-when-idle --idle-exit-secs 60"];

export default defineCommand({
  meta: { name: "serve", description: "Run the gateway until stopped (default 127.0.0.1:4040): hook endpoints, provider proxy, ATIF files" },
  args: {
    bind: { type: "string", description: "HOST:PORT to listen on (beyond loopback only with NEMO_RELAY_AUTH_TOKEN set)" },
    ...GATEWAY_OPTIONS,
    "exit-when-idle": { type: "boolean", description: "Stop once every session is finalized and nothing happened for [gateway] idle_exit_secs (default 600; what hooks started on demand run)" },
    "idle-exit-secs": { type: "string", description: "With --exit-when-idle: seconds instead of [gateway] idle_exit_secs / NEMO_RELAY_IDLE_EXIT_SECS" },
    verbose: { type: "boolean", description: "One line per request (also NEMO_RELAY_LOG=debug); by default only failed calls and rejected hooks" },
    quiet: { type: "boolean", description: "Warnings and errors only (also NEMO_RELAY_LOG=quiet)" },
  },
  async run({ args }) {
    const idleExitSecs = args["idle-exit-secs"] === undefined ? undefined : Number(args["idle-exit-secs"]);
    if (idleExitSecs !== undefined && !(idleExitSecs > 0)) throw new CliFailure({ code: "invalid_argument", message: "--idle-exit-secs needs a positive number of seconds" }, 2);
    const config = loadConfig({ bind: args.bind, configPath: args.config, openaiBaseUrl: args["openai-base-url"], anthropicBaseUrl: args["anthropic-base-url"], chatgptBaseUrl: args["chatgpt-base-url"], idleExitSecs });
    if (!config.ok) throw new CliFailure(config.error);
    if (args.verbose && args.quiet) throw new CliFailure({ code: "invalid_argument", message: "choose one of --verbose and --quiet" }, 2);
    const level = args.verbose ? "debug" : args.quiet ? "quiet" : (process.env[ENV.log] ?? "info");
    if (!["debug", "info", "quiet"].includes(level)) throw new CliFailure({ code: "invalid_argument", message: `${ENV.log} must be debug, info or quiet (got ${JSON.stringify(level.slice(0, 40))})` }, 2);
    const requestLog = level === "quiet" ? undefined : { everyRequest: level === "debug", write: (line: string) => log.info(line) };
    const started = startGateway(config.value, { ...gatewayParts((message) => log.warn(message)), ...(requestLog ? { log: requestLog } : {}) });
    if (!started.ok) throw new CliFailure(started.error);
    const gateway = started.value;
    const atif = config.value.atif.enabled ? `ATIF → ${config.value.atif.outputDirectory} (relative to each session's cwd)` : "ATIF off";
    log.info(`nemo-relay gateway on ${gateway.url} — ${atif}`);
    // Never the token itself: the user has it, and a terminal's scrollback is not a safe.
    // The address only, with where the token goes: never the token's value.
    const withToken = config.value.gateway.authToken !== undefined ? "?token=<your NEMO_RELAY_AUTH_TOKEN> (once per browser)" : "";
    if (gateway.viewerUrl) log.info(`session viewer: ${gateway.viewerUrl}${withToken}`);
    await new Promise<void>((resolve) => {
      const stop = async (signal: string) => {
        log.info(`${signal}: writing open sessions and stopping`);
        await gateway.stop();
        resolve();
      };
      process.once("SIGINT", () => void stop("SIGINT"));
      process.once("SIGTERM", () => void stop("SIGTERM"));
      // A closed terminal: the sessions are written as for any other stop, and the exit is clean.
      process.once("SIGHUP", () => void stop("SIGHUP"));
      if (args["exit-when-idle"]) {
        const secs = config.value.gateway.idleExitSecs;
        log.info(`on demand: stops once every session is finalized and it has been idle for ${secs} s`);
        watchIdle(gateway.service.recorder, secs * 1000, () => void stop(`idle for ${secs} s with every session finalized`));
      }
    });
  },
});
