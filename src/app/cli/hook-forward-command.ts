import { defineCommand } from "citty";
import { CliFailure } from "./fail.ts";
import { HOOK_FORWARD_HELP, hookForward } from "./hook-forward.ts";

/** The citty face of hook-forward, for `--help` listings; the binary runs it without citty. */
export const examples = ["nemo-relay hook-forward codex --gateway-url http://127.0.0.1:4040 < event.json"];

/** Parses its own arguments (strictly). */
export const ownParser = true;

export const help = HOOK_FORWARD_HELP;

export default defineCommand({
  meta: { name: "hook-forward", description: "Forward one hook event (stdin) to the gateway and print its answer; used by installed hooks" },
  async run({ rawArgs }) {
    const code = await hookForward(rawArgs);
    if (code !== 0) throw new CliFailure({ code: "invalid_argument", message: "hook-forward failed (see above)" }, code);
  },
});
