/**
 * The single binary (`bun run build`): everything the CLI loads lazily must be inside it, and
 * the demo must run from it alone, its hook-forward children being the binary itself.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../../../package.json" with { type: "json" };
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";

const ROOT = join(import.meta.dir, "../../..");
const dir = mkdtempSync(join(tmpdir(), "nemo-relay-binary-"));
const binary = join(dir, "nemo-relay");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs with a PATH that has no bun on it: the binary must not need one. */
async function run(cmd: string[], options: { cwd?: string; stdin?: string; timeout?: number } = {}) {
  const proc = Bun.spawn(cmd, {
    cwd: options.cwd ?? dir,
    stdin: options.stdin === undefined ? "ignore" : new TextEncoder().encode(options.stdin),
    stdout: "pipe",
    stderr: "pipe",
    env: { PATH: "/usr/bin:/bin", HOME: dir },
    timeout: options.timeout ?? 15_000,
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, code };
}

beforeAll(async () => {
  // Exactly the package's `build` script, writing to a temp file instead of dist/.
  const words = pkg.scripts.build.split(/\s+/);
  const args = words.slice(1).map((word, i, all) => (all[i - 1] === "--outfile" ? binary : word));
  const build = Bun.spawn([process.execPath, ...args], { cwd: ROOT, stdout: "pipe", stderr: "pipe", timeout: 90_000 });
  const [out, err, code] = await Promise.all([new Response(build.stdout).text(), new Response(build.stderr).text(), build.exited]);
  if (code !== 0) throw new Error(`bun build --compile failed (${build.signalCode ?? code}):\n${out}\n${err}`);
}, 100_000);

describe("the compiled binary", () => {
  test("is one self-contained executable that knows its version", async () => {
    expect(statSync(binary).mode & 0o111).not.toBe(0);
    expect(await run([binary, "--version"])).toEqual({ stdout: `nemo-relay ${pkg.version}\n`, stderr: "", code: 0 });
  });

  test("renders help for the root and for lazily loaded commands", async () => {
    const root = await run([binary, "--help"]);
    expect(root.code).toBe(0);
    for (const command of ["demo", "serve", "validate", "hook-forward", "plugins"]) expect(root.stdout).toContain(command);
    for (const command of ["demo", "serve", "validate", "hook-forward", "plugins", "view"]) {
      const help = await run([binary, command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("EXAMPLES");
    }
  });

  test("hook-forward takes its fast path inside the binary", async () => {
    const r = await run([binary, "hook-forward", "codex"], { stdin: "{}" });
    expect(r).toEqual({ stdout: "", stderr: "nemo-relay hook-forward: no gateway URL; pass --gateway-url or set NEMO_RELAY_GATEWAY_URL (fail-open: the agent continues)\n", code: 0 });
  });

  test("runs the demo end to end and writes a valid ATIF file", async () => {
    const out = join(dir, "atif");
    const r = await run([binary, "demo", "--output-dir", out], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const path = r.stdout.match(/^ATIF file\s+(.+)$/m)?.[1];
    expect(path).toStartWith(`${out}/`);
    const trajectory = (await Bun.file(path!).json()) as Trajectory;
    expect(validateTrajectory(trajectory).filter((v) => v.severity === "error")).toEqual([]);
    expect(trajectory.subagent_trajectories).toHaveLength(1);
  });

  test("carries the viewer: view --html writes the page with its script, from the binary alone", async () => {
    const source = join(ROOT, "test/fixtures/atif/recorded/codex-basic.atif.json");
    const out = join(dir, "session.html");
    const r = await run([binary, "view", "--html", out, source]);
    expect(r.code).toBe(0);
    const html = await Bun.file(out).text();
    // The bundled page script (its find box) and the session's own data are both inside.
    expect(html).toContain("find in session");
    expect(html).toContain((await Bun.file(source).json()).session_id);
  });
});
