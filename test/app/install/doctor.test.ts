import { afterEach, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CHATGPT_ACCESS_TOKEN, chatgptAuthJson } from "../../support/chatgpt-sign-in.ts";
import { answers, BIN, fakeAgent, freePort, makeBox, nemo, until, type Box } from "./sandbox.ts";

interface Check {
  id: string;
  status: "ok" | "warn" | "error";
  message: string;
  fix: string | null;
}
interface Report {
  schema_version: number;
  version: string;
  gateway_url: string;
  ok: boolean;
  checks: Check[];
}

const boxes: Box[] = [];
const box = (env: Record<string, string> = {}) => {
  const b = makeBox(env);
  boxes.push(b);
  return b;
};
afterEach(() => boxes.splice(0).forEach((b) => b.remove()));

async function report(b: Box, args: string[] = []): Promise<{ code: number; report: Report }> {
  const r = await nemo(b, ["doctor", "--json", ...args]);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}
const byId = (r: Report, id: string) => r.checks.find((c) => c.id === id);

describe("doctor", () => {
  test("the JSON report: every check has id, status, message and fix; nothing installed is warnings, exit 0", async () => {
    const b = box();
    const { code, report: r } = await report(b);
    expect(code).toBe(0);
    expect(Object.keys(r)).toEqual(["schema_version", "version", "gateway_url", "ok", "checks"]);
    expect(r).toMatchObject({ schema_version: 1, gateway_url: "http://127.0.0.1:47999", ok: true });
    for (const c of r.checks) {
      expect(Object.keys(c)).toEqual(["id", "status", "message", "fix"]);
      expect(["ok", "warn", "error"]).toContain(c.status);
    }
    expect(byId(r, "gateway")).toEqual({ id: "gateway", status: "warn", message: "gateway not running at http://127.0.0.1:47999; it starts on the first hook", fix: null });
    expect(byId(r, "codex.agent")?.message).toBe("codex not found on PATH and nothing installed; skipped");
    expect(r.checks.map((c) => c.id)).toEqual(expect.arrayContaining(["nemo_relay.binary", "nemo_relay.config", "nemo_relay.plugins", "nemo_relay.atif_dir", "claude.agent", "cursor.agent", "hermes.agent"]));
  });

  test("--plugin codex: an installed, trusted integration is all ok; a trust hash that no longer matches is an error (exit 1) that hides nothing else", async () => {
    const b = box();
    fakeAgent(b, "codex", "codex-cli 0.169.0");
    expect((await report(b, ["--plugin", "codex"])).report.checks.find((c) => c.id === "codex.hooks")).toMatchObject({ status: "warn", fix: "nemo-relay install codex" });
    await nemo(b, ["install", "codex"]);
    const good = await report(b, ["--plugin", "codex"]);
    expect(good.code).toBe(0);
    const codex = good.report.checks.filter((c) => c.id.startsWith("codex."));
    expect(codex.map((c) => `${c.id}:${c.status}`)).toEqual(["codex.agent:ok", "codex.hooks:ok", "codex.hook_command:ok", "codex.trust:ok", "codex.features:ok", "codex.provider:ok", "codex.sign_in:warn"]);
    expect(good.report.checks.some((c) => c.id.startsWith("claude."))).toBe(false);

    const config = join(b.codexHome, "config.toml");
    writeFileSync(config, readFileSync(config, "utf8").replace(/(:stop:0:0"\]\ntrusted_hash = "sha256:)[0-9a-f]{4}/, "$1beef"));
    const bad = await report(b, ["--plugin", "codex"]);
    expect(bad.code).toBe(1);
    expect(bad.report.ok).toBe(false);
    expect(byId(bad.report, "codex.trust")).toMatchObject({ status: "error", message: "1 of 14 hooks are not trusted (Codex skips them silently): Stop", fix: "nemo-relay install codex (writes the trust again)" });
    expect(byId(bad.report, "codex.provider")?.status).toBe("ok");
    const text = await nemo(b, ["doctor", "--plugin", "codex"]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("✗ codex.trust");
    expect(text.stdout).toMatch(/\d+ ok, \d+ warnings?, 1 error\n$/);
  });

  test("each agent's sign-in and where it is routed: ChatGPT to the configured chatgpt_base_url, no secret printed", async () => {
    const b = box({ ANTHROPIC_API_KEY: "sk-ant-doctor-secret" });
    fakeAgent(b, "codex", "codex-cli 0.169.0");
    fakeAgent(b, "claude", "2.1.328 (Claude Code)");
    writeFileSync(join(b.codexHome, "auth.json"), chatgptAuthJson());
    mkdirSync(join(b.xdg, "nemo-relay"));
    writeFileSync(join(b.xdg, "nemo-relay", "config.toml"), '[upstream]\nchatgpt_base_url = "http://127.0.0.1:9/backend-api/codex"\n');
    const { report: r } = await report(b);
    expect(byId(r, "codex.sign_in")).toMatchObject({ status: "ok", message: `signed in with ChatGPT (${b.codexHome}/auth.json): calls go to the ChatGPT backend http://127.0.0.1:9/backend-api/codex with Codex's own token, never replaced by an API key` });
    expect(byId(r, "claude.sign_in")).toMatchObject({ status: "ok", message: "ANTHROPIC_API_KEY is set (an API key): calls go to https://api.anthropic.com with it, unchanged" });
    const text = await nemo(b, ["doctor"]);
    expect(text.stdout).toContain("✓ codex.sign_in");
    for (const secret of [CHATGPT_ACCESS_TOKEN, "sk-ant-doctor-secret"]) expect(text.stdout + JSON.stringify(r)).not.toContain(secret);
  });

  test("installed hooks whose nemo-relay no longer runs are an error, even when the file is still there", async () => {
    const b = box();
    fakeAgent(b, "codex", "codex-cli 0.169.0");
    await nemo(b, ["install", "codex"]);
    const hooks = join(b.codexHome, "hooks.json");
    // The hooks now run a file that exists but is no nemo-relay: its --version fails.
    writeFileSync(hooks, readFileSync(hooks, "utf8").replace(/"command": "[^"]*? hook-forward /g, '"command": "/bin/false hook-forward '));
    const { report: r } = await report(b, ["--plugin", "codex"]);
    expect(byId(r, "codex.hook_command")).toMatchObject({ status: "error", message: "hooks run /bin/false, which does not run (its --version failed)", fix: "nemo-relay install codex" });
  });

  test("a Codex older than the hooks need, a broken plugins.toml and an ATIF directory that cannot be made are errors", async () => {
    const b = box();
    fakeAgent(b, "codex", "codex-cli 0.150.2");
    mkdirSync(join(b.xdg, "nemo-relay"));
    writeFileSync(join(b.root, "a-file"), "");
    writeFileSync(join(b.xdg, "nemo-relay", "plugins.toml"), `[[components]]\nkind = "observability"\n[components.config.atif]\noutput_directory = "${join(b.root, "a-file", "atif")}"\n`);
    const first = await report(b, ["--plugin", "codex"]);
    expect(first.code).toBe(1);
    expect(byId(first.report, "codex.agent")).toMatchObject({ status: "error", fix: "update codex to 0.169.0 or later" });
    expect(byId(first.report, "nemo_relay.atif_dir")).toMatchObject({ status: "error" });
    expect(byId(first.report, "nemo_relay.atif_dir")?.message).toContain("is not a directory");

    writeFileSync(join(b.xdg, "nemo-relay", "plugins.toml"), "[[components]]\nkind = 3\n");
    const broken = await report(b);
    expect(byId(broken.report, "nemo_relay.plugins")).toMatchObject({ status: "error" });
    expect(byId(broken.report, "nemo_relay.plugins")?.message).toContain("plugins.toml:2");
    expect(byId(broken.report, "gateway")).toBeDefined();
  });

  test("a running gateway is ok; something else on its port is an error", async () => {
    const port = await freePort();
    const b = box({ NEMO_RELAY_PERSISTENT_PORT: String(port) });
    const other = Bun.serve({ hostname: "127.0.0.1", port, fetch: () => new Response("nope", { status: 404 }) });
    try {
      expect(byId((await report(b)).report, "gateway")).toMatchObject({ status: "error", message: `http://127.0.0.1:${port} answers, but not as a nemo-relay gateway (HTTP 404)` });
    } finally {
      other.stop(true);
    }
    const serve = Bun.spawn([process.execPath, BIN, "serve", "--bind", `127.0.0.1:${port}`], { env: b.env, cwd: b.work, stdout: "ignore", stderr: "ignore" });
    try {
      await until("the gateway to answer", () => answers(`http://127.0.0.1:${port}`));
      expect(byId((await report(b)).report, "gateway")).toMatchObject({ status: "ok" });
    } finally {
      serve.kill();
      await serve.exited;
    }
  });
});
