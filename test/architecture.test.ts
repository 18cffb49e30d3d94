import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { checkArchitecture, HOOK_FORWARD_ENTRY, importsOf, type SourceTree } from "./support/architecture-rules.ts";

const root = join(import.meta.dir, "..");

function loadTree(): SourceTree {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) entry.name !== "node_modules" && walk(path);
      else if (entry.name.endsWith(".ts")) files.set(relative(root, path), readFileSync(path, "utf8"));
    }
  };
  for (const dir of ["src", "test", "bench", "bin"]) walk(join(root, dir));
  return files;
}

/** The real tree plus some made-up files, to prove each rule can fail. */
const withFiles = (extra: Record<string, string>): SourceTree => new Map([...loadTree(), ...Object.entries(extra)]);
const rulesBroken = (extra: Record<string, string>) => checkArchitecture(withFiles(extra)).map((v) => `${v.rule} ${v.file}`);

describe("architecture", () => {
  test("the source tree follows every house rule", () => {
    const tree = loadTree();
    expect(tree.size).toBeGreaterThan(10);
    expect(checkArchitecture(tree)).toEqual([]);
  });

  test("the import scanner sees every kind of import", () => {
    const source = `import a from "./a.ts";\nimport type { B } from "../b.ts";\nexport { c } from "./c.ts";\nimport "side";\nconst d = await import("./d.ts");\n// import x from "commented";`;
    expect(importsOf(source).sort()).toEqual(["../b.ts", "./a.ts", "./c.ts", "./d.ts", "side"]);
  });

  test("a domain file importing node:fs fails", () => {
    expect(rulesBroken({ "src/domain/bad.ts": `import { readFileSync } from "node:fs";` })).toContain("domain_imports_only_domain src/domain/bad.ts");
  });

  test("a domain file importing an adapter, elysia or bun fails", () => {
    const broken = rulesBroken({
      "src/domain/a.ts": `import { x } from "../adapters/http/app.ts";`,
      "src/domain/b.ts": `import { Elysia } from "elysia";`,
      "src/domain/c.ts": `import type { Server } from "bun";`,
    });
    expect(broken).toContain("domain_imports_only_domain src/domain/a.ts");
    expect(broken).toContain("elysia_only_in_http_adapter src/domain/b.ts");
    expect(broken).toContain("domain_imports_only_domain src/domain/c.ts");
  });

  test("ports may import the domain but nothing else", () => {
    const broken = rulesBroken({
      "src/ports/ok.ts": `import type { Trajectory } from "../domain/trajectory/schema.ts";`,
      "src/ports/bad.ts": `import { Elysia } from "elysia";\nimport { x } from "../adapters/fs/atif.ts";`,
    });
    expect(broken.filter((b) => b.endsWith("src/ports/ok.ts"))).toEqual([]);
    expect(broken).toContain("ports_import_only_domain src/ports/bad.ts");
  });

  test("adapters never import each other or the app", () => {
    const broken = rulesBroken({
      "src/adapters/agents/codex/a.ts": `import { y } from "../claude-code/b.ts";`,
      "src/adapters/fs/c.ts": `import { z } from "../http/app.ts";\nimport { main } from "../../app/main.ts";`,
      "src/adapters/agents/cursor/ok.ts": `import { w } from "./other.ts";\nimport type { E } from "../../../domain/events.ts";`,
    });
    expect(broken).toContain("adapter_imports_other_adapter src/adapters/agents/codex/a.ts");
    expect(broken).toContain("adapter_imports_other_adapter src/adapters/fs/c.ts");
    expect(broken).toContain("adapter_imports_app src/adapters/fs/c.ts");
    expect(broken.filter((b) => b.endsWith("ok.ts"))).toEqual([]);
  });

  test("citty and consola only in the CLI, elysia only in the HTTP adapter", () => {
    const broken = rulesBroken({
      "src/app/gateway.ts": `import { Elysia } from "elysia";`,
      "src/adapters/fs/log.ts": `import { consola } from "consola";`,
      "src/app/cli/ok.ts": `import { defineCommand } from "citty";`,
      "src/adapters/http/ok.ts": `import { Elysia } from "elysia";`,
    });
    expect(broken).toContain("elysia_only_in_http_adapter src/app/gateway.ts");
    expect(broken).toContain("cli_libraries_only_in_cli src/adapters/fs/log.ts");
    expect(broken.filter((b) => b.endsWith("ok.ts"))).toEqual([]);
  });

  test("logging a payload, headers or argv fails", () => {
    const broken = rulesBroken({
      "src/adapters/http/log.ts": `console.log("hook", payload);\nconsole.error(request.headers);\nconsole.info("started", port);`,
    });
    expect(broken.filter((b) => b === "no_logging_of_sensitive_values src/adapters/http/log.ts")).toHaveLength(2);
  });

  test("an agent named outside its own folder and the one list fails, in any layer; comments may mention it", () => {
    const broken = rulesBroken({
      "src/domain/switchy.ts": `export const f = (a: string) => { switch (a) { case "codex": return 1; } return a === "claude-code"; };`,
      "src/app/gateway/by-name.ts": `export const agentOfApi = { "anthropic-messages": "claude" };`,
      "src/adapters/agents/codex/ok.ts": `export const isCodex = (a: string) => a === "codex";\nimport { field } from "../shared/fields.ts";`,
      "src/adapters/agents/shared/fields.ts": `export const f = (a: string) => a === "cursor";`,
      "src/app/comment-ok.ts": `/** Works for "codex" too. */\nexport const x = 1; // e.g. "hermes"`,
    });
    expect(broken.filter((b) => b === "agent_named_outside_its_module src/domain/switchy.ts")).toHaveLength(2);
    expect(broken).toContain("agent_named_outside_its_module src/app/gateway/by-name.ts");
    expect(broken).toContain("agent_named_outside_its_module src/adapters/agents/shared/fields.ts");
    expect(broken.filter((b) => b.endsWith("ok.ts"))).toEqual([]);
  });

  test("hook-forward's import graph must not reach elysia or consola, even indirectly", () => {
    const broken = checkArchitecture(
      withFiles({
        [HOOK_FORWARD_ENTRY]: `import { post } from "./post.ts";`,
        "src/app/cli/post.ts": `import { consola } from "consola";\nimport { x } from "../../adapters/http/client.ts";`,
        "src/adapters/http/client.ts": `import { Elysia } from "elysia";`,
      }),
    ).filter((v) => v.rule === "hook_forward_stays_lean");
    expect(broken.map((v) => v.detail)).toEqual([
      "src/app/cli/hook-forward.ts -> src/app/cli/post.ts -> consola",
      "src/app/cli/hook-forward.ts -> src/app/cli/post.ts -> src/adapters/http/client.ts -> elysia",
    ]);
  });

  test("an import cycle fails, type-only imports included", () => {
    const broken = checkArchitecture(
      withFiles({
        "src/domain/ring-a.ts": `import type { B } from "./ring-b.ts";\nexport type A = B;`,
        "src/domain/ring-b.ts": `import { c } from "./ring-c.ts";\nexport type B = string;`,
        "src/domain/ring-c.ts": `import type { A } from "./ring-a.ts";\nexport const c = 1;`,
      }),
    ).filter((v) => v.rule === "no_import_cycles");
    expect(broken.map((v) => v.detail)).toEqual(["src/domain/ring-a.ts -> src/domain/ring-b.ts -> src/domain/ring-c.ts -> src/domain/ring-a.ts"]);
  });

  test("a switch over an event's kind without assertNever fails", () => {
    const broken = rulesBroken({
      "src/domain/partial.ts": `export function f(event: { kind: "a" | "b" }) {\n  switch (event.kind) {\n    case "a":\n      return 1;\n  }\n}`,
      "src/domain/total.ts": `export function g(event: { kind: "a" }) {\n  switch (event.kind) {\n    case "a": {\n      return 1;\n    }\n    default:\n      return assertNever(event);\n  }\n}`,
    });
    expect(broken).toContain("exhaustive_event_switch src/domain/partial.ts");
    expect(broken.filter((b) => b.endsWith("total.ts"))).toEqual([]);
  });

  test("an exported value no other file names fails; one used elsewhere, or a type, does not", () => {
    // Spelled in pieces: this file is part of the tree the rule reads, and must not name it whole.
    const lonely = ["lonely", "Helper", "Nobody", "Uses"].join("");
    const broken = checkArchitecture(
      withFiles({
        "src/domain/lonely.ts": `export const ${lonely} = 1;\nexport function usedHelperForTheRule() {}\nexport type LonelyTypeIsFine = string;`,
        "src/domain/user-of-it.ts": `import { usedHelperForTheRule } from "./lonely.ts";\nexport const userOfItValue = usedHelperForTheRule;`,
        "test/user-of-user.test.ts": `import { userOfItValue } from "../src/domain/user-of-it.ts";`,
      }),
    ).filter((v) => v.rule === "no_unused_exports" && v.file.startsWith("src/domain/"));
    expect(broken.map((v) => `${v.file} ${v.detail}`)).toEqual([`src/domain/lonely.ts ${lonely}`]);
  });

  test("a header or variable name spelled outside the wire-names module fails; messages and comments may name them", () => {
    const broken = rulesBroken({
      "src/app/spelled.ts": `export const url = (env: Record<string, string>) => env.NEMO_RELAY_GATEWAY_URL;\nexport const h = { "x-nemo-relay-session-id": "s" };\nexport const e = { NEMO_RELAY_AUTH_TOKEN: "t" };`,
      "src/app/mentions-ok.ts": `/** Reads NEMO_RELAY_GATEWAY_URL and sends x-nemo-relay-token. */\nexport const hint = \`set NEMO_RELAY_AUTH_TOKEN, sent as x-nemo-relay-token\`;`,
    });
    expect(broken.filter((b) => b === "wire_names_in_one_module src/app/spelled.ts")).toHaveLength(3);
    expect(broken.filter((b) => b.endsWith("mentions-ok.ts"))).toEqual([]);
  });
});
