import { describe, expect, test } from "bun:test";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { trustedHash, snakeCase } from "../../../src/adapters/agents/codex/hook-trust.ts";
import { boxPerCall, nemo, type Box } from "./sandbox.ts";

const box = boxPerCall();

const userConfig = (codexHome: string) => `# My Codex setup — hand-written
model = "gpt-5"          # the model I like
model_provider = "mine"  # my own proxy

approval_policy = "on-request"

[features]
# keep the plugin marketplace off
plugins = false

[model_providers.mine]
name = "Mine"
base_url = "http://127.0.0.1:9/v1"   # a proxy of mine
env_key = "MINE_KEY"

[hooks.state."${codexHome}/hooks.json:stop:0:0"]
trusted_hash = "sha256:0000"
`;

const USER_HOOKS = `{
    "hooks": {
        "Stop": [
            {
                "hooks": [
                    {
                        "type": "command",
                        "command": "say done",
                        "timeout": 5
                    }
                ]
            }
        ]
    }
}
`;

function seed(b: Box) {
  writeFileSync(join(b.codexHome, "config.toml"), userConfig(b.codexHome));
  writeFileSync(join(b.codexHome, "hooks.json"), USER_HOOKS);
}

const read = (b: Box, name: string) => readFileSync(join(b.codexHome, name), "utf8");

describe("install codex", () => {
  test("adds exactly: our hook groups after the user's, the trust for each, hooks on, the provider alias selected", async () => {
    const b = box();
    seed(b);
    const r = await nemo(b, ["install", "codex"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`updated   ${join(b.codexHome, "hooks.json")}`);
    expect(r.stdout).toContain('model_provider was "mine"');

    const hooks = JSON.parse(read(b, "hooks.json"));
    const command = hooks.hooks.SessionStart[0].hooks[0].command as string;
    expect(command).toBe(`${process.execPath} ${join(import.meta.dir, "../../../bin/nemo-relay.ts")} hook-forward codex --gateway-url http://127.0.0.1:47999 --start-gateway`);
    expect(Object.keys(hooks.hooks)).toHaveLength(14);
    expect(hooks.hooks.Stop).toHaveLength(2);
    expect(hooks.hooks.Stop[0].hooks[0].command).toBe("say done");
    expect(hooks.hooks.SessionEnd[0].hooks[0].timeout).toBe(3);
    // The user's 4-space layout is kept.
    expect(read(b, "hooks.json")).toStartWith('{\n    "hooks": {\n        "Stop": [\n            {\n                "hooks": [');

    const state = Object.entries(hooks.hooks as Record<string, Array<{ hooks: Array<{ command: string; timeout: number }> }>>).flatMap(([event, groups]) =>
      groups.flatMap((g, gi) => (g.hooks[0]!.command === command ? [`\n[hooks.state."${b.codexHome}/hooks.json:${snakeCase(event)}:${gi}:0"]\ntrusted_hash = "${trustedHash(event, { command, timeout: g.hooks[0]!.timeout })}"\n`] : [])),
    );
    expect(state[0]).toContain(":stop:1:0"); // behind the user's own Stop group
    const expected =
      userConfig(b.codexHome)
        .replace('model_provider = "mine"  # my own proxy', 'model_provider = "nemo-relay-openai"  # my own proxy')
        .replace("plugins = false\n", "plugins = false\nhooks = true\n") +
      '\n[model_providers.nemo-relay-openai]\nname = "nemo-relay"\nbase_url = "http://127.0.0.1:47999/v1"\nwire_api = "responses"\nrequires_openai_auth = true\nsupports_websockets = false\n' +
      state.join("");
    expect(read(b, "config.toml")).toBe(expected);
  });

  test("installing twice changes nothing; uninstall gives both files back byte for byte", async () => {
    const b = box();
    seed(b);
    expect((await nemo(b, ["install", "codex"])).code).toBe(0);
    const once = [read(b, "config.toml"), read(b, "hooks.json")];
    const again = await nemo(b, ["install", "codex"]);
    expect(again.stdout).toMatch(/^unchanged .*hooks\.json.*\nunchanged .*config\.toml/);
    expect([read(b, "config.toml"), read(b, "hooks.json")]).toEqual(once);
    const un = await nemo(b, ["uninstall", "codex"]);
    expect(un.code).toBe(0);
    expect(un.stdout).toMatch(/restored .*hooks\.json[\s\S]*restored .*config\.toml/);
    expect(read(b, "config.toml")).toBe(userConfig(b.codexHome));
    expect(read(b, "hooks.json")).toBe(USER_HOOKS);
    expect(readdirSync(join(b.state, "nemo-relay/install"))).toEqual([]);
  });

  test("files the install created are deleted again; another port updates our entries in place", async () => {
    const b = box();
    expect((await nemo(b, ["install", "codex"])).code).toBe(0);
    const moved = await nemo(b, ["install", "codex"], { env: { NEMO_RELAY_PERSISTENT_PORT: "47998" } });
    expect(moved.stdout).toMatch(/updated .*hooks\.json/);
    const hooks = JSON.parse(read(b, "hooks.json"));
    expect(hooks.hooks.Stop).toHaveLength(1);
    expect(hooks.hooks.Stop[0].hooks[0].command).toContain("--gateway-url http://127.0.0.1:47998 ");
    expect(read(b, "config.toml")).toContain('base_url = "http://127.0.0.1:47998/v1"');
    await nemo(b, ["uninstall", "codex"]);
    expect(readdirSync(b.codexHome)).toEqual([]);
  });

  test("uninstall finds what was installed even when CODEX_HOME no longer points there", async () => {
    const b = box();
    seed(b);
    await nemo(b, ["install", "codex"]);
    const un = await nemo(b, ["uninstall", "codex"], { env: { CODEX_HOME: join(b.root, "elsewhere") } });
    expect(un.code).toBe(0);
    expect(read(b, "config.toml")).toBe(userConfig(b.codexHome));
    expect(read(b, "hooks.json")).toBe(USER_HOOKS);
  });

  test("a file the user changed since keeps their change and loses only our additions", async () => {
    const b = box();
    seed(b);
    await nemo(b, ["install", "codex"]);
    writeFileSync(join(b.codexHome, "config.toml"), `${read(b, "config.toml")}\n# later, by hand\n[profiles.fast]\nmodel = "gpt-5-mini"\n`);
    const un = await nemo(b, ["uninstall", "codex"]);
    expect(un.stdout).toContain("changed since the install: removed only nemo-relay's additions, your changes stay");
    expect(read(b, "config.toml")).toBe(`${userConfig(b.codexHome)}\n# later, by hand\n[profiles.fast]\nmodel = "gpt-5-mini"\n`);
    expect(read(b, "hooks.json")).toBe(USER_HOOKS);
  });

  test("a malformed config is a one-line error naming the file; nothing is written", async () => {
    const b = box();
    writeFileSync(join(b.codexHome, "config.toml"), 'model = "gpt-5"\n[features\nplugins = false\n');
    const r = await nemo(b, ["install", "codex"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^nemo-relay: ${join(b.codexHome, "config.toml")}:2:\\d+: invalid TOML: .*; nothing was changed \\[config_invalid\\]\\n$`));
    expect(existsSync(join(b.codexHome, "hooks.json"))).toBe(false);
    expect(existsSync(join(b.state, "nemo-relay"))).toBe(false);

    writeFileSync(join(b.codexHome, "config.toml"), "features = { plugins = false }\n");
    const inline = await nemo(b, ["install", "codex"]);
    expect(inline.stderr).toContain("features is written as an inline value on line 1; write it as a [features] table");
    writeFileSync(join(b.codexHome, "hooks.json"), '{"hooks": {"Stop": {"command": "x"}}}');
    writeFileSync(join(b.codexHome, "config.toml"), "");
    const hooks = await nemo(b, ["install", "codex"]);
    expect(hooks.stderr).toBe(`nemo-relay: ${join(b.codexHome, "hooks.json")}: hooks.Stop must be a list, found object; nothing was changed [config_invalid]\n`);
    expect(read(b, "config.toml")).toBe("");
  });

  test("a symlinked config is edited where it points; --project is refused", async () => {
    const b = box();
    const dotfiles = join(b.root, "dotfiles");
    mkdirSync(dotfiles);
    writeFileSync(join(dotfiles, "config.toml"), 'model = "gpt-5"\n');
    symlinkSync(join(dotfiles, "config.toml"), join(b.codexHome, "config.toml"));
    expect((await nemo(b, ["install", "codex"])).code).toBe(0);
    expect(lstatSync(join(b.codexHome, "config.toml")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dotfiles, "config.toml"), "utf8")).toContain("[model_providers.nemo-relay-openai]");
    await nemo(b, ["uninstall", "codex"]);
    expect(readFileSync(join(dotfiles, "config.toml"), "utf8")).toBe('model = "gpt-5"\n');
    expect(await nemo(b, ["install", "codex", "--project"])).toMatchObject({ code: 2, stderr: "nemo-relay: --project is not available for codex; it is configured per user [invalid_argument]\n" });
  });
});
