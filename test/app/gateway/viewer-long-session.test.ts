/**
 * The live viewer on a session long enough that the gateway has sealed its oldest steps into the
 * appended file (and dropped them from memory): the viewer still shows every step, the sealed
 * ones read back from the file, the open ones from the gateway, without a gap or a repeat.
 */
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarizeSession } from "../../../src/domain/view/session-summary.ts";
import { applyTrajectoryDelta, type TrajectoryDelta } from "../../../src/domain/view/trajectory-delta.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { postJson, startTestGateway, type TestGateway } from "../../reliability/support/test-gateway.ts";

let t: TestGateway | undefined;
let cwd: string | undefined;
afterEach(async () => {
  await t?.stop();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
  t = cwd = undefined;
});

const TURNS = 150;
const KEY = encodeURIComponent("live:long-1");

function start(): TestGateway {
  t = startTestGateway();
  cwd = mkdtempSync(join(tmpdir(), "nemo-relay-viewer-long-"));
  return t;
}

/** The session as the viewer serves it whole. */
async function wholeSession(): Promise<Trajectory> {
  return ((await (await fetch(`${t!.gateway.url}/ui/api/sessions/${KEY}`)).json()) as { trajectory: Trajectory }).trajectory;
}

async function turns(from: number, to: number): Promise<void> {
  const hook = (payload: Record<string, unknown>) => postJson(`${t!.gateway.url}/hooks/claude-code`, { session_id: "long-1", cwd, ...payload });
  for (let i = from; i < to; i++) {
    expect((await hook({ hook_event_name: "UserPromptSubmit", prompt: `prompt-${i}` })).status).toBe(200);
    const call = { tool_name: "Bash", tool_use_id: `t${i}`, tool_input: { command: `echo ${i}` } };
    expect((await hook({ hook_event_name: "PreToolUse", ...call })).status).toBe(200);
    expect((await hook({ hook_event_name: "PostToolUse", ...call, tool_response: { stdout: `out-${i}` } })).status).toBe(200);
    expect((await hook({ hook_event_name: "Stop", last_assistant_message: `answer-${i}` })).status).toBe(200);
  }
}

/** Server-sent `delta` events of a stream, read until none came for a while (a read still waiting is kept for the next call). */
interface ChunkReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
}

class DeltaReader {
  private pending: Promise<{ done: boolean; value?: Uint8Array }> | undefined;
  private buffered = "";

  constructor(private readonly reader: ChunkReader) {}

  async until(quietMs: number): Promise<TrajectoryDelta[]> {
    const out: TrajectoryDelta[] = [];
    for (;;) {
      this.pending ??= this.reader.read();
      const next = await Promise.race([this.pending, Bun.sleep(quietMs).then(() => undefined)]);
      if (!next) return out;
      this.pending = undefined;
      if (next.done) return out;
      this.buffered += new TextDecoder().decode(next.value);
      let end: number;
      while ((end = this.buffered.indexOf("\n\n")) >= 0) {
        const message = this.buffered.slice(0, end);
        this.buffered = this.buffered.slice(end + 2);
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (message.startsWith("event: delta") && data) out.push((JSON.parse(data) as { delta: TrajectoryDelta }).delta);
      }
    }
  }
}

/** A page following the session's event stream: its copy, with every delta applied. */
async function followPage(): Promise<{ catchUp(quietMs: number): Promise<Trajectory>; close(): Promise<void> }> {
  const stream = await fetch(`${t!.gateway.url}/ui/api/sessions/${KEY}/events`);
  const reader = stream.body!.getReader();
  const events = new DeltaReader(reader);
  let page: Trajectory | undefined;
  return {
    async catchUp(quietMs) {
      for (const delta of await events.until(quietMs)) page = applyTrajectoryDelta(page, delta);
      return page!;
    },
    close: () => reader.cancel(),
  };
}

test("a page watching a long live session keeps every step as the gateway seals more of them", async () => {
  const gateway = start();
  await turns(0, 120);
  await gateway.gateway.settled();
  const page = await followPage();
  await page.catchUp(300);
  await turns(120, 240);
  await gateway.gateway.settled();
  const seen = await page.catchUp(500);
  await page.close();
  const whole = await wholeSession();
  expect(whole.steps.length).toBeGreaterThan(400);
  expect(seen.steps.length).toBe(whole.steps.length);
  expect(seen.steps).toEqual(whole.steps);
}, 60_000);

test("a page opened in the middle of a burst, while its whole copy is read from the file, misses nothing", async () => {
  const gateway = start();
  await turns(0, 120);
  await gateway.gateway.settled();
  const burst = turns(120, 240); // not awaited: the page opens while it runs
  const page = await followPage();
  await page.catchUp(50);
  await burst;
  await gateway.gateway.settled();
  const seen = await page.catchUp(500);
  await page.close();
  const whole = await wholeSession();
  expect(whole.steps.length).toBeGreaterThan(700);
  expect(seen.steps).toEqual(whole.steps);
}, 60_000);

test("a page that leaves while the session is still being sent (in slices) is dropped; the next page gets everything", async () => {
  const gateway = start();
  await turns(0, 150); // ~450 steps: a page opening it gets them in three slices
  await gateway.gateway.settled();
  const stream = await fetch(`${gateway.gateway.url}/ui/api/sessions/${KEY}/events`);
  const reader = stream.body!.getReader();
  expect((await reader.read()).done).toBe(false); // the first slice
  await reader.cancel(); // gone before the rest
  await turns(150, 170); // the gateway goes on: nothing is sent to the page that left
  await gateway.gateway.settled();
  const page = await followPage();
  const seen = await page.catchUp(500);
  await page.close();
  expect(seen.steps).toEqual((await wholeSession()).steps);
  expect(seen.steps.length).toBeGreaterThan(500);
}, 60_000);

test("a live session with sealed steps: the viewer shows all of them, once and in order", async () => {
  const gateway = start();
  await turns(0, TURNS);
  await gateway.gateway.settled();
  const res = await fetch(`${gateway.gateway.url}/ui/api/sessions/${KEY}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { trajectory: { steps: Array<{ step_id: number; observation?: { results: Array<{ content?: unknown }> } }> } };
  const steps = body.trajectory.steps;
  expect(steps.map((s) => s.step_id)).toEqual(steps.map((_, i) => i + 1));
  expect(steps.length).toBeGreaterThan(200);
  const outputs = steps.flatMap((s) => s.observation?.results ?? []).map((r) => JSON.stringify(r.content));
  expect(outputs.filter((o) => /out-\d+/.test(o))).toHaveLength(TURNS);
  const prompts = steps.map((s) => (s as { message?: unknown }).message).filter((m) => typeof m === "string" && m.startsWith("prompt-"));
  expect(prompts).toEqual(Array.from({ length: TURNS }, (_, i) => `prompt-${i}`));
  // Its list row counts the sealed steps too: the same row as the whole session's.
  const { rows } = (await (await fetch(`${gateway.gateway.url}/ui/api/sessions`)).json()) as { rows: Array<{ key: string; summary: unknown }> };
  const row = rows.find((r) => r.key === "live:long-1")!;
  expect(row.summary).toEqual(summarizeSession(body.trajectory as unknown as Trajectory));
  expect((row.summary as { turns: number }).turns).toBe(TURNS);
}, 60_000);
