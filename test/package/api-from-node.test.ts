/**
 * The programmatic API from the installed package, as a Node user meets it: Node 20 imports
 * `nemo-relay` (dist/lib, no Bun anywhere) and turns real Codex hook payloads into the same ATIF
 * trajectory Bun gets from the sources; a consumer type-checks against the shipped declarations
 * under NodeNext + strict + exactOptionalPropertyTypes with skipLibCheck off; publint finds
 * nothing to say about the installed package.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { publint } from "publint";
import * as api from "../../src/index.ts";
import { installPackage, ROOT, type InstalledPackage } from "./support/installed-package.ts";

/** Captured from the real Codex CLI 0.169.0 (see test/fixtures/codex/README.md). */
const FIXTURE = join(ROOT, "test/fixtures/codex/subagent.hooks.jsonl");
const RECEIVED_AT = Date.UTC(2026, 10, 21, 9, 32);

/** Replays the fixture through one API (the sources here, the installed package under Node). */
const REPLAY = `
const lines = readFileSync(FIXTURE, "utf8").split("\\n").filter(Boolean);
const translate = createHookTranslator();
const recorder = new Recorder();
let sessionId;
for (const [i, line] of lines.entries()) {
  const hook = translate("codex", JSON.parse(line).payload, { receivedAt: RECEIVED_AT + i * 1000 });
  if (!hook.ok) throw new Error(hook.error.message);
  for (const event of hook.value.events) { sessionId ??= event.sessionId; recorder.record(event); }
}
const trajectory = recorder.trajectory(sessionId, { agentName: "codex" });
const result = { trajectory, violations: validateTrajectory(trajectory) };`;

let pkg: InstalledPackage;
let consumer: string;
beforeAll(() => {
  pkg = installPackage();
  consumer = join(pkg.dir, "consumer");
  mkdirSync(join(consumer, "node_modules"), { recursive: true });
  symlinkSync(pkg.packageDir, join(consumer, "node_modules", "nemo-relay"));
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
}, 180_000);
afterAll(() => pkg?.remove());

test("Node 20 (and Bun) import the API and build the same valid trajectory as the sources", () => {
  const script = `import { readFileSync } from "node:fs";
import { createHookTranslator, Recorder, validateTrajectory } from "nemo-relay";
const FIXTURE = ${JSON.stringify(FIXTURE)}, RECEIVED_AT = ${RECEIVED_AT};
${REPLAY}
process.stdout.write(JSON.stringify(result));`;
  writeFileSync(join(consumer, "replay.mjs"), script);
  const node = pkg.sh(["node", "replay.mjs"], consumer);
  expect(node.stderr).toBe("");
  expect(node.code).toBe(0);
  expect(pkg.sh(["node", "--version"], consumer).stdout).toMatch(/^v(2\d|[3-9]\d)\./);

  const fromNode = JSON.parse(node.stdout) as { trajectory: api.Trajectory; violations: api.Violation[] };
  const { result } = new Function("readFileSync", "createHookTranslator", "Recorder", "validateTrajectory", "FIXTURE", "RECEIVED_AT", `${REPLAY}\nreturn { result };`)(
    readFileSync, api.createHookTranslator, api.Recorder, api.validateTrajectory, FIXTURE, RECEIVED_AT,
  ) as { result: { trajectory: api.Trajectory } };
  expect(fromNode.violations).toEqual([]);
  expect(fromNode.trajectory.steps.length).toBeGreaterThan(3);
  expect(fromNode.trajectory).toEqual(JSON.parse(JSON.stringify(result.trajectory)));

  const bun = pkg.sh([process.execPath, "replay.mjs"], consumer);
  expect(bun.stderr).toBe("");
  expect(JSON.parse(bun.stdout)).toEqual(fromNode);
}, 60_000);

test("a NodeNext consumer with strict options type-checks against the shipped declarations", () => {
  writeFileSync(join(consumer, "tsconfig.json"), JSON.stringify({
    compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022"], types: [], strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true },
    files: ["consumer.ts"],
  }));
  writeFileSync(join(consumer, "consumer.ts"), `import { Recorder, translateHook, validateTrajectory, TrajectoryBuilder, type Trajectory, type Violation, type DomainEvent } from "nemo-relay";
const recorder = new Recorder();
const hook = translateHook("codex", { hook_event_name: "UserPromptSubmit", session_id: "s1", prompt: "hello" });
const events: readonly DomainEvent[] = hook.ok ? hook.value.events : [];
for (const event of events) recorder.record(event);
const atif: Trajectory | undefined = recorder.trajectory("s1", { agentName: "codex" });
export const violations: Violation[] = atif ? validateTrajectory(atif) : [];
export const builder: typeof TrajectoryBuilder = TrajectoryBuilder;
// A wrong use must still be caught: the types are real, not any.
// @ts-expect-error a session id is a string
recorder.trajectory(42);
`);
  const tsc = pkg.sh(["node", join(ROOT, "node_modules/typescript/bin/tsc"), "-p", consumer], consumer);
  expect(tsc.stdout + tsc.stderr).toBe("");
  expect(tsc.code).toBe(0);
}, 60_000);

test("publint: nothing to say about the installed package", async () => {
  const { messages } = await publint({ pkgDir: pkg.packageDir, level: "suggestion", pack: false });
  expect(messages).toEqual([]);
});
