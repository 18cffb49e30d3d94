import { AtifDirectorySink } from "../../adapters/fs/atif-directory-sink.ts";
import { createGatewayApp } from "../../adapters/http/gateway-app.ts";
import { DeferredQueue } from "../../adapters/http/proxy/defer.ts";
import type { RequestLog } from "../../adapters/http/request-log.ts";
import { fail, ok, type Result } from "../../domain/errors.ts";
import { redactText } from "../../domain/redaction.ts";
import { DEFAULT_PRICES } from "../../domain/pricing/default-prices.ts";
import { priceLookup } from "../../domain/pricing/model-price.ts";
import type { AgentHookAdapter } from "../../ports/agent-hooks.ts";
import type { AgentCalls } from "../../ports/agent-module.ts";
import type { EventExporter } from "../../ports/event-exporter.ts";
import type { ProviderApi, ProviderApiName } from "../../ports/provider-api.ts";
import type { GatewayConfig } from "../config/schema.ts";
import { VERSION } from "../version.ts";
import { exposureAllowed, isLoopback, parseBind } from "./bind-address.ts";
import { configuredExporters } from "./exporters.ts";
import { GatewayService } from "./gateway-service.ts";
import { LoopLagProbe } from "./loop-lag-probe.ts";
import { GatewayLiveSessions } from "./live-sessions.ts";

export interface GatewayParts {
  readonly adapters: readonly AgentHookAdapter[];
  /** How each agent's LLM calls name their session and agent. */
  readonly calls?: readonly AgentCalls[];
  readonly apis: Readonly<Record<ProviderApiName, ProviderApi>>;
  /** Where problems worth a human's attention go (a write that failed, a bug in observation). */
  readonly report: (message: string) => void;
  /** The request log (`serve`): failed calls and rejected hooks, or every request. */
  readonly log?: RequestLog;
  readonly now?: () => number;
  /** Measure event-loop blocks (NEMO_RELAY_DEBUG_LOOP_LAG=1): `loopLag` on the handle, the longest logged at stop. */
  readonly loopLag?: boolean;
}

export interface GatewayHandle {
  readonly url: string;
  readonly port: number;
  /** The session viewer's address (`<url>/ui/`), when it is on. */
  readonly viewerUrl?: string;
  readonly service: GatewayService;
  /** The configured exporters (OpenTelemetry…), shut down with the gateway. */
  readonly exporters: readonly EventExporter[];
  /** Waits until every observation queued so far has been recorded. */
  settled(): Promise<void>;
  /** The event-loop probe, when the parts asked for one. */
  readonly loopLag?: LoopLagProbe;
  /** Ends every session, writes their files, stops listening. Safe to call twice. */
  stop(): Promise<void>;
}

const IDLE_SWEEP_MS = 5_000;
const MIN_SWEEP_MS = 50;
/** How long in-flight requests get to finish at shutdown before their connections are closed. */
const SHUTDOWN_GRACE_MS = 1_000;

/** Often enough that short idle settings act on time, never more than every 5 s by default. */
function sweepInterval(config: GatewayConfig): number {
  const shortest = Math.min(config.gateway.idleTimeoutSecs, config.gateway.sessionIdleSecs) * 1000;
  return Math.max(MIN_SWEEP_MS, Math.min(IDLE_SWEEP_MS, shortest / 4));
}

/** Binds the gateway and wires HTTP, agents, providers, recorder and ATIF files together. */
export function startGateway(config: GatewayConfig, parts: GatewayParts): Result<GatewayHandle> {
  const bind = parseBind(config.gateway.bind);
  if (!bind.ok) return bind;
  const exposure = exposureAllowed(config.gateway.bind, bind.value.hostname, config.gateway.authToken);
  if (!exposure.ok) return exposure;
  // Reports reach a terminal or a log: nothing secret-shaped goes with them.
  const report = (message: string) => parts.report(redactText(message));
  const now = parts.now ?? Date.now;
  const sink = config.atif.enabled ? new AtifDirectorySink(config.atif.outputDirectory, process.cwd(), report) : undefined;
  // Prices from config.toml go before the shipped table.
  const priceOf = priceLookup(config.pricing, DEFAULT_PRICES);
  const exporters = configuredExporters(config, priceOf, report);
  // The viewer at /ui: on by default only where only this machine can reach it.
  const live = (config.gateway.ui ?? isLoopback(bind.value.hostname)) ? new GatewayLiveSessions() : undefined;
  const service = new GatewayService({ adapters: parts.adapters, calls: parts.calls, sink, exporters: live ? [...exporters, live] : exporters, priceOf, producer: `nemo-relay ${VERSION}`, now, report, redactSecrets: config.redactSecrets });
  live?.attach(service);
  const queue = new DeferredQueue((error) => report(`observation failed (the agent was not affected): ${(error as Error)?.stack ?? error}`));
  let boundPort = bind.value.port;
  const app = createGatewayApp({
    version: VERSION,
    hooks: service,
    maxHookBytes: config.gateway.maxHookPayloadBytes,
    authToken: config.gateway.authToken,
    // The bound port, read from the server once it listens: `server.port` is a native getter, and the guard asks on every request.
    guard: { loopback: isLoopback(bind.value.hostname), allowedHosts: config.gateway.allowedHosts, port: () => boundPort },
    report,
    ...(live ? { viewer: { live } } : {}),
    ...(parts.log ? { log: { everyRequest: parts.log.everyRequest, write: (line: string) => parts.log!.write(redactText(line)) } } : {}),
    proxy: {
      upstreams: { openai: config.upstream.openaiBaseUrl, anthropic: config.upstream.anthropicBaseUrl, chatgpt: config.upstream.chatgptBaseUrl },
      apis: parts.apis,
      errorApis: { openai: parts.apis["openai-responses"], anthropic: parts.apis["anthropic-messages"], chatgpt: parts.apis["openai-responses"] },
      observer: service,
      queue,
      maxBodyBytes: config.gateway.maxBodyBytes,
      maxObservedBytes: 16 * 1024 * 1024,
      headerTimeoutMs: config.gateway.upstreamHeaderTimeoutSecs * 1000,
      idleTimeoutMs: config.gateway.upstreamIdleTimeoutSecs * 1000,
      now,
    },
  });
  try {
    // Bun's own body cap answers with an empty 413; ours (per route, in the handlers) says why.
    // reusePort off: a second gateway on a served port must fail, not split sessions between two processes.
    app.listen({ hostname: bind.value.hostname, port: bind.value.port, maxRequestBodySize: Number.MAX_SAFE_INTEGER, reusePort: false });
  } catch (error) {
    const inUse = (error as { code?: string }).code === "EADDRINUSE" || /in use/i.test(String(error));
    return fail("invalid_argument", inUse ? `${config.gateway.bind} is already in use: stop the other gateway, or pass --bind 127.0.0.1:0 for any free port` : `cannot listen on ${config.gateway.bind}: ${(error as Error).message}`);
  }
  const port = app.server!.port!;
  boundPort = port;
  const sweeper = setInterval(() => {
    service.closeIdleTurns(config.gateway.idleTimeoutSecs * 1000);
    service.evictSessions(config.gateway.sessionIdleSecs * 1000, config.gateway.maxSessions);
  }, sweepInterval(config));
  sweeper.unref();
  const loopLag = parts.loopLag ? new LoopLagProbe() : undefined;
  let stopping: Promise<void> | undefined;
  const url = `http://${bind.value.hostname.includes(":") ? `[${bind.value.hostname}]` : bind.value.hostname}:${port}`;
  return ok({
    url,
    port,
    ...(live ? { viewerUrl: `${url}/ui/` } : {}),
    service,
    exporters,
    settled: () => queue.drained().then(() => service.flush()),
    loopLag,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(sweeper);
        if (loopLag) {
          loopLag.stop();
          parts.report(`longest event-loop block since last asked: ${loopLag.take().toFixed(1)} ms (probe every ${loopLag.everyMs} ms)`);
        }
        // Open streams get a moment to end on their own; then sessions are written regardless.
        const grace = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
        const server = app.server!;
        await Promise.race([server.stop(), grace]);
        await server.stop(true);
        await queue.drained();
        await service.shutdown();
      })()),
  });
}
