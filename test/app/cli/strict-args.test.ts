/**
 * A strict CLI (SPEC §1.1): an unknown option or a stray word is a usage error (exit 2) with a
 * suggestion, for every command, never a gateway started or a check passed on a typo.
 */
import { describe, expect, test } from "bun:test";
import type { ArgsDef } from "citty";
import fc from "fast-check";
import { join } from "node:path";
import { unknownArgument } from "../../../src/app/cli/strict-args.ts";
import { closest } from "../../../src/app/nearest-name.ts";

const BIN = join(import.meta.dir, "../../../bin/nemo-relay.ts");
/** The commands citty parses (run, the agent shortcuts and hook-forward parse their own, strictly). */
const COMMANDS = ["demo", "serve", "plugins", "validate", "install", "uninstall", "doctor"] as const;

async function argsOf(command: string): Promise<ArgsDef> {
  const module = (await import(`../../../src/app/cli/${command}.ts`)) as { default: { args?: ArgsDef } };
  return module.default.args ?? {};
}

describe("unknownArgument", () => {
  test("a typo gets the nearest option; a word for a command that takes none is refused; known forms pass", async () => {
    const serve = await argsOf("serve");
    expect(unknownArgument("serve", serve, ["--bnd", "127.0.0.1:0"])).toBe("unknown option --bnd for serve; did you mean --bind?");
    expect(unknownArgument("serve", serve, ["--exit-when-idl"])).toBe("unknown option --exit-when-idl for serve; did you mean --exit-when-idle?");
    expect(unknownArgument("serve", serve, ["--version"])).toBe("unknown option --version for serve; see nemo-relay serve --help");
    expect(unknownArgument("serve", serve, ["now"])).toBe('unexpected argument "now" for serve; see nemo-relay serve --help');
    expect(unknownArgument("serve", serve, ["--bind", "127.0.0.1:0", "--exit-when-idle", "--idle-exit-secs=5", "--chatgpt-base-url", "http://x"])).toBeUndefined();
    const validate = await argsOf("validate");
    expect(unknownArgument("validate", validate, ["a.json", "b.json", "--json", "--no-version-gating"])).toBeUndefined();
    expect(unknownArgument("validate", validate, ["--jsn", "a.json"])).toBe("unknown option --jsn for validate; did you mean --json?");
    expect(unknownArgument("demo", await argsOf("demo"), ["--", "anything", "--after-the-separator"])).toBeUndefined();
  });

  test("generated unknown options on every command are refused, with a suggestion when one is near", async () => {
    const tables = await Promise.all(COMMANDS.map(async (c) => [c, await argsOf(c)] as const));
    const known = new Set(tables.flatMap(([, args]) => Object.keys(args)).concat(["help", "h"]));
    fc.assert(
      fc.property(fc.constantFrom(...tables), fc.stringMatching(/^[a-z][a-z-]{0,14}$/), ([command, args], name) => {
        fc.pre(!known.has(name) && !name.startsWith("no-"));
        const problem = unknownArgument(command, args, [`--${name}`]);
        expect(problem).toStartWith(`unknown option --${name} for ${command}; `);
        expect(problem).toMatch(/did you mean --[a-z-]+\?$|see nemo-relay \S+ --help$/);
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  test("closest: near names only", () => {
    expect(closest("bnd", ["bind", "config"])).toBe("bind");
    expect(closest("zzzzzz", ["bind", "config"])).toBeUndefined();
  });
});

describe("the CLI", () => {
  test("usage errors exit 2 with one line and start nothing", async () => {
    for (const argv of [["serve", "--frob"], ["validate", "--jsn", "/dev/null"], ["doctor", "--plugn", "codex"], ["demo", "extra"]]) {
      const proc = Bun.spawn([process.execPath, BIN, ...argv], { stdout: "pipe", stderr: "pipe", stdin: "ignore", env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent" } });
      const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
      const [code, stderr] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
      clearTimeout(timer);
      expect({ argv, code }).toEqual({ argv, code: 2 });
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toMatch(/^nemo-relay: (unknown option|unexpected argument) .* \[invalid_argument\]\n$/);
    }
  });
});
