/**
 * `install codex` for a user who keeps Codex hooks inline in config.toml (`[[hooks.<Event>]]`):
 * ours go there too, after theirs, trusted under config.toml's own path, and no hooks.json is
 * written (Codex 0.169 warns about one layer holding both). Uninstall gives the file back byte
 * for byte; an earlier install's hooks.json loses ours when the user has since moved inline.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import toml from "toml";
import { snakeCase, trustedHash } from "../../../src/adapters/agents/codex/hook-trust.ts";
import { boxPerCall, nemo, type Box } from "./sandbox.ts";

const box = boxPerCall();

const INLINE_CONFIG = `# hooks kept here, by hand
model = "gpt-5"

[[hooks.Stop]]
matcher = ""
[[hooks.Stop.hooks]]
type = "command"
command = "say done"   # my own
timeout = 5

[features]
plugins = false
`;

const read = (b: Box, name: string) => readFileSync(join(b.codexHome, name), "utf8");
type Group = { matcher?: string; hooks: Array<{ type: string; command: string; timeout: number }> };

describe("install codex, hooks kept inline in config.toml", () => {
  test("ours are appended inline after the user's, each trusted under config.toml; no hooks.json", async () => {
    const b = box();
    const configPath = join(b.codexHome, "config.toml");
    writeFileSync(configPath, INLINE_CONFIG);
    const r = await nemo(b, ["install", "codex"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(existsSync(join(b.codexHome, "hooks.json"))).toBe(false);

    const text = read(b, "config.toml");
    // The user's own hook stays as written, ahead of ours.
    const userHook = text.indexOf(INLINE_CONFIG.slice(INLINE_CONFIG.indexOf("[[hooks.Stop]]"), INLINE_CONFIG.indexOf("[features]")));
    expect(userHook).toBeGreaterThan(0);
    expect(userHook).toBeLessThan(text.indexOf("[[hooks.SessionStart]]"));
    const config = toml.parse(text) as { hooks: Record<string, Group[]> & { state: Record<string, { trusted_hash: string }> }; features: Record<string, unknown> };
    const { state, ...lists } = config.hooks;
    expect(Object.keys(lists)).toHaveLength(14);
    expect(lists.Stop!.map((g) => g.hooks[0]!.command)).toEqual(["say done", expect.stringContaining("hook-forward codex")]);
    const trusted: Record<string, { trusted_hash: string }> = {};
    for (const [event, groups] of Object.entries(lists)) {
      const group = groups.length - 1;
      const hook = groups[group]!.hooks[0]!;
      expect(hook.command).toContain("hook-forward codex --gateway-url http://127.0.0.1:47999 --start-gateway");
      trusted[`${configPath}:${snakeCase(event)}:${group}:0`] = { trusted_hash: trustedHash(event, { command: hook.command, timeout: hook.timeout }) };
    }
    expect(state).toEqual(trusted);
    expect(config.features).toEqual({ plugins: false, hooks: true });

    const doctor = JSON.parse((await nemo(b, ["doctor", "--json", "--plugin", "codex"])).stdout) as { checks: Array<{ id: string; status: string; message: string }> };
    expect(doctor.checks.find((c) => c.id === "codex.hooks")).toMatchObject({ status: "ok", message: `hooks for all 14 events in ${configPath}` });
    expect(doctor.checks.find((c) => c.id === "codex.trust")).toMatchObject({ status: "ok" });
  });

  test("installing twice changes nothing; uninstall gives config.toml back byte for byte", async () => {
    const b = box();
    writeFileSync(join(b.codexHome, "config.toml"), INLINE_CONFIG);
    expect((await nemo(b, ["install", "codex"])).code).toBe(0);
    const once = read(b, "config.toml");
    const again = await nemo(b, ["install", "codex"]);
    expect(again.stdout).toMatch(/^unchanged .*config\.toml/);
    expect(read(b, "config.toml")).toBe(once);
    expect((await nemo(b, ["uninstall", "codex"])).code).toBe(0);
    expect(read(b, "config.toml")).toBe(INLINE_CONFIG);
    expect(existsSync(join(b.codexHome, "hooks.json"))).toBe(false);
  });

  test("hooks.json from an earlier install loses ours once the user keeps hooks inline", async () => {
    const b = box();
    expect((await nemo(b, ["install", "codex"])).code).toBe(0);
    expect(Object.keys(JSON.parse(read(b, "hooks.json")).hooks)).toHaveLength(14);
    // The user now writes a hook of their own into config.toml (the install's lines stay).
    writeFileSync(join(b.codexHome, "config.toml"), `${read(b, "config.toml")}\n[[hooks.Stop]]\nhooks = [{ type = "command", command = "say done" }]\n`);
    const r = await nemo(b, ["install", "codex"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(read(b, "hooks.json")).hooks).toEqual({});
    const config = toml.parse(read(b, "config.toml")) as { hooks: Record<string, unknown> & { state: Record<string, unknown> } };
    expect(Object.keys(config.hooks.state).every((key) => key.startsWith(join(b.codexHome, "config.toml")))).toBe(true);
    expect((config.hooks.Stop as Group[]).map((g) => g.hooks[0]!.command)).toEqual(["say done", expect.stringContaining("hook-forward codex")]);
  });
});
