/**
 * A resumed session keeps its earlier part on disk: the gateway that records the resume (a new
 * process, or the same one after it forgot the session) writes the continuation into the same
 * file, and a recording that did not say it resumed replaces the file as before.
 */
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtifDirectorySink } from "../../../src/adapters/fs/atif-directory-sink.ts";
import { GatewayService } from "../../../src/app/gateway/gateway-service.ts";
import { ok } from "../../../src/domain/errors.ts";
import type { DomainEvent } from "../../../src/domain/events.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import type { AgentHookAdapter } from "../../../src/ports/agent-hooks.ts";
import { script, T0, usage } from "../../support/event-script.ts";

/** A hook adapter that takes domain events as its "native" payload. */
const passThrough: AgentHookAdapter = { agent: "codex", translate: (payload) => ok({ events: payload as DomainEvent[], response: {} }) };

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function gateway(dir: string, now = () => T0) {
  return new GatewayService({ adapters: [passThrough], sink: new AtifDirectorySink(dir), producer: "test", now, report: (m) => console.error(m) });
}
const send = (g: GatewayService, events: DomainEvent[]) => g.receive("codex", events, { headers: {}, receivedAt: T0 });
const fileOf = (dir: string): Trajectory => JSON.parse(readFileSync(join(dir, "s.atif.json"), "utf8"));
const messages = (t: Trajectory) => t.steps.map((s) => s.message);
const valid = (t: Trajectory) => expect(validateTrajectory(t).filter((v) => v.severity === "error")).toEqual([]);

function firstPart(g: GatewayService) {
  const s = script("s");
  send(g, [s.sessionStart("startup"), s.prompt("fix the parser"), s.llmStart("l1"), s.llmEnd("l1", { message: "Fixed.", usage: usage(100, 20) }), s.stop("Fixed."), s.sessionEnd("logout")]);
}
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "nemo-relay-resume-"));
  dirs.push(dir);
  return dir;
}

/** A directory holding yesterday's part of session "s", recorded by a gateway that has since stopped. */
async function yesterdaysFile(): Promise<string> {
  const dir = tempDir();
  const yesterday = gateway(dir);
  firstPart(yesterday);
  await yesterday.shutdown();
  return dir;
}

const resumed = (prompts: string[]) => {
  const s = script("s", T0 + 86_400_000);
  return [s.sessionStart("resume"), ...prompts.flatMap((p, i) => [s.prompt(p), s.llmStart(`r${i}`), s.llmEnd(`r${i}`, { message: `ok: ${p}`, usage: usage(10, 1) }), s.stop(`ok: ${p}`)])];
};

test("a gateway that starts from the resume writes the session's file as a continuation of what it held", async () => {
  const dir = await yesterdaysFile();
  const before = fileOf(dir);

  const today = gateway(dir);
  const events = resumed(["and the tests", "and the docs"]);
  send(today, events.slice(0, 5)); // the first resumed turn: written
  await today.flush();
  send(today, events.slice(5)); // the second: written again, from the same earlier part
  await today.shutdown();
  const after = fileOf(dir);
  valid(after);
  expect(messages(after)).toEqual([...messages(before), "SessionStart", "and the tests", "ok: and the tests", "and the docs", "ok: and the docs"]);
  expect(after.steps.map((s) => s.step_id)).toEqual(after.steps.map((_, i) => i + 1));
  expect(after.final_metrics).toMatchObject({ total_prompt_tokens: 120, total_completion_tokens: 22, total_steps: after.steps.length });
});

test("the same gateway, after it forgot the ended session, continues the file too", async () => {
  const dir = tempDir();
  let now = T0;
  const g = gateway(dir, () => now);
  firstPart(g);
  await g.flush();
  now = T0 + 3_600_000;
  g.evictSessions(1_000, 100); // ended and quiet: forgotten
  expect(g.recorder.sessionIds()).toEqual([]);
  const before = fileOf(dir);
  send(g, resumed(["again"]));
  await g.shutdown();
  expect(messages(fileOf(dir))).toEqual([...messages(before), "SessionStart", "again", "ok: again"]);
  valid(fileOf(dir));
});

test("a recording that does not begin with a resume replaces the file, as before", async () => {
  const dir = await yesterdaysFile();
  const second = gateway(dir);
  const s = script("s", T0 + 86_400_000);
  send(second, [s.sessionStart("startup"), s.prompt("new work"), s.stop()]);
  await second.shutdown();
  expect(messages(fileOf(dir))).toEqual(["new work"]);
});

test("two gateways recording the same resume (installed hooks beside a transparent run) write it once, not twice", async () => {
  const dir = await yesterdaysFile();
  const before = fileOf(dir);

  const events = resumed(["and the tests"]);
  const first = gateway(dir);
  send(first, events);
  await first.flush(); // the first gateway's continuation is on disk…
  const second = gateway(dir);
  send(second, events);
  await second.flush(); // …and is what the second one reads
  expect(messages(fileOf(dir))).toEqual([...messages(before), "SessionStart", "and the tests", "ok: and the tests"]);
  valid(fileOf(dir));
  await Promise.all([first.shutdown(), second.shutdown()]);
});
