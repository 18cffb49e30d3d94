/**
 * The interactive UIs as people run them (`nemo-relay codex`, `nemo-relay claude`, no -p or
 * exec), in a real terminal (tmux), offline against the scripted mock: a prompt typed, the answer
 * shown, the UI quit with its own command. One ATIF file per session (the Codex TUI's title
 * thread inside it), the agent's version read from its interactive client, no background-server
 * warning from Codex, and the wrapper's resume hint printed after the run.
 */
import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Trajectory } from "../../src/domain/trajectory/schema.ts";
import { CODEX_OFFLINE_TOML } from "../support/capture/clients.ts";
import type { MockLlm } from "../support/mock-llm/index.ts";
import { atifFilesIn, readAtif, sessionIdSeenBy } from "./support/atif.ts";
import { CLAUDE_KEY, claudeEnv } from "./support/claude.ts";
import { CODEX_KEY, codexEnv } from "./support/codex.ts";
import { errorsOf } from "./support/expectations.ts";
import { BUN, NEMO_RELAY, requireClient } from "./support/paths.ts";
import type { Sandbox } from "./support/sandbox.ts";
import { onStage } from "./support/stage.ts";
import { Terminal } from "./support/tmux.ts";

const TIMEOUT_MS = 180_000;
const CODEX_PROMPT = "Run `echo nemo-$((6*7))` in the shell and tell me what it printed.";
const CLAUDE_PROMPT = "Run `echo nemo-$((6*7))` with Bash and tell me what it printed.";

/** A stage whose terminal, once opened, is closed afterwards too. */
const inTerminal = (label: string, body: (box: Sandbox, mock: MockLlm, open: (env: Record<string, string>, argv: string[]) => Terminal) => Promise<void>) =>
  onStage(label, async (box, mock) => {
    let terminal: Terminal | undefined;
    try {
      await body(box, mock, (env, argv) => (terminal = Terminal.start(label, box.work, env, argv)));
    } finally {
      terminal?.close();
    }
  });

/** After the run: the resume hint on screen, and exactly the session's file, valid, with the prompt typed. */
function expectRecorded(box: Sandbox, screen: string, hint: string, sessionId: string, version: string, prompt: string): Trajectory {
  expect(screen).toContain(`to resume this session observed: ${hint}`);
  expect(atifFilesIn(box.atifDir)).toEqual([`${sessionId}.atif.json`]);
  const t = readAtif(box.atifDir, sessionId).trajectory;
  expect(errorsOf(t)).toEqual([]);
  expect(t.agent.version).toBe(version);
  expect(t.steps.filter((s) => s.source === "user").map((s) => s.message)).toEqual([prompt]);
  return t;
}

describe("interactive UIs through nemo-relay, in a terminal", () => {
  test.concurrent("the Codex TUI: one file with the title thread inside, no background-server warning, the resume hint", async () => {
    requireClient("codex");
    await inTerminal("codex-tui", async (box, mock, open) => {
      writeFileSync(join(box.codexHome, "config.toml"), `${CODEX_OFFLINE_TOML}\n[projects.${JSON.stringify(box.work)}]\ntrust_level = "trusted"\n`);
      // The TUI reads only a login (CODEX_API_KEY is for exec): as `codex login --with-api-key` stores it.
      writeFileSync(join(box.codexHome, "auth.json"), JSON.stringify({ auth_mode: "apikey", OPENAI_API_KEY: CODEX_KEY }));
      const terminal = open(codexEnv(box, { NEMO_RELAY_OPENAI_BASE_URL: `${mock.url}/v1`, TERM: "xterm-256color" }), [BUN, NEMO_RELAY, "codex"]);
      await terminal.waitFor("Ask Codex to do anything");
      // Without --no-daemon the footer showed "⚠ 1 warning · f2 to view" from the first frame on
      // (the shared background server); only the model-metadata warning may come, after a turn.
      await Bun.sleep(1_500);
      expect(terminal.screen()).not.toContain("warning");
      await terminal.type(CODEX_PROMPT);
      await terminal.waitFor("printed nemo-42");
      await terminal.type("/quit");
      const screen = await terminal.waitFor("[exit 0]");
      // The mock saw two session ids: the user's, and the title thread's own.
      const threads = Map.groupBy(mock.requests, (r) => /"thread_source":"(\w+)"/.exec(r.headers["x-codex-turn-metadata"] ?? "")?.[1]);
      const sessionIds = (source: string) => [...new Set((threads.get(source) ?? []).map((r) => r.headers["session-id"]))];
      expect(sessionIds("thread_title")).toHaveLength(1);
      const sessionId = sessionIds("user")[0]!;
      expect(sessionIds("user")).toHaveLength(1);
      expect(sessionIds("thread_title")).not.toEqual([sessionId]);
      const t = expectRecorded(box, screen, `nemo-relay codex -- resume ${sessionId}`, sessionId, "0.169.0", CODEX_PROMPT);
      expect(t.steps.some((s) => s.extra?.llm_purpose === "thread_title")).toBe(true);
    });
  }, TIMEOUT_MS);

  test.concurrent("the Claude Code REPL: its turn recorded, /exit, and the resume hint that works", async () => {
    requireClient("claude");
    await inTerminal("claude-repl", async (box, mock, open) => {
      // A first start's questions, answered as a person would have before: onboarding done, this
      // folder trusted, the API key approved (Claude keeps its last 20 characters), bypass accepted.
      const answered = { hasCompletedOnboarding: true, bypassPermissionsModeAccepted: true, customApiKeyResponses: { approved: [CLAUDE_KEY.slice(-20)], rejected: [] }, projects: { [box.work]: { hasTrustDialogAccepted: true } } };
      writeFileSync(join(box.home, ".claude.json"), JSON.stringify(answered));
      const terminal = open(claudeEnv(box, {}, { NEMO_RELAY_ANTHROPIC_BASE_URL: mock.url, TERM: "xterm-256color" }), [BUN, NEMO_RELAY, "claude", "--", "--dangerously-skip-permissions"]);
      await terminal.waitFor("bypass permissions on");
      await terminal.type(CLAUDE_PROMPT);
      await terminal.waitFor("printed nemo-42");
      await terminal.type("/exit");
      const screen = await terminal.waitFor("[exit 0]");
      const sessionId = sessionIdSeenBy(mock, "claude");
      expectRecorded(box, screen, `nemo-relay claude -- --dangerously-skip-permissions --resume ${sessionId}`, sessionId, "2.1.328", CLAUDE_PROMPT);
    });
  }, TIMEOUT_MS);
});
