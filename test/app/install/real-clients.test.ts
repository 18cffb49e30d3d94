/**
 * The persistent integration with the real clients (Codex CLI 0.169.0, Claude Code 2.1.328 from
 * test/e2e/node_modules/.bin, installed by `npm ci --prefix test/e2e`; a missing client fails
 * these tests). In temporary homes, offline against the scripted mock: after `nemo-relay install`
 * a plain `codex exec` / `claude -p` (no wrapper) starts the gateway from its first hook, its
 * model calls go through it, and a valid ATIF file appears; the gateway then exits when idle.
 * After `nemo-relay uninstall` the user's hand-written config is back byte for byte, and the same
 * command talks to the mock directly and leaves no file.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { trustedHash } from "../../../src/adapters/agents/codex/hook-trust.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import { CLAUDE_OFFLINE_ENV, E2E_BIN, requireClient } from "../../support/capture/clients.ts";
import { CHATGPT_ACCESS_TOKEN, CHATGPT_ACCOUNT_ID, chatgptAuthJson, chatgptWebSettings, startChatGptWeb, startRefusingOpenAi } from "../../support/chatgpt-sign-in.ts";
import { startMockLlm, type MockLlm } from "../../support/mock-llm/index.ts";
import { answers, freePort, listenerPid, makeBox, nemo, until, type Box } from "./sandbox.ts";

const CLIENT_TIMEOUT_S = 120;
const TEST_TIMEOUT_MS = 240_000;

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm({ scenario: "basic" });
});
afterAll(() => mock.stop());

const boxes: Array<{ box: Box; port: number }> = [];
afterEach(() => {
  for (const { box, port } of boxes.splice(0)) {
    const pid = listenerPid(port);
    if (pid) process.kill(pid, "SIGTERM");
    box.remove();
  }
});

async function sandbox(env: (box: Box) => Record<string, string>): Promise<{ box: Box; url: string; atif: string; port: number }> {
  const port = await freePort();
  const box = makeBox({ NEMO_RELAY_PERSISTENT_PORT: String(port), NEMO_RELAY_IDLE_EXIT_SECS: "1" });
  boxes.push({ box, port });
  const atif = join(box.root, "atif");
  mkdirSync(join(box.xdg, "nemo-relay"), { recursive: true });
  writeFileSync(join(box.xdg, "nemo-relay", "plugins.toml"), `[[components]]\nkind = "observability"\n[components.config.atif]\noutput_directory = "${atif}"\n`);
  Object.assign(box.env, { PATH: [E2E_BIN, dirname(process.execPath), dirname(Bun.which("node") ?? "/usr/bin/node"), "/usr/local/bin", "/usr/bin", "/bin"].join(":"), SHELL: "/bin/bash" }, env(box));
  return { box, url: `http://127.0.0.1:${port}`, atif, port };
}

async function runClient(box: Box, argv: string[]) {
  const proc = Bun.spawn(["timeout", "-k", "5", String(CLIENT_TIMEOUT_S), ...argv], { cwd: box.work, env: box.env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, code };
}

/** The ATIF files in `dir`: not the temp file of an atomic write still in progress (`.<name>.<pid>.<rand>.tmp`). */
const files = (dir: string) => {
  try {
    return readdirSync(dir).filter((name) => name.endsWith(".atif.json") && !name.startsWith("."));
  } catch {
    return [];
  }
};

/** The one ATIF file: valid, named by the session, with the prompt, the tool's real output and the mock's token counts. */
async function expectRecorded(atif: string, prompt: string, since: number): Promise<Trajectory> {
  // The agent may exit a moment before the gateway has written the session's last hook (its
  // HTTP hooks are not awaited the way command hooks are): wait, bounded, for the whole record.
  const reported = mock.exchanges.slice(since).reduce((sum, e) => sum + (e.usage?.inputTokens ?? 0), 0);
  const complete = () => {
    const [name] = files(atif);
    if (!name) return false;
    try {
      return (JSON.parse(readFileSync(join(atif, name), "utf8")) as Trajectory).final_metrics?.total_prompt_tokens === reported;
    } catch {
      return false;
    }
  };
  await until("the session's complete ATIF file", complete, 10_000).catch(() => undefined); // the assertions below say what is missing
  const names = files(atif);
  expect(names, `ATIF files: ${names.join(", ")}`).toHaveLength(1);
  const t = JSON.parse(readFileSync(join(atif, names[0]!), "utf8")) as Trajectory;
  expect(validateTrajectory(t).filter((v) => v.severity === "error")).toEqual([]);
  expect(names[0]).toBe(`${t.session_id}.atif.json`);
  expect(t.steps.filter((s) => s.source === "user").map((s) => s.message)).toContain(prompt);
  expect(JSON.stringify(t.steps.flatMap((s) => s.observation?.results ?? []))).toContain("nemo-42");
  expect(t.final_metrics?.total_prompt_tokens).toBe(reported);
  return t;
}

const CODEX_PROMPT = "Run `echo nemo-$((6*7))` in the shell and tell me what it printed.";

/** `codex exec` after `install codex`: it succeeds with the tool's output, through the alias, every hook delivered. */
async function installedCodexExec(box: Box): Promise<{ since: number }> {
  const since = mock.exchanges.length;
  const run = await runClient(box, [requireClient("codex"), "exec", "--skip-git-repo-check", CODEX_PROMPT]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain("nemo-42");
  expect(run.stderr).toContain("provider: nemo-relay-openai");
  expect(run.stderr).not.toContain("nemo-relay hook-forward:");
  return { since };
}

const CODEX_CONFIG = (mockUrl: string) => `# Codex, offline, as written by hand
model = "mock-model"
model_provider = "mock"          # straight to the mock
approval_policy = "never"
sandbox_mode = "danger-full-access"
check_for_update_on_startup = false

[features]
plugins = false   # the tests run Codex with plugins off

[analytics]
enabled = false

[model_providers.mock]
name = "nemo-relay install test upstream"
base_url = "${mockUrl}/v1"
env_key = "CODEX_API_KEY"
wire_api = "responses"
request_max_retries = 0
stream_max_retries = 0
`;

const CLAUDE_SETTINGS = (mockUrl: string) => `{
  "env": {
    "ANTHROPIC_BASE_URL": "${mockUrl}"
  },
  "permissions": { "allow": [ "Bash(echo:*)" ] }
}
`;

describe("installed into the real clients, no wrapper", () => {
  test(
    "codex exec: hooks trusted without review, model calls through the on-demand gateway, a valid ATIF file; none after uninstall",
    async () => {
      const codex = requireClient("codex");
      const { box, url, atif } = await sandbox(() => ({ CODEX_API_KEY: "sk-nemo-install-dummy", NEMO_RELAY_OPENAI_BASE_URL: `${mock.url}/v1` }));
      const config = join(box.codexHome, "config.toml");
      writeFileSync(config, CODEX_CONFIG(mock.url));
      expect((await nemo(box, ["install", "codex"])).code).toBe(0);

      const prompt = CODEX_PROMPT;
      const { since } = await installedCodexExec(box);
      const t = await expectRecorded(atif, prompt, since);
      expect(mock.exchanges.slice(since).every((e) => e.request.headers["session-id"] === t.session_id)).toBe(true);
      await until("the idle gateway to exit", async () => !(await answers(url)), 20_000);

      expect((await nemo(box, ["uninstall", "codex"])).code).toBe(0);
      expect(readFileSync(config, "utf8")).toBe(CODEX_CONFIG(mock.url));
      const after = await runClient(box, [codex, "exec", "--skip-git-repo-check", prompt]);
      expect(after.code, after.stderr).toBe(0);
      expect(after.stdout).toContain("nemo-42");
      expect(after.stderr).toContain("provider: mock");
      expect(files(atif)).toEqual([`${t.session_id}.atif.json`]);
      expect(await answers(url)).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    "codex exec with the user's hooks inline in config.toml: ours go there too, both run, no 'both places' warning; uninstall gives the file back",
    async () => {
      const { box, atif } = await sandbox(() => ({ CODEX_API_KEY: "sk-nemo-install-dummy", NEMO_RELAY_OPENAI_BASE_URL: `${mock.url}/v1` }));
      const config = join(box.codexHome, "config.toml");
      const marker = join(box.root, "user-stop-hook.log");
      const userHook = { command: `echo user-stop >> ${marker}`, timeout: 10 };
      // The user's own inline Stop hook, trusted as Codex's /hooks → Trust writes it.
      const original = `${CODEX_CONFIG(mock.url)}\n[[hooks.Stop]]\nhooks = [{ type = "command", command = ${JSON.stringify(userHook.command)}, timeout = ${userHook.timeout} }]\n\n[hooks.state."${config}:stop:0:0"]\ntrusted_hash = "${trustedHash("Stop", userHook)}"\n`;
      writeFileSync(config, original);
      expect((await nemo(box, ["install", "codex"])).code).toBe(0);
      expect(existsSync(join(box.codexHome, "hooks.json"))).toBe(false);

      const since = mock.exchanges.length;
      const run = await runClient(box, [requireClient("codex"), "exec", "--skip-git-repo-check", CODEX_PROMPT]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain("loading hooks from both");
      expect(run.stderr).toContain("provider: nemo-relay-openai");
      await expectRecorded(atif, CODEX_PROMPT, since);
      expect(readFileSync(marker, "utf8")).toBe("user-stop\n");

      expect((await nemo(box, ["uninstall", "codex"])).code).toBe(0);
      expect(readFileSync(config, "utf8")).toBe(original);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    "codex exec signed in with ChatGPT: its calls reach the ChatGPT backend (stand-in) through the on-demand gateway, bearer and account intact",
    async () => {
      const refusing = startRefusingOpenAi();
      const web = startChatGptWeb();
      try {
        const settings = chatgptWebSettings(web);
        // No API key anywhere: only the ChatGPT sign-in in auth.json.
        const { box, atif } = await sandbox(() => ({ NEMO_RELAY_OPENAI_BASE_URL: `${refusing.url}/v1`, NEMO_RELAY_CHATGPT_BASE_URL: mock.url, ...settings.env }));
        writeFileSync(join(box.codexHome, "config.toml"), `${settings.toml}${CODEX_CONFIG(mock.url)}`);
        writeFileSync(join(box.codexHome, "auth.json"), chatgptAuthJson());
        expect((await nemo(box, ["install", "codex"])).code).toBe(0);

        const { since } = await installedCodexExec(box);
        expect(refusing.received).toEqual([]);
        const calls = mock.exchanges.slice(since).filter((e) => e.wire === "openai-responses");
        expect(calls.length).toBeGreaterThanOrEqual(2);
        for (const e of calls) {
          expect(e.request.path).toBe("/responses");
          expect(e.request.headers).toMatchObject({ authorization: `Bearer ${CHATGPT_ACCESS_TOKEN}`, "chatgpt-account-id": CHATGPT_ACCOUNT_ID });
        }
        await expectRecorded(atif, CODEX_PROMPT, since);
        const written = files(atif).map((name) => readFileSync(join(atif, name), "utf8")).join("");
        expect(written).not.toContain(CHATGPT_ACCESS_TOKEN.split(".")[1]!);
      } finally {
        refusing.stop();
        web.stop();
      }
    },
    TEST_TIMEOUT_MS,
  );

  test(
    "claude -p: HTTP and command hooks, model calls through the on-demand gateway, a valid ATIF file; none after uninstall",
    async () => {
      const claude = requireClient("claude");
      const { box, url, atif } = await sandbox(() => ({
        ANTHROPIC_API_KEY: "sk-ant-nemo-install-dummy",
        NEMO_RELAY_ANTHROPIC_BASE_URL: mock.url,
        ...CLAUDE_OFFLINE_ENV,
      }));
      const settings = join(box.home, ".claude", "settings.json");
      mkdirSync(dirname(settings), { recursive: true });
      writeFileSync(settings, CLAUDE_SETTINGS(mock.url));
      expect((await nemo(box, ["install", "claude"])).code).toBe(0);
      expect(readFileSync(settings, "utf8")).toContain('"type": "http"');

      const prompt = "Run `echo nemo-$((6*7))` with Bash and tell me what it printed.";
      const since = mock.exchanges.length;
      const run = await runClient(box, [claude, "-p", "--dangerously-skip-permissions", "--", prompt]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain("nemo-42");
      const t = await expectRecorded(atif, prompt, since);
      expect(mock.exchanges.slice(since).every((e) => e.request.headers["x-claude-code-session-id"] === t.session_id)).toBe(true);
      await until("the idle gateway to exit", async () => !(await answers(url)), 20_000);

      expect((await nemo(box, ["uninstall", "claude"])).code).toBe(0);
      expect(readFileSync(settings, "utf8")).toBe(CLAUDE_SETTINGS(mock.url));
      const before = mock.exchanges.length;
      const after = await runClient(box, [claude, "-p", "--dangerously-skip-permissions", "--", prompt]);
      expect(after.code, after.stderr).toBe(0);
      expect(after.stdout).toContain("nemo-42");
      expect(mock.exchanges.length).toBeGreaterThan(before); // it reached the mock, directly
      expect(files(atif)).toEqual([`${t.session_id}.atif.json`]);
      expect(await answers(url)).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );
});
