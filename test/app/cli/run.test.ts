import { afterEach, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import { CHATGPT_ACCESS_TOKEN, chatgptAuthJson } from "../../support/chatgpt-sign-in.ts";

const BIN = join(import.meta.dir, "../../../bin/nemo-relay.ts");
const temps: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), "nemo-relay-run-"));
  temps.push(dir);
  return dir;
}
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** An isolated environment: a temp home whose plugins.toml sends ATIF files to `atif`. */
function home(atif?: string): Record<string, string> {
  const root = temp();
  if (atif) {
    mkdirSync(join(root, "xdg/nemo-relay"), { recursive: true });
    writeFileSync(join(root, "xdg/nemo-relay/plugins.toml"), `[[components]]\nkind = "observability"\n[components.config.atif]\noutput_directory = "${atif}"\n`);
  }
  return { PATH: process.env.PATH!, HOME: root, XDG_CONFIG_HOME: join(root, "xdg") };
}

async function nemo(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const proc = Bun.spawn([process.execPath, BIN, ...args], { cwd: options.cwd ?? temp(), env: options.env ?? home(), stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const timer = setTimeout(() => proc.kill("SIGKILL"), 30_000);
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  return { stdout, stderr, code };
}

const planOf = (stdout: string): Record<string, string> => Object.fromEntries(stdout.trim().split("\n").map((l) => [l.slice(0, l.indexOf(" = ")), l.slice(l.indexOf(" = ") + 3)]));

describe("dry runs print the plan and launch nothing", () => {
  test("codex: provider alias at the gateway, trusted hooks for every event, nothing else overridden", async () => {
    const r = await nemo(["codex", "--dry-run", "--", "exec", "fix it"]);
    expect(r.code).toBe(0);
    const plan = planOf(r.stdout);
    expect(plan.agent).toBe("codex");
    expect(plan.argv).toStartWith(`codex -c features.hooks=true -c 'model_provider="nemo-relay-openai"' -c 'model_providers.nemo-relay-openai={name="nemo-relay",base_url="http://127.0.0.1:<port>/v1",wire_api="responses",requires_openai_auth=true,supports_websockets=false}'`);
    expect(plan.argv).toEndWith("exec 'fix it'");
    expect(plan.argv).not.toContain("model_providers.openai");
    expect(plan.argv!.match(/-c 'hooks\.(?!state)[A-Za-z]+=/g)).toHaveLength(14);
    expect(plan.argv!.match(/trusted_hash="sha256:[0-9a-f]{64}"/g)).toHaveLength(14);
    expect(plan.argv).toContain("hook-forward codex");
    expect(plan["env.NEMO_RELAY_GATEWAY_URL"]).toBe("http://127.0.0.1:<port>");
  });

  test("claude: a temporary settings file and ANTHROPIC_BASE_URL", async () => {
    const r = await nemo(["claude", "--dry-run", "--", "-p", "hi"]);
    const plan = planOf(r.stdout);
    expect(plan.agent).toBe("claude-code");
    expect(plan.argv).toBe("claude --settings '<temporary-settings-file>' -p hi");
    expect(plan["env.ANTHROPIC_BASE_URL"]).toBe("http://127.0.0.1:<port>");
  });

  test("cursor names the hooks file it would patch and writes nothing", async () => {
    const cwd = temp();
    const r = await nemo(["run", "--dry-run", "--", "cursor-agent", "chat"], { cwd });
    expect(planOf(r.stdout).cursor_hooks).toBe(join(cwd, ".cursor/hooks.json"));
    expect(existsSync(join(cwd, ".cursor"))).toBe(false);
  });

  test("hermes explains the one-time hook setup", async () => {
    const r = await nemo(["hermes", "--dry-run"]);
    expect(planOf(r.stdout).note).toContain("nemo-relay install hermes");
  });

  test("an unknown command or option is a one-line error", async () => {
    expect(await nemo(["run", "--", "vim"])).toMatchObject({ code: 2, stderr: 'nemo-relay: cannot tell which agent "vim" is; pass --agent codex|claude|cursor|hermes [invalid_argument]\n' });
    expect((await nemo(["codex", "--bogus"])).stderr).toBe("nemo-relay: unknown option --bogus; options for the agent go after -- [invalid_argument]\n");
  });

  test("a line break or escape code in what the user typed is shown escaped: the error stays one line", async () => {
    expect((await nemo(["co\ndex"])).stderr).toBe('nemo-relay: unknown command "co\\ndex"; run nemo-relay --help for the list [unknown_command]\n');
    expect((await nemo(["run", "--agent", "x\u001b[2Jy", "--", "true"])).stderr).toBe('nemo-relay: unknown agent "x\\u001b[2Jy"; pass --agent codex|claude|cursor|hermes [invalid_argument]\n');
  });
});

describe("live runs", () => {
  test("the agent's exit code is ours: 0, 3, and 128+signal", async () => {
    expect((await nemo(["run", "--agent", "hermes", "--", "sh", "-c", "exit 0"])).code).toBe(0);
    expect((await nemo(["run", "--agent", "hermes", "--", "sh", "-c", "exit 3"])).code).toBe(3);
    expect((await nemo(["run", "--agent", "hermes", "--", "sh", "-c", "kill -TERM $$"])).code).toBe(143);
  });

  test("an agent that reports through hook-forward gets its session written", async () => {
    const atif = temp();
    const bin = temp();
    // A stand-in agent: it uses the injected gateway URL exactly as installed hooks would.
    const agent = join(bin, "codex");
    writeFileSync(agent, `#!/bin/sh\nfor e in '{"hook_event_name":"UserPromptSubmit","session_id":"fake-1","turn_id":"t1","prompt":"hello"}' '{"hook_event_name":"Stop","session_id":"fake-1","turn_id":"t1","last_assistant_message":"done"}'; do echo "$e" | nemo_hook; done\n`.replace(/nemo_hook/g, `bun ${BIN} hook-forward codex`));
    chmodSync(agent, 0o755);
    const env = { ...home(atif), PATH: `${bin}:${process.env.PATH}` };
    const r = await nemo(["codex", "--", "exec", "hello"], { env });
    expect(r.code).toBe(0);
    expect(readdirSync(atif)).toEqual(["fake-1.atif.json"]);
    const t = JSON.parse(readFileSync(join(atif, "fake-1.atif.json"), "utf8"));
    expect(validateTrajectory(t)).toEqual([]);
    expect(t.steps.map((s: { message: string }) => s.message)).toEqual(["hello", "done"]);
  });

  test("--view: the run's gateway serves the viewer while the agent runs, and its address is printed", async () => {
    const bin = temp();
    // A stand-in agent that loads the viewer page from the gateway it was given, as a browser would.
    const agent = join(bin, "codex");
    writeFileSync(agent, `#!/bin/sh\n${process.execPath} -e 'const r = await fetch(process.env.NEMO_RELAY_GATEWAY_URL + "/ui/"); console.log(r.status, (await r.text()).includes("/ui/app.js"))'\n`);
    chmodSync(agent, 0o755);
    const env = { ...home(), PATH: `${bin}:${process.env.PATH}` };
    const r = await nemo(["codex", "--view", "--", "exec", "hello"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("200 true\n");
    expect(r.stderr).toMatch(/session viewer: http:\/\/127\.0\.0\.1:\d+\/ui\//);
    // No display in the test's environment: nothing is opened, and it says so.
    expect(r.stderr).toContain("no display to open a browser on");
  });

  test("cursor's hooks file is restored byte for byte, even when the agent is killed", async () => {
    const cwd = temp();
    mkdirSync(join(cwd, ".cursor"));
    const original = '{\n    "version": 1,\n  "hooks": { "stop": [ { "command": "./mine.sh" } ] }\n}\n';
    writeFileSync(join(cwd, ".cursor/hooks.json"), original);
    const r = await nemo(["run", "--agent", "cursor", "--", "sh", "-c", "cp .cursor/hooks.json during.json; kill -KILL $$"], { cwd });
    expect(r.code).toBe(137);
    expect(readFileSync(join(cwd, ".cursor/hooks.json"), "utf8")).toBe(original);
    expect(readdirSync(join(cwd, ".cursor"))).toEqual(["hooks.json"]);
    const during = JSON.parse(readFileSync(join(cwd, "during.json"), "utf8"));
    expect(during.hooks.stop.map((h: { command: string }) => h.command)).toEqual(["./mine.sh", expect.stringContaining("hook-forward cursor")]);
  });

  test("a cursor run that created the hooks file removes it again", async () => {
    const cwd = temp();
    expect((await nemo(["run", "--agent", "cursor", "--", "sh", "-c", "test -f .cursor/hooks.json"], { cwd })).code).toBe(0);
    expect(existsSync(join(cwd, ".cursor"))).toBe(false);
  });

  test("a malformed cursor hooks file is a clear error and is left alone", async () => {
    const cwd = temp();
    mkdirSync(join(cwd, ".cursor"));
    writeFileSync(join(cwd, ".cursor/hooks.json"), "{ not json");
    const r = await nemo(["run", "--agent", "cursor", "--", "sh", "-c", "exit 0"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(".cursor/hooks.json is not valid JSON");
    expect(readFileSync(join(cwd, ".cursor/hooks.json"), "utf8")).toBe("{ not json");
  });

  test("a missing agent command says so", async () => {
    const r = await nemo(["codex", "--", "exec", "x"], { env: { ...home(), PATH: "/nonexistent" } });
    expect(r.stderr).toBe('nemo-relay: cannot find "codex" on PATH; install codex or name its command after -- [invalid_argument]\n');
  });
});

describe("serve", () => {
  test("bare --bind runs the gateway; a taken port is a friendly error", async () => {
    const taken = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("x") });
    const port = taken.port;
    const r = await nemo(["--bind", `127.0.0.1:${port}`]);
    taken.stop(true);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`nemo-relay: 127.0.0.1:${port} is already in use: stop the other gateway, or pass --bind 127.0.0.1:0 for any free port [invalid_argument]\n`);
  });

  test("a non-loopback bind is refused", async () => {
    const r = await nemo(["serve", "--bind", "0.0.0.0:0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("refusing to bind 0.0.0.0:0");
  });

  test("serve answers healthz and stops cleanly on SIGTERM, writing open sessions", async () => {
    const atif = temp();
    const proc = Bun.spawn([process.execPath, BIN, "serve", "--bind", "127.0.0.1:0"], { cwd: temp(), env: home(atif), stdout: "pipe", stderr: "pipe" });
    // The gateway announces its URL once it listens.
    const reader = proc.stderr.getReader();
    let said = "";
    while (!/http:\/\/127\.0\.0\.1:\d+/.test(said)) {
      const { done, value } = await reader.read();
      if (done) break;
      said += new TextDecoder().decode(value);
    }
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(said)![0];
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: "ok" });
    await fetch(`${url}/hooks/claude-code`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ session_id: "open-1", hook_event_name: "UserPromptSubmit", prompt: "unfinished" }) });
    proc.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    expect(readdirSync(atif)).toEqual(["open-1.atif.json"]);
  });
});

describe("codex's interactive TUI", () => {
  test("runs with --no-daemon (the -c overrides need Codex's in-process server), and the plan says why; exec and a user's own choice do not get it", async () => {
    const env = { ...home(), CODEX_API_KEY: "dummy" };
    const tui = await nemo(["codex", "--dry-run"], { env });
    expect(planOf(tui.stdout).argv).toStartWith("codex --no-daemon -c features.hooks=true");
    expect(tui.stdout).toContain("note = the TUI runs with --no-daemon");
    const prompt = await nemo(["codex", "--dry-run", "--", "-m", "gpt-5", "fix the tests"], { env });
    expect(planOf(prompt.stdout).argv).toStartWith("codex --no-daemon ");
    const resume = await nemo(["codex", "--dry-run", "--", "resume", "019a"], { env });
    expect(planOf(resume.stdout).argv).toStartWith("codex --no-daemon ");
    for (const args of [["exec", "hi"], ["--no-daemon"], ["--remote", "unix://"], ["login", "status"]]) {
      const r = await nemo(["codex", "--dry-run", "--", ...args], { env });
      expect(planOf(r.stdout).argv!.split(" ").filter((w) => w === "--no-daemon").length).toBe(args[0]! === "--no-daemon" ? 1 : 0);
    }
  });
});

describe("codex credentials", () => {
  test("OPENAI_API_KEY alone is named as the provider's env_key (Codex ignores it otherwise)", async () => {
    const r = await nemo(["codex", "--dry-run", "--", "exec", "hi"], { env: { ...home(), OPENAI_API_KEY: "dummy" } });
    expect(planOf(r.stdout).argv).toContain(`supports_websockets=false,env_key="OPENAI_API_KEY"}`);
  });

  test("with CODEX_API_KEY nothing is added and nothing is noted", async () => {
    const r = await nemo(["codex", "--dry-run", "--", "exec", "hi"], { env: { ...home(), OPENAI_API_KEY: "dummy", CODEX_API_KEY: "dummy" } });
    expect(planOf(r.stdout).argv).not.toContain("env_key");
    expect(r.stdout).not.toContain("note = ");
  });

  test("signed in with ChatGPT: no env_key, even beside OPENAI_API_KEY; the plan names chatgpt_base_url and says the token goes there unchanged", async () => {
    const env: Record<string, string> = { ...home(), OPENAI_API_KEY: "dummy", NEMO_RELAY_CHATGPT_BASE_URL: "http://127.0.0.1:9/backend-api/codex" };
    const codexDir = join(env.HOME!, ".codex");
    mkdirSync(codexDir);
    writeFileSync(join(codexDir, "auth.json"), chatgptAuthJson());
    const r = await nemo(["codex", "--dry-run", "--", "exec", "hi"], { env });
    const plan = planOf(r.stdout);
    expect(plan.argv).not.toContain("env_key");
    expect(plan.chatgpt_base_url).toBe("http://127.0.0.1:9/backend-api/codex");
    expect(plan.note).toBe("Codex is signed in with ChatGPT: its model calls go to chatgpt_base_url with its own token, unchanged (never swapped for an API key)");
    expect(r.stdout).not.toContain(CHATGPT_ACCESS_TOKEN);
  });

  test("with no credentials at all the plan says so", async () => {
    const r = await nemo(["codex", "--dry-run", "--", "exec", "hi"]);
    expect(planOf(r.stdout).note).toStartWith("no CODEX_API_KEY, OPENAI_API_KEY or Codex login");
  });
});
