/**
 * How each agent's LLM calls name their session, subagent and version, from the headers the
 * real clients send. The `codex exec` and `claude -p` user-agents are the captured ones
 * (test/fixtures); for the interactive TUI and REPL only the product tokens were reported
 * (`codex-tui/0.169.0`, `claude-cli/2.1.328`), so their tails here are illustrative.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { claudeCodeCalls } from "../../../src/adapters/agents/claude-code/call-identity.ts";
import { codexCalls } from "../../../src/adapters/agents/codex/call-identity.ts";

describe("Codex", () => {
  test("session, the top-level thread, and the version from exec's and the TUI's user-agents", () => {
    expect(codexCalls.identify({ "session-id": "s", "thread-id": "s", "user-agent": "codex_exec/0.169.0 (Debian 12.0.0; x86_64) unknown (codex_exec; 0.169.0)" })).toEqual({ sessionId: "s", topLevel: true, agentVersion: "0.169.0" });
    expect(codexCalls.identify({ "session-id": "s", "thread-id": "t", "user-agent": "codex-tui/0.169.0 (Debian 12.0.0; x86_64) xterm-256color (codex-tui; 0.169.0)" })).toEqual({ sessionId: "s", subagentId: "t", agentVersion: "0.169.0" });
    expect(codexCalls.identify({ "session-id": "s", version: "0.170.1" })).toEqual({ sessionId: "s", agentVersion: "0.170.1" });
  });

  test("the TUI's title thread (its own session, thread_source thread_title) is a side thread; the user's own thread is not", () => {
    const captured = JSON.parse(readFileSync(join(import.meta.dir, "../../fixtures/codex/tui-title-thread.json"), "utf8")) as { calls: Array<{ headers: Record<string, string> }> };
    const [user, title] = captured.calls.map((c) => codexCalls.identify(c.headers));
    expect(user).toMatchObject({ topLevel: true, agentVersion: "0.169.0" });
    expect(user!.sideThread).toBeUndefined();
    expect(title).toMatchObject({ topLevel: true, sideThread: "thread_title", agentVersion: "0.169.0" });
    // A subagent's call names the parent session and its own thread: never a side thread.
    expect(codexCalls.identify({ "session-id": "s", "thread-id": "t", "x-codex-turn-metadata": '{"thread_source":"subagent"}' }).sideThread).toBeUndefined();
  });

  test("no session-id: not Codex's call", () => {
    expect(codexCalls.identify({ "user-agent": "codex_exec/0.169.0", "thread-id": "t" })).toEqual({});
  });
});

describe("Claude Code", () => {
  test("session, subagent, and the version from -p's and the REPL's user-agents", () => {
    expect(claudeCodeCalls.identify({ "x-claude-code-session-id": "s", "user-agent": "claude-cli/2.1.328 (external, sdk-cli)" })).toEqual({ sessionId: "s", agentVersion: "2.1.328" });
    expect(claudeCodeCalls.identify({ "x-claude-code-session-id": "s", "x-claude-code-agent-id": "a", "user-agent": "claude-cli/2.1.328 (external, cli)" })).toEqual({ sessionId: "s", subagentId: "a", agentVersion: "2.1.328" });
    expect(claudeCodeCalls.identify({ "x-claude-code-session-id": "s", "user-agent": "axios/1.15.2" })).toEqual({ sessionId: "s" });
  });

  test("no session header: not Claude's call", () => {
    expect(claudeCodeCalls.identify({ "user-agent": "claude-cli/2.1.328 (external, cli)" })).toEqual({});
  });
});
