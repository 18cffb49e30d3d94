/**
 * The package as users install it: `npm pack` (which builds dist/ through `prepack`), then
 * `npm install -g --prefix <tmp> <tarball>` with its dependencies from the registry.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "bun:test";

export const ROOT = join(import.meta.dir, "../../..");

export interface InstalledPackage {
  readonly dir: string;
  /** The `nemo-relay` npm put on PATH. */
  readonly bin: string;
  /** The installed package's own directory (`<prefix>/lib/node_modules/nemo-relay`). */
  readonly packageDir: string;
  /** An empty directory to run commands from. */
  readonly empty: string;
  readonly env: Record<string, string>;
  sh(argv: string[], cwd: string, extra?: Record<string, string>): { code: number | null; stdout: string; stderr: string };
  remove(): void;
}

/** What npm needs of this machine to reach the registry (its CA bundle, a proxy), nothing else of it. */
function networkEnv(): Record<string, string> {
  const names = /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY)$/;
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && names.test(entry[0])));
}

export function installPackage(): InstalledPackage {
  const dir = mkdtempSync(join(tmpdir(), "nemo-relay-package-"));
  const prefix = join(dir, "prefix");
  const empty = join(dir, "empty");
  mkdirSync(empty, { recursive: true });
  const PATH = [dirname(process.execPath), dirname(Bun.which("node") ?? "/usr/bin/node"), "/usr/local/bin", "/usr/bin", "/bin"].join(":");
  const env = { ...networkEnv(), PATH, HOME: join(dir, "home"), XDG_CONFIG_HOME: join(dir, "xdg"), XDG_STATE_HOME: join(dir, "state") };
  const sh = (argv: string[], cwd: string, extra: Record<string, string> = {}) => {
    const r = Bun.spawnSync(argv, { cwd, env: { ...env, ...extra }, stdout: "pipe", stderr: "pipe", timeout: 120_000 });
    return { code: r.exitCode, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
  };
  const packed = sh(["npm", "pack", "--pack-destination", dir, "--silent"], ROOT);
  expect(packed.code, packed.stderr).toBe(0);
  const tarball = join(dir, packed.stdout.trim().split("\n").at(-1)!);
  const installed = sh(["npm", "install", "-g", "--prefix", prefix, tarball, "--no-audit", "--no-fund"], dir);
  expect(installed.code, installed.stderr).toBe(0);
  return {
    dir,
    bin: join(prefix, "bin", "nemo-relay"),
    packageDir: join(prefix, "lib", "node_modules", "nemo-relay"),
    empty,
    env,
    sh,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
