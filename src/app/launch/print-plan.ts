import type { LaunchPlan } from "../../ports/agent-launch.ts";
import { redactUrl } from "../config/opentelemetry.ts";
import type { GatewayConfig } from "../config/schema.ts";
import { shellQuote } from "./self-command.ts";

/** The `--print` / `--dry-run` report: `key = value` lines, one fact each, stable for scripts. */
export function formatPlan(agent: string, gatewayUrl: string, config: GatewayConfig, plan: LaunchPlan, env: Readonly<Record<string, string>>): string {
  const lines: Array<[string, string]> = [
    ["agent", agent],
    ["gateway_url", gatewayUrl],
    ["openai_base_url", config.upstream.openaiBaseUrl],
    ["anthropic_base_url", config.upstream.anthropicBaseUrl],
    ["chatgpt_base_url", config.upstream.chatgptBaseUrl],
    ...exporterLines(config),
    ["argv", plan.argv.map(shellQuote).join(" ")],
    ...Object.entries(env).map(([name, value]) => [`env.${name}`, value] as [string, string]),
    ...plan.details.map(([k, v]) => [k, v] as [string, string]),
    ...plan.notes.map((note) => ["note", note] as [string, string]),
  ];
  return `${lines.map(([k, v]) => `${k} = ${v}`).join("\n")}\n`;
}

/** One `exporter = …` line per destination (the reference's wording), or `exporters = not_configured`. */
function exporterLines(config: GatewayConfig): Array<[string, string]> {
  const lines: Array<[string, string]> = [];
  if (config.atif.enabled) lines.push(["exporter", `ATIF ${config.atif.outputDirectory}/<session-id>.atif.json`]);
  const otel = config.opentelemetry;
  // The endpoint only: headers carry the collector's credentials.
  if (otel.enabled) lines.push(["exporter", `${otel.mode === "openinference" ? "OpenInference" : "OpenTelemetry"} ${redactUrl(otel.tracesUrl)}`]);
  return lines.length > 0 ? lines : [["exporters", "not_configured"]];
}
