import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLAUDE_HOOK_EVENTS } from "../../../src/adapters/agents/claude-code/hook-settings.ts";
import { CURSOR_HOOK_EVENTS } from "../../../src/adapters/agents/cursor/launch-plan.ts";
import { HERMES_HOOK_EVENTS } from "../../../src/adapters/agents/hermes/install.ts";
import { BIN, fakeAgent, boxPerCall, nemo } from "./sandbox.ts";

const box = boxPerCall();

const commandFor = (agent: string) => `${process.execPath} ${BIN} hook-forward ${agent} --gateway-url http://127.0.0.1:47999 --start-gateway`;

/** Tabs, CRLF, keys in the user's order, a hook of their own, and their own env. */
const CLAUDE_USER = '{\r\n\t"model": "opus",\r\n\t"hooks": {\r\n\t\t"Stop": [\r\n\t\t\t{\r\n\t\t\t\t"hooks": [\r\n\t\t\t\t\t{\r\n\t\t\t\t\t\t"type": "command",\r\n\t\t\t\t\t\t"command": "notify-send done"\r\n\t\t\t\t\t}\r\n\t\t\t\t]\r\n\t\t\t}\r\n\t\t]\r\n\t},\r\n\t"env": {\r\n\t\t"ANTHROPIC_BASE_URL": "https://proxy.example.com",\r\n\t\t"FOO": "1"\r\n\t},\r\n\t"permissions": {\r\n\t\t"allow": [\r\n\t\t\t"Bash(ls:*)"\r\n\t\t]\r\n\t}\r\n}\r\n';

describe("install claude", () => {
  test("user settings: HTTP hooks where Claude has them, commands for the rest, the base URL; the user's keys, order and layout kept", async () => {
    const b = box();
    fakeAgent(b, "claude", "2.1.328 (Claude Code)");
    const path = join(b.home, ".claude", "settings.json");
    mkdirSync(join(b.home, ".claude"));
    writeFileSync(path, CLAUDE_USER);
    const r = await nemo(b, ["install", "claude"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("env.ANTHROPIC_BASE_URL was https://proxy.example.com");
    const text = readFileSync(path, "utf8");
    expect(text).toStartWith('{\r\n\t"model": "opus",\r\n\t"hooks": {\r\n\t\t"Stop": [');
    expect(text).not.toMatch(/[^\r]\n/);
    const settings = JSON.parse(text);
    expect(Object.keys(settings)).toEqual(["model", "hooks", "env", "permissions"]);
    expect(settings.env).toEqual({ ANTHROPIC_BASE_URL: "http://127.0.0.1:47999", FOO: "1" });
    expect(Object.keys(settings.hooks)).toHaveLength(CLAUDE_HOOK_EVENTS.length);
    expect(settings.hooks.Stop[0].hooks[0].command).toBe("notify-send done");
    expect(settings.hooks.Stop[1]).toEqual({ hooks: [{ type: "http", url: "http://127.0.0.1:47999/hooks/claude-code", timeout: 5 }] });
    for (const event of ["SessionStart", "Setup", "PermissionRequest", "UserPromptSubmit"]) {
      expect(settings.hooks[event]).toEqual([{ hooks: [{ type: "command", command: commandFor("claude"), timeout: 10 }] }]);
    }
    expect(text).not.toContain("onFailure");

    expect((await nemo(b, ["install", "claude"])).stdout).toStartWith("unchanged");
    expect(readFileSync(path, "utf8")).toBe(text);
    const un = await nemo(b, ["uninstall", "claude"]);
    expect(un.stdout).toStartWith("restored");
    expect(readFileSync(path, "utf8")).toBe(CLAUDE_USER);
  });

  test("without a Claude that has HTTP hooks every event runs the command; --project writes .claude/settings.json of cwd", async () => {
    const b = box();
    const r = await nemo(b, ["install", "claude", "--project"]);
    expect(r.code).toBe(0);
    const path = join(b.work, ".claude", "settings.json");
    const settings = JSON.parse(readFileSync(path, "utf8"));
    expect(Object.values(settings.hooks as Record<string, Array<{ hooks: Array<{ type: string }> }>>).every((groups) => groups[0]!.hooks[0]!.type === "command")).toBe(true);
    expect(existsSync(join(b.home, ".claude"))).toBe(false);
    await nemo(b, ["uninstall", "claude", "--project"]);
    expect(existsSync(join(b.work, ".claude"))).toBe(false);
  });

  test("a user-level uninstall leaves a project's install alone, and the other way round", async () => {
    const b = box();
    const project = join(b.work, ".claude", "settings.json");
    const user = join(b.home, ".claude", "settings.json");
    await nemo(b, ["install", "claude", "--project"]);
    await nemo(b, ["install", "claude"]);
    const other = join(b.root, "elsewhere");
    mkdirSync(other);
    await nemo(b, ["uninstall", "claude"], { cwd: other });
    expect(existsSync(user)).toBe(false);
    expect(readFileSync(project, "utf8")).toContain("--start-gateway");
    await nemo(b, ["uninstall", "claude", "--project"]);
    expect(existsSync(project)).toBe(false);
  });

  test("settings that are not JSON, or an env that is not an object: one line naming the file, nothing written", async () => {
    const b = box();
    const path = join(b.home, ".claude", "settings.json");
    mkdirSync(join(b.home, ".claude"));
    writeFileSync(path, '{"model": "opus",}');
    const r = await nemo(b, ["install", "claude"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^nemo-relay: ${path} is not valid JSON \\(.*\\); nothing was changed \\[config_invalid\\]\\n$`));
    expect(readFileSync(path, "utf8")).toBe('{"model": "opus",}');
    writeFileSync(path, '{"env": ["x"]}');
    expect((await nemo(b, ["install", "claude"])).stderr).toBe(`nemo-relay: ${path}: "env" must be an object, found an array; nothing was changed [config_invalid]\n`);
  });
});

describe("install cursor", () => {
  test("direct entries after the user's in .cursor/hooks.json; uninstall restores it exactly", async () => {
    const b = box();
    const user = '{\n  "version": 1,\n  "hooks": {\n    "stop": [\n      { "command": "./audit.sh" }\n    ]\n  }\n}\n';
    mkdirSync(join(b.work, ".cursor"));
    const path = join(b.work, ".cursor", "hooks.json");
    writeFileSync(path, user);
    expect((await nemo(b, ["install", "cursor", "--project"])).code).toBe(0);
    const hooks = JSON.parse(readFileSync(path, "utf8"));
    expect(Object.keys(hooks.hooks).sort()).toEqual([...CURSOR_HOOK_EVENTS].sort());
    expect(hooks.hooks.stop).toEqual([{ command: "./audit.sh" }, { command: commandFor("cursor"), timeout: 30 }]);
    await nemo(b, ["uninstall", "cursor", "--project"]);
    expect(readFileSync(path, "utf8")).toBe(user);
  });

  test("user level: ~/.cursor/hooks.json is created with version 1, and goes (with ~/.cursor) on uninstall", async () => {
    const b = box();
    expect((await nemo(b, ["install", "cursor"])).code).toBe(0);
    const path = join(b.home, ".cursor", "hooks.json");
    expect(Object.keys(JSON.parse(readFileSync(path, "utf8")))).toEqual(["version", "hooks"]);
    await nemo(b, ["uninstall", "cursor"]);
    expect(existsSync(join(b.home, ".cursor"))).toBe(false);
  });
});

const HERMES_USER = `# Hermes — my settings
model:
  default: anthropic/claude-sonnet-4   # the one I pay for
  provider: openrouter

# hooks I wrote myself
hooks:
  pre_tool_call:
    - command: ~/bin/audit.sh
      matcher: terminal
      timeout: 5

toolsets: [web, terminal]
`;

describe("install hermes", () => {
  test("hooks merged into config.yaml with the user's comments and entries kept; uninstall restores it exactly", async () => {
    const b = box();
    mkdirSync(join(b.home, ".hermes"));
    const path = join(b.home, ".hermes", "config.yaml");
    writeFileSync(path, HERMES_USER);
    const r = await nemo(b, ["install", "hermes"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Hermes asks once per hook");
    const text = readFileSync(path, "utf8");
    for (const comment of ["# Hermes — my settings", "# the one I pay for", "# hooks I wrote myself"]) expect(text).toContain(comment);
    expect(text).toContain(`  pre_tool_call:\n    - command: ~/bin/audit.sh\n      matcher: terminal\n      timeout: 5\n    - command: ${commandFor("hermes")}\n      timeout: 30\n`);
    expect(text.match(/--start-gateway/g)).toHaveLength(HERMES_HOOK_EVENTS.length);
    expect(text).toContain("toolsets: [web, terminal]");
    expect((await nemo(b, ["install", "hermes"])).stdout).toStartWith("unchanged");
    await nemo(b, ["uninstall", "hermes"]);
    expect(readFileSync(path, "utf8")).toBe(HERMES_USER);
  });

  test("HERMES_HOME is honoured; malformed YAML is refused with the file named", async () => {
    const b = box();
    const home = join(b.root, "hermes-home");
    mkdirSync(home);
    writeFileSync(join(home, "config.yaml"), "model: [unclosed\n");
    const r = await nemo(b, ["install", "hermes"], { env: { HERMES_HOME: home } });
    expect(r.code).toBe(1);
    expect(r.stderr).toStartWith(`nemo-relay: ${join(home, "config.yaml")} is not valid YAML (`);
    expect(r.stderr).toEndWith("; nothing was changed [config_invalid]\n");
  });
});
