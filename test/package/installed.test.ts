/**
 * The package as users install it: `npm pack`, then `npm install -g --prefix <tmp> <tarball>`
 * (dependencies from the registry), then from an empty directory the installed `nemo-relay`
 * runs `--version`, `demo` (a valid ATIF file) and `serve` (healthy), and without Bun on PATH
 * says so in one line with exit 2.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { validateTrajectory } from "../../src/domain/trajectory/validate.ts";

const ROOT = join(import.meta.dir, "../..");
const dir = mkdtempSync(join(tmpdir(), "nemo-relay-package-"));
const prefix = join(dir, "prefix");
const bin = join(prefix, "bin", "nemo-relay");
const empty = join(dir, "empty");
const PATH = [dirname(process.execPath), dirname(Bun.which("node") ?? "/usr/bin/node"), "/usr/local/bin", "/usr/bin", "/bin"].join(":");
/** What npm needs of this machine to reach the registry (its CA bundle, a proxy), nothing else of it. */
const network = Object.fromEntries(Object.entries(process.env).filter(([name, value]) => value !== undefined && /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY)$/.test(name))) as Record<string, string>;
const env = { ...network, PATH, HOME: join(dir, "home"), XDG_CONFIG_HOME: join(dir, "xdg"), XDG_STATE_HOME: join(dir, "state") };

function sh(argv: string[], cwd: string, extra: Record<string, string> = {}) {
  const r = Bun.spawnSync(argv, { cwd, env: { ...env, ...extra }, stdout: "pipe", stderr: "pipe", timeout: 120_000 });
  return { code: r.exitCode, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

beforeAll(() => {
  mkdirSync(empty, { recursive: true });
  const packed = sh(["npm", "pack", "--pack-destination", dir, "--silent"], ROOT);
  expect(packed.code, packed.stderr).toBe(0);
  const tarball = join(dir, packed.stdout.trim().split("\n").at(-1)!);
  const installed = sh(["npm", "install", "-g", "--prefix", prefix, tarball, "--no-audit", "--no-fund"], dir);
  expect(installed.code, installed.stderr).toBe(0);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the tarball holds what a user needs and no tests", () => {
  const listed = sh(["npm", "pack", "--dry-run", "--json"], ROOT);
  const files = (JSON.parse(listed.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
  expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "bin/nemo-relay", "bin/nemo-relay.ts", "src/index.ts"]));
  expect(files.filter((f) => f.startsWith("test/") || f.startsWith("bench/") || f.startsWith(".ci/"))).toEqual([]);
});

test("--version, demo and serve through the installed bin, from an empty directory", async () => {
  const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string;
  expect(sh([bin, "--version"], empty)).toMatchObject({ code: 0, stdout: `nemo-relay ${version}\n` });
  const demo = sh([bin, "demo"], empty);
  expect(demo.code, demo.stderr).toBe(0);
  const atifDir = join(empty, ".nemo-relay", "atif");
  const [file] = readdirSync(atifDir);
  expect(validateTrajectory(JSON.parse(readFileSync(join(atifDir, file!), "utf8"))).filter((v) => v.severity === "error")).toEqual([]);

  const serve = Bun.spawn([bin, "serve", "--bind", "127.0.0.1:0"], { cwd: empty, env, stdout: "pipe", stderr: "pipe" });
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
  } finally {
    serve.kill("SIGTERM");
    expect(await serve.exited).toBe(0);
  }
}, 60_000);

test("without Bun on PATH: one line saying how to get it, exit 2", () => {
  const noBun = join(dir, "no-bun");
  mkdirSync(noBun, { recursive: true });
  for (const tool of ["readlink", "dirname", "sh"]) symlinkSync(Bun.which(tool)!, join(noBun, tool));
  const r = sh(["/bin/sh", bin, "--version"], empty, { PATH: noBun });
  expect(r).toEqual({ code: 2, stdout: "", stderr: "nemo-relay: needs Bun (https://bun.sh) on PATH: npm i -g bun, or use the compiled binary (bun run build) [bun_missing]\n" });
});
