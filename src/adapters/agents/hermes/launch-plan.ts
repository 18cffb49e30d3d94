import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ok } from "../../../domain/errors.ts";
import type { AgentLauncher, LaunchRequest } from "../../../ports/agent-launch.ts";
import { HERMES } from "./identity.ts";

/**
 * Hermes keeps its hooks in `~/.hermes/config.yaml`; a run only exports the gateway URL, which
 * installed `nemo-relay hook-forward hermes` hooks pick up. Whether they are installed is said.
 */
export const hermesLauncher: AgentLauncher = {
  agent: HERMES.name,
  defaultCommand: "hermes",
  executables: ["hermes", "hermes-agent"],
  async plan(request: LaunchRequest) {
    const config = join(request.env.HOME ?? "", ".hermes", "config.yaml");
    const installed = existsSync(config) && readFileSync(config, "utf8").includes("hook-forward hermes");
    const note = installed
      ? `Hermes hooks found in ${config}; they report to this run's gateway through NEMO_RELAY_GATEWAY_URL`
      : `Hermes hooks are not installed: run \`nemo-relay install hermes\` once so Hermes reports to the gateway (${config})`;
    return ok({ argv: [...request.argv], env: {}, details: [], notes: [note] });
  },
};
