/**
 * A Bun macro: runs when this file's importer is transpiled (by `bun build --compile`, and by
 * Bun when it runs the sources), so the page's script and style are inlined as strings into the
 * binary and the package alike, and nothing is read from disk at run time. `Bun.build` cannot be
 * called from inside a macro (the bundler would wait on itself), so it runs the `bun build` CLI.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const PAGE = join(import.meta.dir, "page");

export function bundleViewer(): { script: string; style: string } {
  const built = Bun.spawnSync([process.execPath, "build", join(PAGE, "main.ts"), "--target=browser", "--format=iife", "--minify"], { stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
  if (built.exitCode !== 0) throw new Error(`bundling the viewer page failed: ${built.stderr.toString()}`);
  return { script: built.stdout.toString(), style: readFileSync(join(PAGE, "styles.css"), "utf8") };
}
