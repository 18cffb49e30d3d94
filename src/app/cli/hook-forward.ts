/**
 * `nemo-relay hook-forward AGENT`: the hook command agents run once per event. It reads the
 * hook JSON on stdin, POSTs it to the gateway and prints the answer. It starts on every event,
 * so it imports nothing heavy (no citty, consola or elysia; the architecture test checks).
 *
 * Fail-open by default: when the gateway cannot be reached it prints nothing on stdout (an
 * agent would read it as the hook's answer), one line on stderr, and exits 0.
 */
import { AGENT_CHOICES, findAgent } from "../agents.ts";
import { oneLine } from "./fail.ts";
import { isJsonObject } from "./json-object.ts";
import { ENV, HEADERS } from "../../ports/wire-names.ts";

const MODES = ["hook-only", "passthrough", "required"];
const DEFAULT_TIMEOUT_MS = 2_000;
/** How long a hook that starts the gateway waits for it to answer. */
const START_WAIT_MS = 1_500;
/** Set by transparent runs that inject hooks of their own: installed hooks then stay quiet. */

export const HOOK_FORWARD_HELP = `Forward one hook event (JSON on stdin) to the nemo-relay gateway and print its answer.

USAGE nemo-relay hook-forward AGENT [OPTIONS]

  AGENT                     codex | claude (alias claude-code) | cursor | hermes

OPTIONS
  --gateway-url URL         gateway to post to (default: $NEMO_RELAY_GATEWAY_URL)
  --fail-closed             exit 2 when the event cannot be delivered (agents treat 2 as blocking);
                            by default delivery failures exit 0 so the agent is never held up
  --start-gateway           what installed hooks pass: when nothing listens at the (loopback)
                            gateway URL, start \`nemo-relay serve --exit-when-idle\` there, detached,
                            wait up to ${START_WAIT_MS} ms for it, then post. Inside a transparent run
                            (NEMO_RELAY_GATEWAY_URL set) the run's gateway is used instead
  --timeout-ms N            give up after N ms in total (default ${DEFAULT_TIMEOUT_MS})
  --profile NAME            sent as x-nemo-relay-config-profile
  --session-metadata JSON   sent as x-nemo-relay-session-metadata (must be a JSON object)
  --plugin-config JSON      sent as x-nemo-relay-plugin-config (must be a JSON object)
  --gateway-mode MODE       hook-only | passthrough | required, sent as x-nemo-relay-gateway-mode

ENVIRONMENT
  NEMO_RELAY_GATEWAY_URL    the gateway, when --gateway-url is not given
  NEMO_RELAY_AUTH_TOKEN     sent as x-nemo-relay-token (a gateway beyond loopback requires it)
  TRACEPARENT, TRACESTATE   a W3C trace context, sent along so the session's spans join that trace

EXAMPLES
  echo '{"hook_event_name":"Stop","session_id":"s1"}' | nemo-relay hook-forward codex --gateway-url http://127.0.0.1:4040
  nemo-relay hook-forward claude --fail-closed < event.json
  nemo-relay hook-forward codex --gateway-url http://127.0.0.1:47632 --start-gateway < event.json
`;

interface Io {
  readonly stdin: () => Promise<string>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

interface Options {
  agentPath: string;
  url?: string;
  failClosed: boolean;
  startGateway: boolean;
  timeoutMs: number;
  headers: Record<string, string>;
}

// Bun's own file writers: touching process.stdout loads Node's stream layer (~13 ms per event).
const defaultIo: Io = {
  stdin: () => Bun.stdin.text(),
  out: (text) => void Bun.write(Bun.stdout, text),
  err: (text) => void Bun.write(Bun.stderr, text),
  env: process.env,
};

/** Runs the command; returns the exit code. */
export async function hookForward(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(HOOK_FORWARD_HELP);
    return 0;
  }
  const parsed = parseArgs(argv, io.env);
  if (typeof parsed === "string") {
    io.err(`nemo-relay hook-forward: ${oneLine(parsed)} [invalid_argument]\n`);
    return 1;
  }
  const failed = (message: string) => {
    io.err(`nemo-relay hook-forward: ${oneLine(message)}${parsed.failClosed ? "" : " (fail-open: the agent continues)"}\n`);
    return parsed.failClosed ? 2 : 0;
  };
  if (parsed.startGateway) {
    // An installed hook inside a transparent run: that run's own hooks report this event, or
    // (Hermes, whose runs inject none) the run's gateway takes it.
    if (io.env[ENV.installedHooks] === "off") return 0;
    if (io.env[ENV.gatewayUrl]) {
      parsed.url = io.env[ENV.gatewayUrl];
      parsed.startGateway = false;
    }
  }
  if (!parsed.url) return failed("no gateway URL; pass --gateway-url or set NEMO_RELAY_GATEWAY_URL");
  const url = parsed.url;
  const body = await io.stdin();
  const post = () =>
    fetch(`${url.replace(/\/+$/, "")}/hooks/${parsed.agentPath}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...parsed.headers },
      body: body.trim() === "" ? "{}" : body,
      signal: AbortSignal.timeout(parsed.timeoutMs),
    });
  try {
    let response: Response;
    try {
      response = await post();
    } catch (error) {
      if (!parsed.startGateway || (error as { code?: string }).code !== "ECONNREFUSED") throw error;
      // Loaded only on the rare event that has to start the gateway.
      const { startGatewayOnDemand } = await import("../launch/gateway-autostart.ts");
      const problem = await startGatewayOnDemand(url.replace(/\/+$/, ""), { env: io.env, waitMs: START_WAIT_MS });
      if (problem) return failed(problem);
      response = await post();
    }
    const text = await response.text();
    if (!response.ok) return failed(`gateway answered HTTP ${response.status}: ${text.slice(0, 200)}`);
    if (text !== "") io.out(`${text}\n`);
    return 0;
  } catch (error) {
    const reason = (error as Error).name === "TimeoutError" ? `no answer within ${parsed.timeoutMs} ms` : (error as Error).message;
    return failed(`cannot reach the gateway at ${url}: ${reason}`);
  }
}

function parseArgs(argv: readonly string[], env: Io["env"]): Options | string {
  const options: Options = { agentPath: "", url: env[ENV.gatewayUrl], failClosed: false, startGateway: false, timeoutMs: DEFAULT_TIMEOUT_MS, headers: {} };
  // A transparent run passes --session-metadata to its agent's hooks through the environment.
  const inherited = env[ENV.sessionMetadata];
  if (inherited && isJsonObject(inherited)) options.headers[HEADERS.sessionMetadata] = inherited;
  // A gateway beyond loopback (or with a token set) wants its token on every request; never printed.
  const token = env[ENV.authToken];
  if (token) options.headers[HEADERS.token] = token;
  // An agent run inside a traced job (CI, an orchestrator) passes its W3C trace context down:
  // the session's spans join that trace, as they do when the gateway itself inherits it.
  if (env.TRACEPARENT) options.headers.traceparent = env.TRACEPARENT;
  if (env.TRACEPARENT && env.TRACESTATE) options.headers.tracestate = env.TRACESTATE;
  const rest = [...argv];
  while (rest.length > 0) {
    const arg = rest.shift()!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? rest.shift();
    switch (flag) {
      case "--fail-closed":
        options.failClosed = true;
        break;
      case "--start-gateway":
        options.startGateway = true;
        break;
      case "--gateway-url":
        options.url = value();
        if (!options.url) return "--gateway-url needs a URL";
        break;
      case "--timeout-ms": {
        const ms = Number(value());
        if (!Number.isInteger(ms) || ms <= 0) return "--timeout-ms needs a positive whole number of milliseconds";
        options.timeoutMs = ms;
        break;
      }
      case "--profile":
        options.headers[HEADERS.configProfile] = value() ?? "";
        break;
      case "--session-metadata":
      case "--plugin-config": {
        const text = value() ?? "";
        if (!isJsonObject(text)) return `${flag} must be a JSON object, got: ${text.slice(0, 80)}`;
        options.headers[flag === "--plugin-config" ? HEADERS.pluginConfig : HEADERS.sessionMetadata] = text;
        break;
      }
      case "--gateway-mode": {
        const mode = value() ?? "";
        if (!MODES.includes(mode)) return `--gateway-mode must be one of ${MODES.join(", ")}`;
        options.headers[HEADERS.gatewayMode] = mode;
        break;
      }
      default:
        if (flag.startsWith("-")) return `unknown option ${flag}; see nemo-relay hook-forward --help`;
        if (options.agentPath) return `unexpected argument ${flag}`;
        const agent = findAgent(flag);
        if (!agent) return `unknown agent "${flag}"; use ${AGENT_CHOICES}`;
        options.agentPath = agent.name;
    }
  }
  if (!options.agentPath) return `missing AGENT (${AGENT_CHOICES})`;
  return options;
}
