import { isObject } from "../../../domain/json.ts";
import type { ToolOutcome } from "../../../ports/provider-api.ts";
import { asId } from "../shared/json.ts";

/** Codex's shell tools report their exit status in the output they hand back to the model. */
const EXIT_STATUS = /^Process exited with code (-?\d+)$/m;

/**
 * Failed tool calls a request reports back to the model (`function_call_output` items): the one
 * place a Codex command's exit status is visible, since its hooks carry only the output text.
 *
 * @example
 * toolOutcomes([{ type: "function_call_output", call_id: "c1", output: "Process exited with code 3\nOutput:\n" }]);
 * // [{ callId: "c1", status: "failed", reason: "Process exited with code 3" }]
 */
export function toolOutcomes(input: unknown): ToolOutcome[] {
  if (!Array.isArray(input)) return [];
  const out: ToolOutcome[] = [];
  for (const item of input) {
    if (!isObject(item) || item.type !== "function_call_output" || typeof item.output !== "string") continue;
    const callId = asId(item.call_id);
    const exit = EXIT_STATUS.exec(item.output);
    if (callId && exit && exit[1] !== "0") out.push({ callId, status: "failed", reason: exit[0] });
  }
  return out;
}
