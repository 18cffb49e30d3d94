/**
 * Delivers one hook the way an installed Codex hook does: a real `nemo-relay hook-forward codex`
 * process with the payload on stdin. `--fail-closed` because here a lost event is a failed demo,
 * not something to hide from an agent.
 */
import { CODEX } from "../../adapters/agents/codex/identity.ts";

/** Marks the recorded session as the built-in demo (kept in the trajectory's session metadata). */
const DEMO_METADATA = JSON.stringify({ nemo_relay_demo: true });
/** hook-forward's own 2 s default is tuned for agents; a loaded CI machine deserves more slack here. */
const DELIVERY_TIMEOUT_MS = 8_000;
const PROCESS_TIMEOUT_MS = 10_000;

export async function forwardHook(self: readonly string[], gatewayUrl: string, payload: Record<string, unknown>): Promise<void> {
  const event = String(payload.hook_event_name);
  const child = Bun.spawn([...self, "hook-forward", CODEX.name, "--gateway-url", gatewayUrl, "--fail-closed", "--timeout-ms", String(DELIVERY_TIMEOUT_MS), "--session-metadata", DEMO_METADATA], {
    stdin: new TextEncoder().encode(JSON.stringify(payload)),
    stdout: "pipe",
    stderr: "pipe",
    env: process.env,
    timeout: PROCESS_TIMEOUT_MS,
  });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  if (code !== 0) throw new Error(`hook-forward codex (${event}) exited with ${child.signalCode ?? code}: ${stderr.trim().split("\n")[0] ?? ""}`);
  // Codex reads the hook's stdout as its answer; the gateway must have said plain success.
  if (stdout.trim() !== "{}") throw new Error(`hook-forward codex (${event}) answered ${stdout.trim().slice(0, 120) || "nothing"} instead of {}`);
}
