/**
 * The package as users install it, for the hook and cold-start arms: `npm pack`, then
 * `npm install -g --prefix <tmp> <tarball>` (dependencies from the registry); the arm runs the
 * `nemo-relay` that puts on PATH (the sh launcher, then Bun). A failed install is reported, not fatal.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Binary } from "./compile.ts";
import { nowMs } from "./http-client.ts";
import { ROOT } from "./processes.ts";

export function installPackage(): Binary {
  const root = mkdtempSync(join(tmpdir(), "nemo-relay-bench-pkg-"));
  const start = nowMs();
  const run = (argv: string[], cwd: string) => Bun.spawnSync(argv, { cwd, stdout: "pipe", stderr: "pipe", timeout: 180_000 });
  const failed = (what: string, r: ReturnType<typeof run>): Binary => ({ label: "installed package", root, flags: [], buildMs: nowMs() - start, note: `${what} failed: ${r.stderr.toString().trim().split("\n").at(-1) ?? `exit ${r.exitCode}`}` });
  const packed = run(["npm", "pack", "--pack-destination", root, "--silent"], ROOT);
  if (packed.exitCode !== 0) return failed("npm pack", packed);
  const tarball = join(root, packed.stdout.toString().trim().split("\n").at(-1)!);
  const installed = run(["npm", "install", "-g", "--prefix", join(root, "prefix"), tarball, "--no-audit", "--no-fund"], root);
  if (installed.exitCode !== 0) return failed("npm install -g", installed);
  const buildMs = nowMs() - start;
  return { label: "installed package", path: join(root, "prefix", "bin", "nemo-relay"), root, flags: [], buildMs, note: `npm pack + npm install -g --prefix (${Math.round(buildMs)} ms)` };
}
