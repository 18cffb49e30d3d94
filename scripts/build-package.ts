/**
 * What the npm package ships, built from src (`bun run build:package`; npm runs it before every
 * `npm pack` / `npm publish`):
 * - dist/cli: the CLI bundled by Bun, every dependency inside, so a start reads a few files instead
 *   of transpiling hundreds of TypeScript sources. Measured (serve healthy, hook-forward, paired):
 *   one ESM bundle split into chunks was 115 ms / 21 ms; the CLI as CommonJS with Bun's bytecode
 *   cache (`main.js` + `main.js.jsc`; a Bun of another version ignores the cache and parses) 88 ms,
 *   but hook-forward — one start per agent event — is fastest split into ESM chunks, where it
 *   loads only what it uses (18 ms). So: `nemo-relay.js` (bin/nemo-relay.ts bundled, with the Bun
 *   check) loads `hook-forward/` for hook-forward and `main.js` for everything else.
 * - dist/lib/index.js: the programmatic API as plain ESM for Node ≥ 20 and Bun; its dependencies
 *   stay imports (they are the package's `dependencies`).
 * - dist/types: its declarations, only the files index.d.ts reaches, with `.js` specifiers so a
 *   consumer under `moduleResolution: NodeNext` resolves them.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, normalize, relative } from "node:path";

const ROOT = join(import.meta.dir, "..");
const DIST = join(ROOT, "dist");

async function bundle(config: Bun.BuildConfig): Promise<void> {
  const built = await Bun.build(config);
  if (!built.success) throw new AggregateError(built.logs, `bundling ${config.entrypoints.join(", ")} failed`);
}

/** Relative specifiers of a declaration file (`from "./x.ts"`, `import("../y.ts")`). */
const SPECIFIER = /((?:from|import\()\s*")(\.{1,2}\/[^"]+)\.ts"/g;

/** Copies index.d.ts and every declaration it reaches from `from` to `to`, `.ts` → `.js`. */
function copyReachableDeclarations(from: string, to: string): number {
  const seen = new Set<string>();
  const todo = ["index.d.ts"];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(from, file), "utf8");
    for (const [, , specifier] of text.matchAll(SPECIFIER)) todo.push(normalize(join(dirname(file), `${specifier}.d.ts`)));
    const target = join(to, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text.replace(SPECIFIER, (_, head: string, path: string) => `${head}${path}.js"`));
  }
  return seen.size;
}

function declarations(): number {
  const emitted = mkdtempSync(join(tmpdir(), "nemo-relay-types-"));
  try {
    const tsc = Bun.spawnSync([process.execPath, join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.types.json"), "--outDir", emitted], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
    if (tsc.exitCode !== 0) throw new Error(`tsc (declarations) failed:\n${tsc.stdout}${tsc.stderr}`);
    return copyReachableDeclarations(emitted, join(DIST, "types"));
  } finally {
    rmSync(emitted, { recursive: true, force: true });
  }
}

/** bin/nemo-relay.ts's two dynamic imports, pointed at their bundles beside it. */
const CLI_PARTS: Record<string, string> = { "hook-forward.ts": "./hook-forward/hook-forward.js", "main.ts": "./main.js" };
const cliParts: Bun.BunPlugin = {
  name: "cli-parts",
  setup(build) {
    build.onResolve({ filter: /app\/cli\/(hook-forward|main)\.ts$/ }, ({ path }) => ({ path: CLI_PARTS[path.split("/").at(-1)!]!, external: true }));
  },
};

async function cli(): Promise<void> {
  const out = join(DIST, "cli");
  await bundle({ entrypoints: [join(ROOT, "src/app/cli/hook-forward.ts")], outdir: join(out, "hook-forward"), target: "bun", format: "esm", splitting: true, minify: true });
  // consola's std-env reads `import.meta.env`, which CommonJS has not.
  await bundle({ entrypoints: [join(ROOT, "src/app/cli/main.ts")], outdir: out, target: "bun", format: "cjs", bytecode: true, minify: true, define: { "import.meta.env": "process.env" } });
  await bundle({ entrypoints: [join(ROOT, "bin/nemo-relay.ts")], outdir: out, target: "bun", format: "esm", minify: true, plugins: [cliParts] });
}

for (const part of ["cli", "lib", "types"]) rmSync(join(DIST, part), { recursive: true, force: true });
await cli();
await bundle({ entrypoints: [join(ROOT, "src/index.ts")], outdir: join(DIST, "lib"), target: "node", format: "esm", packages: "external" });
const typeFiles = declarations();
if (!existsSync(join(DIST, "cli", "nemo-relay.js"))) throw new Error("dist/cli/nemo-relay.js was not written");
const files = (dir: string): number => readdirSync(join(DIST, dir), { recursive: true }).length;
console.error(`built ${relative(ROOT, DIST)}/: cli (${files("cli")} files), lib/index.js, types (${typeFiles} declarations)`);
