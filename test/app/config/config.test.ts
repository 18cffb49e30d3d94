import { afterEach, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/app/config/load-config.ts";
import { resolveConfig } from "../../../src/app/config/resolve.ts";

const temps: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "nemo-relay-config-"));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("config layers", () => {
  test("defaults when nothing is configured", () => {
    const root = tree({});
    const config = loadConfig({ cwd: root, env: { HOME: join(root, "home") } });
    expect(config.ok && config.value).toMatchObject({
      upstream: { openaiBaseUrl: "https://api.openai.com/v1", anthropicBaseUrl: "https://api.anthropic.com", chatgptBaseUrl: "https://chatgpt.com/backend-api/codex" },
      gateway: { bind: "127.0.0.1:4040", idleTimeoutSecs: 30 },
      atif: { enabled: true, outputDirectory: ".nemo-relay/atif" },
    });
  });

  test("project beats system, user beats project, env beats files, flags beat env", () => {
    const root = tree({
      "repo/.nemo-relay/config.toml": '[upstream]\nopenai_base_url = "http://project"\nanthropic_base_url = "http://project-anthropic"\n[agents.codex]\ncommand = "codex --full-auto"\n',
      "xdg/nemo-relay/config.toml": '[upstream]\nopenai_base_url = "http://user"\n',
    });
    const cwd = join(root, "repo/deep/nested");
    mkdirSync(cwd, { recursive: true });
    const files = loadConfig({ cwd, env: { XDG_CONFIG_HOME: join(root, "xdg") } });
    expect(files.ok && files.value.upstream).toEqual({ openaiBaseUrl: "http://user", anthropicBaseUrl: "http://project-anthropic", chatgptBaseUrl: "https://chatgpt.com/backend-api/codex" });
    expect(files.ok && files.value.agents.codex?.command).toBe("codex --full-auto");
    expect(files.ok && files.value.sources).toEqual([join(root, "repo/.nemo-relay/config.toml"), join(root, "xdg/nemo-relay/config.toml")]);
    const env = loadConfig({ cwd, env: { XDG_CONFIG_HOME: join(root, "xdg"), NEMO_RELAY_OPENAI_BASE_URL: "http://env" } });
    expect(env.ok && env.value.upstream.openaiBaseUrl).toBe("http://env");
    const flag = loadConfig({ cwd, env: { NEMO_RELAY_OPENAI_BASE_URL: "http://env" }, openaiBaseUrl: "http://flag" });
    expect(flag.ok && flag.value.upstream.openaiBaseUrl).toBe("http://flag");
  });

  test("chatgpt_base_url: file, then NEMO_RELAY_CHATGPT_BASE_URL, then the flag; it must be http(s)", () => {
    const root = tree({ "xdg/nemo-relay/config.toml": '[upstream]\nchatgpt_base_url = "http://file/backend-api/codex"\n' });
    const env = { XDG_CONFIG_HOME: join(root, "xdg") };
    const file = loadConfig({ cwd: root, env });
    expect(file.ok && file.value.upstream.chatgptBaseUrl).toBe("http://file/backend-api/codex");
    const fromEnv = loadConfig({ cwd: root, env: { ...env, NEMO_RELAY_CHATGPT_BASE_URL: "http://env" } });
    expect(fromEnv.ok && fromEnv.value.upstream.chatgptBaseUrl).toBe("http://env");
    const flag = loadConfig({ cwd: root, env: { ...env, NEMO_RELAY_CHATGPT_BASE_URL: "http://env" }, chatgptBaseUrl: "http://flag" });
    expect(flag.ok && flag.value.upstream.chatgptBaseUrl).toBe("http://flag");
    const bad = loadConfig({ cwd: root, env: { ...env, NEMO_RELAY_CHATGPT_BASE_URL: "chatgpt.com" } });
    expect(!bad.ok && bad.error.message).toBe("upstream URL must be http(s): chatgpt.com (from NEMO_RELAY_CHATGPT_BASE_URL, a flag or a file)");
  });

  test("plugins.toml turns ATIF off or moves it; components merge by kind across layers", () => {
    const root = tree({
      "repo/.nemo-relay/plugins.toml": 'version = 1\n[[components]]\nkind = "observability"\n[components.config.atif]\noutput_directory = "traces"\n',
      "xdg/nemo-relay/plugins.toml": '[[components]]\nkind = "observability"\n[components.config.atif]\nenabled = false\n',
    });
    const both = loadConfig({ cwd: join(root, "repo"), env: { XDG_CONFIG_HOME: join(root, "xdg") } });
    expect(both.ok && both.value.atif).toEqual({ enabled: false, outputDirectory: "traces" });
  });

  test("--config replaces the discovered layers", () => {
    const root = tree({ "a/.nemo-relay/config.toml": '[gateway]\nbind = "127.0.0.1:1"\n', "explicit/my.toml": '[gateway]\nbind = "127.0.0.1:2"\n' });
    const config = loadConfig({ cwd: join(root, "a"), env: {}, configPath: join(root, "explicit/my.toml") });
    expect(config.ok && config.value.gateway.bind).toBe("127.0.0.1:2");
    const missing = loadConfig({ cwd: root, env: {}, configPath: join(root, "nope.toml") });
    expect(!missing.ok && missing.error.code).toBe("file_not_found");
  });
});

describe("config errors name the file and the key", () => {
  test("invalid TOML: file, line and column", () => {
    const root = tree({ "xdg/nemo-relay/config.toml": "[upstream]\nopenai_base_url = \n" });
    const config = loadConfig({ cwd: root, env: { XDG_CONFIG_HOME: join(root, "xdg") } });
    expect(config.ok).toBe(false);
    if (!config.ok) {
      expect(config.error.code).toBe("config_invalid");
      expect(config.error.message).toStartWith(`${join(root, "xdg/nemo-relay/config.toml")}:2:`);
    }
  });

  test("a wrong value: file and dotted key", () => {
    const bad = resolveConfig([{ path: "/x/config.toml", data: { gateway: { max_body_bytes: "lots" } } }], [], {});
    expect(!bad.ok && bad.error.message).toStartWith("/x/config.toml: gateway.max_body_bytes:");
    const url = resolveConfig([{ path: "/x/config.toml", data: { upstream: { openai_base_url: "ftp://nope" } } }], [], {});
    expect(!url.ok && url.error.message).toStartWith("/x/config.toml: upstream.openai_base_url:");
  });

  test("a bad URL from the environment is refused too", () => {
    const bad = resolveConfig([], [], { env: { NEMO_RELAY_ANTHROPIC_BASE_URL: "localhost:9" } });
    expect(!bad.ok && bad.error.message).toContain("NEMO_RELAY_ANTHROPIC_BASE_URL");
  });

  test("a component kind repeated in one plugins.toml is an error", () => {
    const bad = resolveConfig([], [{ path: "/p/plugins.toml", data: { components: [{ kind: "observability" }, { kind: "observability" }] } }], {});
    expect(!bad.ok && bad.error.message).toBe('/p/plugins.toml: components: kind "observability" appears twice');
  });

  test("an unknown key is an error naming file, line and the nearest known key; [x] is free for notes", () => {
    const text = '[gateway]\nbind = "127.0.0.1:4040"\nbnd = "127.0.0.1:9"\n';
    const typo = resolveConfig([{ path: "/c.toml", text, data: Bun.TOML.parse(text) as Record<string, unknown> }], [], {});
    expect(!typo.ok && typo.error).toEqual({ code: "config_invalid", message: "/c.toml:3: unknown key gateway.bnd; did you mean bind? (notes of your own go under [x])" });
    const table = resolveConfig([{ path: "/c.toml", data: { upstraem: { openai_base_url: "http://x" } } }], [], {});
    expect(!table.ok && table.error.message).toBe("/c.toml: unknown key upstraem; did you mean upstream? (notes of your own go under [x])");
    const plugins = resolveConfig([], [{ path: "/p.toml", data: { components: [{ kind: "observability", config: { atif: { output_dir: "x" } } }] } }], {});
    expect(!plugins.ok && plugins.error.message).toBe("/p.toml: unknown key components.0.config.atif.output_dir; did you mean output_directory? (notes of your own go under [x])");
    expect(resolveConfig([{ path: "/c.toml", data: { x: { anything: [1, 2] } } }], [{ path: "/p.toml", data: { x: { note: "mine" } } }], {}).ok).toBe(true);
  });
});

describe("redaction setting", () => {
  test("on by default, off when config.toml says so", () => {
    expect(resolveConfig([], [], {}).ok && resolveConfig([], [], {})).toMatchObject({ value: { redactSecrets: true } });
    const off = resolveConfig([{ path: "/c.toml", data: { redaction: { enabled: false } } }], [], {});
    expect(off.ok && off.value.redactSecrets).toBe(false);
  });
});
