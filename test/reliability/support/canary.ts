/**
 * A well-behaved Claude Code session run alongside bad input: its record must come out exactly
 * as it does on a gateway that saw nothing else.
 */
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { postJson } from "./test-gateway.ts";

const hook = (url: string, sessionId: string, event: string, extra: Record<string, unknown>) => postJson(`${url}/hooks/claude-code`, { session_id: sessionId, hook_event_name: event, cwd: "/canary", ...extra });

export async function canaryStart(url: string, sessionId: string): Promise<void> {
  await hook(url, sessionId, "SessionStart", { source: "startup" });
  await hook(url, sessionId, "UserPromptSubmit", { prompt: "list the files, please" });
  await hook(url, sessionId, "PreToolUse", { tool_name: "Bash", tool_use_id: "toolu_canary_1", tool_input: { command: "ls" } });
}

export async function canaryFinish(url: string, sessionId: string): Promise<void> {
  await hook(url, sessionId, "PostToolUse", { tool_name: "Bash", tool_use_id: "toolu_canary_1", tool_input: { command: "ls" }, tool_response: { stdout: "a.txt\nb.txt", stderr: "", interrupted: false } });
  await hook(url, sessionId, "Stop", { last_assistant_message: "There are two files: a.txt and b.txt." });
}

/** The record without what differs between two runs of the same session (times, ids of the run). */
const WALL_CLOCK_KEYS = new Set(["timestamp", "duration_ms", "llm_started_at", "llm_ended_at", "tool_started_at", "tool_ended_at"]);

export function comparable(t: Trajectory): unknown {
  return JSON.parse(JSON.stringify(t.steps), (key, value: unknown) => (WALL_CLOCK_KEYS.has(key) ? undefined : value));
}
