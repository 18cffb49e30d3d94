/**
 * Subscription sign-ins end to end (issue: "Codex with ChatGPT and Claude with a subscription"),
 * with the real clients offline: `nemo-relay codex -- exec …` signed in with ChatGPT (an
 * `auth.json` as `codex login` writes it, no API key anywhere) reaches a loopback stand-in for the
 * ChatGPT backend at `/responses` with its bearer and account header intact, while a stand-in
 * for the OpenAI API that refuses ChatGPT tokens (401, as the real one does) receives nothing;
 * with an API key it is the other way round. Claude Code with `CLAUDE_CODE_OAUTH_TOKEN` keeps its
 * bearer and OAuth beta header. Each run's ATIF file is valid, holds exactly the usage the
 * stand-in reported, and no credential.
 */
import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CHATGPT_ACCESS_TOKEN, CHATGPT_ACCOUNT_ID, CHATGPT_REFRESH_TOKEN, chatgptAuthJson, chatgptWebSettings, startChatGptWeb, startRefusingOpenAi } from "../support/chatgpt-sign-in.ts";
import { CODEX_OFFLINE_TOML } from "../support/capture/clients.ts";
import type { FakeUpstream } from "../support/fake-upstream.ts";
import type { MockLlm } from "../support/mock-llm/index.ts";
import { readAtif, sessionIdSeenBy } from "./support/atif.ts";
import { claudeEnv, claudePrintArgs, CLAUDE_PROMPTS } from "./support/claude.ts";
import { CODEX_KEY, CODEX_PROMPTS, codexEnv, codexExecArgs } from "./support/codex.ts";
import { expectRelayQuiet, expectTokenTotals, errorsOf } from "./support/expectations.ts";
import { BUN, NEMO_RELAY } from "./support/paths.ts";
import { describeRun, runBounded } from "./support/run.ts";
import type { Sandbox } from "./support/sandbox.ts";
import { onStage } from "./support/stage.ts";
import type { Observed } from "./support/scenarios.ts";
import { TEST_TIMEOUT_MS } from "./support/suites.ts";

const CLAUDE_OAUTH_TOKEN = "sk-ant-oat01-nemo-e2e-dummy-subscription";

interface Stage {
  readonly box: Sandbox;
  /** The scripted model: the upstream that should serve the run. */
  readonly mock: MockLlm;
  /** The upstream that must receive nothing. */
  readonly refusing: FakeUpstream;
  /** Codex's own ChatGPT web calls (see startChatGptWeb). */
  readonly web: FakeUpstream;
}

/** Runs `body` on a fresh stage, the two stand-ins included, and takes it down afterwards. */
const onSignInStage = (label: string, body: (stage: Stage) => Promise<void>) =>
  onStage(label, async (box, mock) => {
    const refusing = startRefusingOpenAi();
    const web = startChatGptWeb();
    try {
      await body({ box, mock, refusing, web });
    } finally {
      refusing.stop();
      web.stop();
    }
  });

/** Codex offline, as a user has it, plus `auth.json` for a ChatGPT sign-in; returns the environment that keeps token refreshes on loopback. */
function writeCodexHome({ box, web }: Stage, auth?: string): Record<string, string> {
  const settings = chatgptWebSettings(web);
  writeFileSync(join(box.codexHome, "config.toml"), `${settings.toml}${CODEX_OFFLINE_TOML}`);
  if (auth) writeFileSync(join(box.codexHome, "auth.json"), auth);
  return settings.env;
}

/** Shaped for the shared expectations. */
const observed = (box: Sandbox, mock: MockLlm, run: Observed["run"], client: "codex" | "claude", prompt: string): Observed => {
  const sessionId = sessionIdSeenBy(mock, client);
  return { client, scenario: "basic", mode: "wrapped", prompt, run, exchanges: [...mock.exchanges], sessionId, atif: readAtif(box.atifDir, sessionId), atifFiles: [], gatewayReports: [] };
};

describe("subscription sign-ins through nemo-relay <agent> (the real clients)", () => {
  test.concurrent("codex signed in with ChatGPT: served by the ChatGPT backend stand-in, the OpenAI API stand-in gets nothing", () => onSignInStage("codex-chatgpt", async (stage) => {
    const { box, mock, refusing } = stage;
    const env = codexEnv(box, { NEMO_RELAY_OPENAI_BASE_URL: `${refusing.url}/v1`, NEMO_RELAY_CHATGPT_BASE_URL: mock.url, ...writeCodexHome(stage, chatgptAuthJson()) });
    delete env.CODEX_API_KEY; // signed in with ChatGPT only: no API key anywhere
    const prompt = CODEX_PROMPTS.basic;
    const run = await runBounded({ argv: [BUN, NEMO_RELAY, "codex", "--", ...codexExecArgs(prompt)], env, cwd: box.work });
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(run.stdout).toContain("nemo-42");
    expect(refusing.received.map((r) => `${r.method} ${r.path}`), "the OpenAI API stand-in must receive nothing").toEqual([]);
    // Codex's token stayed valid: no refresh was needed, so nothing was refused on the way.
    expect(stage.web.received.map((r) => r.path)).not.toContain("/oauth/token");
    const calls = mock.exchanges.filter((e) => e.wire === "openai-responses");
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const e of calls) {
      expect(e.request.path).toBe("/responses");
      expect(e.request.headers).toMatchObject({ authorization: `Bearer ${CHATGPT_ACCESS_TOKEN}`, "chatgpt-account-id": CHATGPT_ACCOUNT_ID });
    }
    const o = observed(box, mock, run, "codex", prompt);
    expectRelayQuiet(o);
    const t = o.atif!.trajectory;
    expect(errorsOf(t)).toEqual([]);
    expectTokenTotals(t, o.exchanges);
    for (const secret of [CHATGPT_ACCESS_TOKEN.split(".")[1]!, CHATGPT_REFRESH_TOKEN]) expect(o.atif!.text + run.stderr + run.stdout).not.toContain(secret);
  }), TEST_TIMEOUT_MS);

  test.concurrent("codex with an API key: served by the OpenAI API stand-in, the ChatGPT backend stand-in gets nothing", () => onSignInStage("codex-api-key", async (stage) => {
    const { box, mock, refusing } = stage;
    const env = codexEnv(box, { NEMO_RELAY_OPENAI_BASE_URL: `${mock.url}/v1`, NEMO_RELAY_CHATGPT_BASE_URL: refusing.url, ...writeCodexHome(stage) });
    const prompt = CODEX_PROMPTS.basic;
    const run = await runBounded({ argv: [BUN, NEMO_RELAY, "codex", "--", ...codexExecArgs(prompt)], env, cwd: box.work });
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(refusing.received.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const calls = mock.exchanges.filter((e) => e.wire === "openai-responses");
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const e of calls) {
      expect(e.request.path).toBe("/v1/responses");
      expect(e.request.headers.authorization).toBe(`Bearer ${CODEX_KEY}`);
      expect(e.request.headers["chatgpt-account-id"]).toBeUndefined();
    }
    const o = observed(box, mock, run, "codex", prompt);
    expect(errorsOf(o.atif!.trajectory)).toEqual([]);
    expectTokenTotals(o.atif!.trajectory, o.exchanges);
  }), TEST_TIMEOUT_MS);

  test.concurrent("claude with CLAUDE_CODE_OAUTH_TOKEN: the bearer and the OAuth beta reach the upstream unchanged", () => onSignInStage("claude-oauth", async ({ box, mock }) => {
    const env = claudeEnv(box, {}, { NEMO_RELAY_ANTHROPIC_BASE_URL: mock.url, CLAUDE_CODE_OAUTH_TOKEN: CLAUDE_OAUTH_TOKEN });
    delete env.ANTHROPIC_API_KEY; // a subscription, no API key
    const prompt = CLAUDE_PROMPTS.basic;
    const run = await runBounded({ argv: [BUN, NEMO_RELAY, "claude", "--", ...claudePrintArgs(prompt)], env, cwd: box.work });
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(run.stdout).toContain("nemo-42");
    const calls = mock.exchanges.filter((e) => e.wire === "anthropic-messages");
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const e of calls) {
      expect(e.request.headers.authorization).toBe(`Bearer ${CLAUDE_OAUTH_TOKEN}`);
      expect(e.request.headers["anthropic-beta"]).toContain("oauth-2025-04-20");
      expect(e.request.headers["x-api-key"]).toBeUndefined();
    }
    const o = observed(box, mock, run, "claude", prompt);
    expectRelayQuiet(o);
    expect(errorsOf(o.atif!.trajectory)).toEqual([]);
    expectTokenTotals(o.atif!.trajectory, o.exchanges);
    expect(o.atif!.text + run.stderr).not.toContain("oat01");
  }), TEST_TIMEOUT_MS);
});
