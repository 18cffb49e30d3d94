import { OtlpExporter } from "../../adapters/otlp/otlp-exporter.ts";
import type { PriceLookup } from "../../domain/pricing/model-price.ts";
import type { EventExporter } from "../../ports/event-exporter.ts";
import type { GatewayConfig } from "../config/schema.ts";
import { VERSION } from "../version.ts";

/** The exporters the configuration turns on (today: OpenTelemetry traces), each seeing every placed event. */
export function configuredExporters(config: GatewayConfig, priceOf: PriceLookup, report: (message: string) => void): EventExporter[] {
  const otel = config.opentelemetry;
  if (!otel.enabled) return [];
  return [
    new OtlpExporter({
      url: otel.tracesUrl,
      protocol: otel.protocol,
      headers: otel.headers,
      serviceName: otel.serviceName,
      serviceVersion: VERSION,
      timeoutMillis: otel.timeoutMillis,
      mode: otel.mode,
      compression: otel.compression,
      ...(otel.traceparent ? { traceparent: otel.traceparent } : {}),
      ...(otel.tracestate ? { tracestate: otel.tracestate } : {}),
      priceOf,
      report,
    }),
  ];
}
