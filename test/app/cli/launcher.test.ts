/**
 * The command npm, npx and bunx put on PATH (`bin/nemo-relay`, a POSIX sh launcher): with Bun it
 * runs the CLI (also through a symlink, as a global npm install links it); without Bun it says so
 * in one line and exits 2, instead of the shell's "bun: No such file or directory" (127).
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const LAUNCHER = join(import.meta.dir, "../../../bin/nemo-relay");
const dir = mkdtempSync(join(tmpdir(), "nemo-relay-launcher-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], path: string) {
  const proc = Bun.spawn(argv, { env: { PATH: path, HOME: dir }, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const [code, stdout, stderr] = await Promise.all([proc.exited, new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  return { code, stdout, stderr };
}

/** A PATH with the few tools the launcher uses, and no Bun. */
function pathWithout(): string {
  const bin = join(dir, "no-bun");
  Bun.spawnSync(["mkdir", "-p", bin]);
  for (const tool of ["readlink", "dirname"]) symlinkSync(Bun.which(tool)!, join(bin, tool));
  return bin;
}

test("with Bun on PATH it runs the CLI, through a symlink too", async () => {
  const link = join(dir, "nemo-relay");
  symlinkSync(LAUNCHER, link);
  const path = [dirname(process.execPath), "/usr/bin", "/bin"].join(":");
  for (const argv of [[LAUNCHER, "--version"], [link, "--version"]]) {
    const r = await run(["/bin/sh", ...argv], path);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^nemo-relay \d+\.\d+\.\d+\n$/) });
  }
});

test("without Bun: one line saying how to get it, exit 2", async () => {
  const r = await run(["/bin/sh", LAUNCHER, "serve"], pathWithout());
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe("nemo-relay: needs Bun (https://bun.sh) on PATH: npm i -g bun, or use the compiled binary (bun run build) [bun_missing]\n");
});
