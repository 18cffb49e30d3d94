/**
 * The package as users install it (see support/installed-package.ts): from an empty directory
 * the installed `nemo-relay` runs `--version`, `demo` (a valid ATIF file) and `serve` (healthy)
 * from the bundled CLI, and without Bun — on PATH or as the runtime — says so in one line, exit 2.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { validateTrajectory } from "../../src/domain/trajectory/validate.ts";
import { installPackage, ROOT, type InstalledPackage } from "./support/installed-package.ts";

const BUN_MISSING = "nemo-relay: needs Bun (https://bun.sh) on PATH: npm i -g bun, or use the compiled binary (bun run build) [bun_missing]\n";
let pkg: InstalledPackage;
beforeAll(() => {
  pkg = installPackage();
}, 180_000);
afterAll(() => pkg?.remove());

test("the tarball holds what a user needs and no tests", () => {
  const listed = pkg.sh(["npm", "pack", "--dry-run", "--json", "--ignore-scripts"], ROOT);
  const files = (JSON.parse(listed.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
  expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "bin/nemo-relay", "dist/cli/nemo-relay.js", "dist/lib/index.js", "dist/types/index.d.ts"]));
  // The bundle replaces the sources; the compiled binary (dist/nemo-relay) is its own download.
  expect(files.filter((f) => !/^(LICENSE|README\.md|package\.json|bin\/nemo-relay|dist\/(cli|lib|types)\/.+)$/.test(f))).toEqual([]);
});

test("--version, demo and serve through the installed bin, from an empty directory", async () => {
  const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string;
  expect(pkg.sh([pkg.bin, "--version"], pkg.empty)).toMatchObject({ code: 0, stdout: `nemo-relay ${version}\n` });
  const demo = pkg.sh([pkg.bin, "demo"], pkg.empty);
  expect(demo.code, demo.stderr).toBe(0);
  const atifDir = join(pkg.empty, ".nemo-relay", "atif");
  const [file] = readdirSync(atifDir);
  expect(validateTrajectory(JSON.parse(readFileSync(join(atifDir, file!), "utf8"))).filter((v) => v.severity === "error")).toEqual([]);

  const serve = Bun.spawn([pkg.bin, "serve", "--bind", "127.0.0.1:0"], { cwd: pkg.empty, env: pkg.env, stdout: "pipe", stderr: "pipe" });
  try {
    const reader = serve.stderr.getReader();
    let said = "";
    const deadline = Date.now() + 15_000;
    while (!/http:\/\/127\.0\.0\.1:\d+/.test(said) && Date.now() < deadline) {
      const { done, value } = await reader.read();
      if (done) break;
      said += new TextDecoder().decode(value);
    }
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(said)![0];
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok", version });
    // The viewer travels inside the bundle: its page and script are served.
    const page = await fetch(`${url}/ui/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('src="/ui/app.js"');
    expect((await fetch(`${url}/ui/app.js`)).status).toBe(200);
    // The hook path an installed hook takes: the bundle's hook-forward into that gateway.
    for (const payload of [{ hook_event_name: "UserPromptSubmit", session_id: "pkg-s1", cwd: pkg.empty, prompt: "from the package" }, { hook_event_name: "Stop", session_id: "pkg-s1", cwd: pkg.empty }]) {
      const hook = Bun.spawnSync([pkg.bin, "hook-forward", "codex", "--gateway-url", url], { cwd: pkg.empty, env: pkg.env, stdin: new TextEncoder().encode(JSON.stringify(payload)), stdout: "pipe", stderr: "pipe" });
      expect(hook.exitCode, hook.stderr.toString()).toBe(0);
    }
  } finally {
    serve.kill("SIGTERM");
    expect(await serve.exited).toBe(0);
  }
  const recorded = JSON.parse(readFileSync(join(atifDir, "pkg-s1.atif.json"), "utf8"));
  expect(recorded.steps.map((step: { message: unknown }) => step.message)).toContain("from the package");
}, 60_000);

test("without Bun on PATH: one line saying how to get it, exit 2", () => {
  const noBun = join(pkg.dir, "no-bun");
  mkdirSync(noBun, { recursive: true });
  for (const tool of ["readlink", "dirname", "sh"]) symlinkSync(Bun.which(tool)!, join(noBun, tool));
  expect(pkg.sh(["/bin/sh", pkg.bin, "--version"], pkg.empty, { PATH: noBun })).toEqual({ code: 2, stdout: "", stderr: BUN_MISSING });
});

test("run by Node instead of Bun: the same line, exit 2", () => {
  expect(pkg.sh(["node", join(pkg.packageDir, "dist/cli/nemo-relay.js"), "serve"], pkg.empty)).toEqual({ code: 2, stdout: "", stderr: BUN_MISSING });
});

test("install codex from the package copied into bunx's cache refuses in one line and writes nothing", () => {
  const cached = join(pkg.dir, "bunx-0-nemo-relay@0.1.0", "node_modules", "nemo-relay");
  cpSync(pkg.packageDir, cached, { recursive: true });
  const codexHome = join(pkg.dir, "codex-home");
  const r = pkg.sh(["/bin/sh", join(cached, "bin/nemo-relay"), "install", "codex"], pkg.empty, { CODEX_HOME: codexHome });
  expect(r.code).toBe(1);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toStartWith(`nemo-relay: nemo-relay is running from bunx's temporary package cache (${cached}/dist/cli/nemo-relay.js)`);
  expect(existsSync(join(codexHome, "hooks.json"))).toBe(false);
  expect(existsSync(join(codexHome, "config.toml"))).toBe(false);
});

test("install codex from the installed package writes hooks that run the installed bundle", () => {
  const codexHome = join(pkg.dir, "codex-home-installed");
  const r = pkg.sh([pkg.bin, "install", "codex"], pkg.empty, { CODEX_HOME: codexHome });
  expect(r.code, r.stderr).toBe(0);
  const hooks = readFileSync(join(codexHome, "hooks.json"), "utf8");
  expect(hooks).toContain(`${pkg.packageDir}/dist/cli/nemo-relay.js hook-forward`);
  const doctor = pkg.sh([pkg.bin, "doctor", "--json"], pkg.empty, { CODEX_HOME: codexHome });
  const { checks } = JSON.parse(doctor.stdout) as { checks: Array<{ id: string; status: string; message: string }> };
  expect(checks.filter((c) => c.id.startsWith("codex.") && c.status === "error")).toEqual([]);
  expect(checks.find((c) => c.id === "codex.hook_command")).toMatchObject({ status: "ok", message: expect.stringContaining(`${pkg.packageDir}/dist/cli/nemo-relay.js`) });
});
