/**
 * Install writes a command that lasts: run from bunx's or npx's temporary package cache (a copy
 * of this package placed in a directory named as bunx names its own), `install` refuses with one
 * line and writes nothing; `doctor` flags installed hooks that run out of such a cache.
 */
import { afterAll, expect, test } from "bun:test";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { commandCheck, type Check } from "../../../src/adapters/agents/shared/install-checks.ts";
import { temporaryCacheOf } from "../../../src/adapters/shared/temporary-cache.ts";

const ROOT = join(import.meta.dir, "../../..");
const dir = mkdtempSync(join(tmpdir(), "nemo-relay-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("which paths are a launcher's temporary cache", () => {
  expect(temporaryCacheOf("/tmp/bunx-1000-nemo-relay@0.1.0/node_modules/nemo-relay/bin/nemo-relay.ts")).toBe("bunx");
  expect(temporaryCacheOf("/home/me/.bun/install/cache/nemo-relay@0.1.0@@@1/bin/nemo-relay.ts")).toBe("bunx");
  expect(temporaryCacheOf("/home/me/.npm/_npx/1a2b3c/node_modules/nemo-relay/bin/nemo-relay.ts")).toBe("npx");
  expect(temporaryCacheOf("/usr/local/lib/node_modules/nemo-relay/bin/nemo-relay.ts")).toBeUndefined();
  expect(temporaryCacheOf("/home/me/src/nemo-relay/bin/nemo-relay.ts")).toBeUndefined();
});

test("install from a copy in bunx's cache refuses in one line and writes nothing", async () => {
  const pkg = join(dir, "bunx-0-nemo-relay@0.1.0", "node_modules", "nemo-relay");
  mkdirSync(pkg, { recursive: true });
  for (const part of ["bin", "src", "package.json"]) cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(pkg, "node_modules"));
  const home = join(dir, "home");
  const codexHome = join(dir, "codex-home");
  const proc = Bun.spawn([process.execPath, join(pkg, "bin/nemo-relay.ts"), "install", "codex"], { env: { PATH: process.env.PATH ?? "", HOME: home, CODEX_HOME: codexHome, XDG_STATE_HOME: join(dir, "state") }, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const [code, stderr] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
  expect(code).toBe(1);
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).toStartWith(`nemo-relay: nemo-relay is running from bunx's temporary package cache (${pkg}/bin/nemo-relay.ts)`);
  expect(existsSync(join(codexHome, "hooks.json"))).toBe(false);
  expect(existsSync(join(codexHome, "config.toml"))).toBe(false);
});

test("doctor: installed hooks that run out of a temporary cache are an error with the fix", () => {
  const check: Check = (id, status, message, fix = null) => ({ id, status, message, fix });
  const cached = "/usr/bin/bun /root/.npm/_npx/9f8e/node_modules/nemo-relay/bin/nemo-relay.ts hook-forward codex --gateway-url http://127.0.0.1:47632 --start-gateway";
  const result = commandCheck(check, [cached], "/usr/local/bin/nemo-relay hook-forward codex --gateway-url http://127.0.0.1:47632 --start-gateway", "nemo-relay install codex");
  expect(result.status).toBe("error");
  expect(result.message).toStartWith("hooks run nemo-relay out of npx's temporary package cache");
  expect(result.fix).toBe("install nemo-relay (npm i -g nemo-relay, with Bun; or the compiled binary), then nemo-relay install codex from there");
});
