/**
 * Compiled CLIs for the hook and cold-start arms: one built exactly as `bun build --compile
 * bin/nemo-relay.ts`, and one with the extra flags of the project's own `build` script (what
 * ships), when it has any. Each goes to a temp directory; a failed build is reported, not fatal.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { nowMs } from "./http-client.ts";
import { ROOT } from "./processes.ts";

export interface Binary {
  readonly label: string;
  readonly path?: string;
  readonly flags: readonly string[];
  readonly buildMs: number;
  readonly note: string;
  /** The temp directory to remove afterwards, when it is not the binary's own directory. */
  readonly root?: string;
}

/** The `--flags` of package.json's `build` script, minus `--compile` and `--outfile X`. */
export function shippedBuildFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const tokens = (pkg.scripts?.build ?? "").split(/\s+/);
  const flags: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === "--outfile" || token === "--outdir") i++;
    else if (token.startsWith("--") && token !== "--compile" && !token.startsWith("--outfile=")) flags.push(token);
  }
  return flags;
}

export function compileBinary(label: string, flags: readonly string[]): Binary {
  const out = join(mkdtempSync(join(tmpdir(), "nemo-relay-bench-bin-")), "nemo-relay");
  const start = nowMs();
  const built = Bun.spawnSync([process.execPath, "build", "--compile", ...flags, join(ROOT, "bin/nemo-relay.ts"), "--outfile", out], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  const buildMs = nowMs() - start;
  const command = `bun build --compile ${flags.length > 0 ? `${flags.join(" ")} ` : ""}bin/nemo-relay.ts`;
  if (built.exitCode !== 0) return { label, flags, buildMs, note: `${command} failed: ${built.stderr.toString().trim().split("\n").at(-1)}` };
  return { label, path: out, flags, buildMs, note: `${command} (${Math.round(buildMs)} ms)` };
}

/** The plain build, plus the shipped one when `bun run build` adds flags. */
export function compileBinaries(): Binary[] {
  const shipped = shippedBuildFlags();
  const binaries = [compileBinary("compiled", [])];
  if (shipped.length > 0) binaries.push(compileBinary(`compiled ${shipped.join(" ")}`, shipped));
  return binaries;
}

/** Deletes the binaries' temp directories (each is over 100 MB). */
export function removeBinaries(binaries: readonly Binary[]): void {
  for (const binary of binaries) {
    const dir = binary.root ?? (binary.path ? dirname(binary.path) : undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
