import type { Scope } from "./plugin-files.ts";

/**
 * What `plugins edit` puts in a new file: valid as it stands (it changes nothing), with every
 * setting there is written out as a comment, so editing means uncommenting.
 */
export function pluginsTemplate(scope: Scope): string {
  return `# nemo-relay plugins.toml (${scope} layer): which exporters record what the agents do.
#
# Read from /etc/nemo-relay/, then the nearest .nemo-relay/ up from the current directory,
# then $XDG_CONFIG_HOME/nemo-relay/ (or ~/.config/nemo-relay/); later layers win, and a
# component here updates the component of the same kind below it.
# See the merged result with: nemo-relay plugins show

version = 1

[[components]]
kind = "observability"
# enabled = true                          # false turns every exporter of this component off

[components.config.opentelemetry]
# enabled = false                         # true sends every session as a trace to an OTLP collector
# endpoint = "http://localhost:4318"      # spans go to <endpoint>/v1/traces (or OTEL_EXPORTER_OTLP_ENDPOINT)
# protocol = "http/protobuf"              # or "http/json" (or OTEL_EXPORTER_OTLP_PROTOCOL)
# headers = { }                           # e.g. { "x-api-key" = "…" }; merged with OTEL_EXPORTER_OTLP_HEADERS
# service_name = "nemo-relay"             # or OTEL_SERVICE_NAME
# timeout_millis = 3000                   # per request, and the most a shutdown waits for the export
# mode = "genai"                          # GenAI semantic conventions, or "openinference" (Phoenix)
# compression = "none"                    # or "gzip" (or OTEL_EXPORTER_OTLP_COMPRESSION)

[components.config.atif]
# enabled = true                          # one ATIF trajectory file per agent session
# output_directory = ".nemo-relay/atif"   # a relative directory is taken from each session's cwd
`;
}
