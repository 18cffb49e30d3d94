/**
 * The gateway under test, in its own process: `startGateway` with the production parts, both
 * upstreams on the mock provider, ATIF files into a directory of the benchmark's choosing.
 *
 *   bun bench/gateway-entry.ts --upstream URL --atif DIR
 *
 * Prints `{"url":…,"pid":…}` once listening, and serves until SIGTERM. With `--control` it
 * also reads commands on stdin, one per line, answering each with one JSON line: `settle`
 * (wait for observation and ATIF writes), `gc` (full collection, then memory), `stats`
 * (sessions and memory), `lag` (the longest event-loop block since the last `lag`, with
 * NEMO_RELAY_DEBUG_LOOP_LAG=1); stdin closing stops it too.
 */
import { resolveConfig } from "../src/app/config/resolve.ts";
import type { GatewayConfig } from "../src/app/config/schema.ts";
import { gatewayParts } from "../src/app/gateway/parts.ts";
import { startGateway, type GatewayHandle } from "../src/app/gateway/start-gateway.ts";

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

/** The product's own config resolution, with the bench's upstreams, bind and ATIF directory. */
export function benchConfig(upstream: string, atifDir: string | undefined): GatewayConfig {
  const base = upstream.replace(/\/+$/, "");
  const atif = atifDir ? { enabled: true, output_directory: atifDir } : { enabled: false };
  const plugins = [{ path: "(bench)", data: { version: 1, components: [{ kind: "observability", config: { atif } }] } }];
  const resolved = resolveConfig([], plugins, { env: {}, bind: "127.0.0.1:0", openaiBaseUrl: `${base}/v1`, anthropicBaseUrl: base });
  if (!resolved.ok) throw new Error(resolved.error.message);
  return resolved.value;
}

function memory(gateway: GatewayHandle): Record<string, number> {
  const usage = process.memoryUsage();
  return { sessions: gateway.service.recorder.sessionCount, rss: usage.rss, heapUsed: usage.heapUsed };
}

async function serveCommands(gateway: GatewayHandle): Promise<void> {
  for await (const line of console) {
    const command = line.trim();
    if (command === "settle") await gateway.settled();
    else if (command === "gc") Bun.gc(true);
    else if (command === "lag") {
      console.log(JSON.stringify({ command, loopLagMs: gateway.loopLag?.take() ?? Number.NaN, ...memory(gateway) }));
      continue;
    } else if (command !== "stats") continue;
    console.log(JSON.stringify({ command, ...memory(gateway) }));
  }
}

if (import.meta.main) {
  const upstream = arg("--upstream");
  if (!upstream) {
    console.error("usage: bun bench/gateway-entry.ts --upstream URL [--atif DIR]");
    process.exit(1);
  }
  const started = startGateway(benchConfig(upstream, arg("--atif")), gatewayParts((message) => console.error(message)));
  if (!started.ok) {
    console.error(`${started.error.code}: ${started.error.message}`);
    process.exit(1);
  }
  const gateway = started.value;
  console.log(JSON.stringify({ url: gateway.url, pid: process.pid }));
  const stop = () => void gateway.stop().then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  if (process.argv.includes("--control")) void serveCommands(gateway).then(stop);
}
