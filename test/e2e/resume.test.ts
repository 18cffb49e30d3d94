/**
 * Resuming a wrapped session observed (the command the wrapper prints after a run:
 * `nemo-relay claude -- … --resume <id>`, `nemo-relay codex -- resume <id>`) continues the same
 * record: with the real clients offline, a first run and a resumed one write one file holding
 * both turns.
 */
import { expect, test } from "bun:test";
import { claudeCodeLauncher } from "../../src/adapters/agents/claude-code/launch-plan.ts";
import { codexLauncher } from "../../src/adapters/agents/codex/launch-plan.ts";
import { resumeHint } from "../../src/app/launch/resume-hint.ts";
import { readAtif, sessionIdSeenBy } from "./support/atif.ts";
import { claudeEnv, CLAUDE_PROMPTS } from "./support/claude.ts";
import { CODEX_PROMPTS, codexEnv, codexExecArgs, writeCodexConfig } from "./support/codex.ts";
import { errorsOf } from "./support/expectations.ts";
import { BUN, NEMO_RELAY, requireClient } from "./support/paths.ts";
import { describeRun, runBounded } from "./support/run.ts";
import type { Sandbox } from "./support/sandbox.ts";
import { onStage } from "./support/stage.ts";
import { TEST_TIMEOUT_MS } from "./support/suites.ts";

const SECOND_PROMPT = "And once more, please.";

/** The session's one file is valid and holds the first run's prompt and the resumed run's. */
function expectContinued(box: Sandbox, sessionId: string, firstPrompt: string): void {
  const t = readAtif(box.atifDir, sessionId).trajectory;
  expect(errorsOf(t)).toEqual([]);
  const prompts = t.steps.filter((s) => s.source === "user").map((s) => s.message);
  expect(prompts[0]).toBe(firstPrompt);
  expect(prompts).toContain(SECOND_PROMPT);
}

test("claude: the printed resume command continues the same ATIF file", async () => {
  requireClient("claude");
  await onStage("claude-resume", async (box, mock) => {
    const env = claudeEnv(box, {}, { NEMO_RELAY_ANTHROPIC_BASE_URL: mock.url });
    const userArgs = ["--dangerously-skip-permissions"];
    const first = await runBounded({ argv: [BUN, NEMO_RELAY, "claude", "--", ...userArgs, "-p", "--", CLAUDE_PROMPTS.basic], env, cwd: box.work });
    expect(first.exitCode, describeRun(first)).toBe(0);
    const sessionId = sessionIdSeenBy(mock, "claude");
    // The words of the hint the wrapper prints at a terminal, run with -p and a new prompt.
    const hint = resumeHint(claudeCodeLauncher, ["claude", ...userArgs], sessionId, "claude")!;
    expect(hint).toBe(`nemo-relay claude -- --dangerously-skip-permissions --resume ${sessionId}`);
    const resumeArgs = hint.split(" ").slice(3);
    const second = await runBounded({ argv: [BUN, NEMO_RELAY, "claude", "--", ...resumeArgs, "-p", "--", SECOND_PROMPT], env, cwd: box.work });
    expect(second.exitCode, describeRun(second)).toBe(0);
    expect(new Set(mock.requests.map((r) => r.headers["x-claude-code-session-id"]))).toEqual(new Set([sessionId]));
    expectContinued(box, sessionId, CLAUDE_PROMPTS.basic);
  });
}, TEST_TIMEOUT_MS * 2);

test("codex: resuming the session under nemo-relay (`codex exec resume <id>`, the non-interactive form of the printed `resume <id>`) continues the same ATIF file", async () => {
  requireClient("codex");
  await onStage("codex-resume", async (box, mock) => {
    writeCodexConfig(box);
    const env = codexEnv(box, { NEMO_RELAY_OPENAI_BASE_URL: `${mock.url}/v1` });
    const first = await runBounded({ argv: [BUN, NEMO_RELAY, "codex", "--", ...codexExecArgs(CODEX_PROMPTS.basic)], env, cwd: box.work });
    expect(first.exitCode, describeRun(first)).toBe(0);
    const sessionId = sessionIdSeenBy(mock, "codex");
    expect(resumeHint(codexLauncher, ["codex", ...codexExecArgs(CODEX_PROMPTS.basic)], sessionId, "codex")).toBe(`nemo-relay codex -- resume ${sessionId}`);
    const second = await runBounded({ argv: [BUN, NEMO_RELAY, "codex", "--", "exec", "--skip-git-repo-check", "resume", sessionId, SECOND_PROMPT], env, cwd: box.work });
    expect(second.exitCode, describeRun(second)).toBe(0);
    expect(sessionIdSeenBy(mock, "codex")).toBe(sessionId);
    expectContinued(box, sessionId, CODEX_PROMPTS.basic);
  });
}, TEST_TIMEOUT_MS * 2);
