/**
 * The package entry (`import … from "nemo-relay"`): named exports only, pinned here, and the
 * README's "Programmatic use" block runs exactly as written.
 */
import { expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as api from "../src/index.ts";

const ROOT = join(import.meta.dir, "..");

test("the package entry exposes the domain: record events, get valid ATIF", () => {
  const recorder = new api.Recorder();
  recorder.record({ kind: "turn_start", sessionId: "s1", at: Date.UTC(2026, 0, 1), prompt: "hello" });
  recorder.record({ kind: "llm_end", sessionId: "s1", at: Date.UTC(2026, 0, 1, 0, 0, 1), callId: "c", origin: "gateway", status: "completed", message: "hi", usage: api.normalizeUsage({ input_tokens: 3, output_tokens: 1 }) });
  const atif = recorder.trajectory("s1", { agentName: "my-agent" })!;
  expect(api.validateTrajectory(atif)).toEqual([]);
  expect(atif.schema_version).toBe(api.ATIF_SCHEMA_VERSION);
  expect(atif.steps.map((s) => s.message)).toEqual(["hello", "hi"]);
  expect(api.LLM_CORRELATION_STATUSES).toContain("ambiguous_fallback");
  expect(typeof api.Correlator).toBe("function");
  expect(typeof api.TrajectoryBuilder).toBe("function");
});

test("the export list is exactly the documented API: no internals", () => {
  expect(Object.keys(api).sort()).toEqual([
    "ATIF_SCHEMA_VERSION",
    "CORRELATION_SOURCES",
    "Correlator",
    "DEFAULT_PRICES",
    "LLM_CORRELATION_STATUSES",
    "PRICES_SOURCE",
    "RULE_IDS",
    "Recorder",
    "Session",
    "SessionRegistry",
    "StepSchema",
    "TOOL_CORRELATION_STATUSES",
    "TrajectoryBuilder",
    "TrajectorySchema",
    "affinityKey",
    "costOf",
    "costOfUsage",
    "createHookTranslator",
    "isValidTrajectory",
    "normalizeUsage",
    "priceLookup",
    "sameUsage",
    "translateHook",
    "validateTrajectory",
  ]);
  // Entry source: named exports only.
  expect(readFileSync(join(ROOT, "src/index.ts"), "utf8")).not.toMatch(/export \* from/);
});

test("every export is documented with an @example in its doc comment", () => {
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith(".ts")) sources.push(readFileSync(path, "utf8"));
    }
  };
  walk(join(ROOT, "src"));
  const undocumented = Object.keys(api).filter((name) => {
    const declaration = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\s*export (?:const|function|class|let) ${name}\\b`);
    const doc = sources.map((source) => declaration.exec(source)?.[1]).find((found) => found !== undefined);
    return !doc?.includes("@example");
  });
  expect(undocumented).toEqual([]);
});

test("translateHook: an agent's native payload (by any of its names) in, domain events and its expected answer out", () => {
  const claude = api.translateHook("claude", { hook_event_name: "UserPromptSubmit", session_id: "s1", prompt: "hi" }, { receivedAt: 5 });
  expect(claude.ok && claude.value.events.map((e) => [e.kind, e.at])).toEqual([["turn_start", 5]]);
  expect(claude.ok && claude.value.response).toEqual({ continue: true });
  const same = api.translateHook("claude-code", { hook_event_name: "Stop", session_id: "s1" });
  expect(same.ok && same.value.events.map((e) => e.kind)).toEqual(["turn_end"]);
  const unknown = api.translateHook("vim", {});
  expect(!unknown.ok && unknown.error).toEqual({ code: "unknown_agent", message: 'unknown agent "vim"; use codex, claude, cursor or hermes' });
  const notObject = api.createHookTranslator()("codex", "not an object");
  expect(!notObject.ok && notObject.error.code).toBe("invalid_payload");
});

test("the session's state is read-only from outside", () => {
  const session = new api.Session("s");
  session.apply({ kind: "turn_start", sessionId: "s", at: 7, prompt: "x" });
  expect(session.lastActivityAt).toBe(7);
  expect(() => ((session as { lastActivityAt: number }).lastActivityAt = 1)).toThrow();
  expect(session.lastActivityAt).toBe(7);
});

test("README 'Programmatic use' runs as written and prints what it says", async () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Programmatic use"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  const dir = mkdtempSync(join(tmpdir(), "nemo-relay-readme-"));
  try {
    // The block imports the package by name; here the name resolves to this checkout.
    const file = join(dir, "example.ts");
    writeFileSync(file, code.replace('from "nemo-relay"', `from ${JSON.stringify(join(ROOT, "src/index.ts"))}`));
    const proc = Bun.spawn([process.execPath, file], { stdout: "pipe", stderr: "pipe" });
    const [out, err, exit] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    expect(err).toBe("");
    expect(exit).toBe(0);
    const said = /It prints `([^`]+)`/.exec(section)![1];
    expect(out).toBe(`${said}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
