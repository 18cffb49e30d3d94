/** The live feed of one session, against a fake of the gateway's sessions: what a page gets, and who keeps being sent to. */
import { expect, test } from "bun:test";
import { LiveFeed } from "../../../../src/adapters/http/viewer/live-feed.ts";
import type { Step, Trajectory } from "../../../../src/domain/trajectory/schema.ts";
import { applyTrajectoryDelta } from "../../../../src/domain/view/trajectory-delta.ts";
import type { LiveSessions, ViewedSession } from "../../../../src/ports/viewed-sessions.ts";
import type { SessionMessage } from "../../../../src/adapters/http/viewer/session-row.ts";

const step = (i: number): Step => ({ step_id: i + 1, source: "user", message: `prompt ${i}`, timestamp: new Date(Date.UTC(2026, 11, 7) + i).toISOString() }) as Step;
const trajectory = (n: number): Trajectory => ({ schema_version: "ATIF-v1.7", session_id: "s", agent: { name: "codex", version: "1" }, steps: Array.from({ length: n }, (_, i) => step(i)) }) as Trajectory;

/** One live session of `n` steps; counts how often the feed reads it. */
function fakeSessions(n: number) {
  let current = trajectory(n);
  let listener: ((key: string) => void) | undefined;
  const reads = { count: 0 };
  const session = (): ViewedSession => ({ key: "live:s", title: "s", status: "live", trajectory: current });
  const live: LiveSessions = {
    list: () => [session()],
    get: () => (reads.count++, session()),
    whole: async () => session(),
    subscribe: (l) => ((listener = l), () => (listener = undefined)),
  };
  return { live, reads, grow: (m: number) => ((current = trajectory(m)), listener?.("live:s")) };
}

async function messages(body: ReadableStream<Uint8Array>, count: number): Promise<SessionMessage[]> {
  const reader = body.getReader();
  let text = "";
  const out: SessionMessage[] = [];
  while (out.length < count) {
    const { done, value } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
    let end: number;
    while ((end = text.indexOf("\n\n")) >= 0) {
      const data = /^data: (.*)$/m.exec(text.slice(0, end))?.[1];
      text = text.slice(end + 2);
      if (data) out.push(JSON.parse(data) as SessionMessage);
    }
  }
  await reader.cancel();
  return out;
}

test("a page opening a long session gets it in slices of 200 steps, which applied in order give the session; all but the last say more follows", async () => {
  const { live } = fakeSessions(450);
  const feed = new LiveFeed(live, () => ({}) as never);
  const response = (await feed.session("live:s"))!;
  const got = await messages(response.body!, 3);
  expect(got.map((m) => [m.delta.steps.length, m.more])).toEqual([[200, true], [200, true], [50, undefined]]);
  expect(got.reduce<Trajectory | undefined>((page, m) => applyTrajectoryDelta(page, m.delta), undefined)).toEqual(trajectory(450));
});

test("a page that leaves before its slices are all sent is never added to the watchers: later events cost nothing", async () => {
  const { live, reads, grow } = fakeSessions(450);
  const feed = new LiveFeed(live, () => ({}) as never);
  const response = (await feed.session("live:s"))!;
  const reader = response.body!.getReader();
  await reader.read(); // the first slice
  await reader.cancel();
  await Bun.sleep(20); // the rest of the join would have run by now
  const before = reads.count;
  grow(460);
  await Bun.sleep(60); // past the feed's gathering delay
  expect(reads.count).toBe(before);
});

test("a page whose opening fails (a bug reading the session) gets a failed stream, not a gateway brought down", async () => {
  const { live } = fakeSessions(10);
  let calls = 0;
  const failing: LiveSessions = { ...live, get: (key) => (++calls > 1 ? (() => { throw new Error("broken window"); })() : live.get(key)) };
  const feed = new LiveFeed(failing, () => ({}) as never);
  const reader = (await feed.session("live:s"))!.body!.getReader();
  expect((await reader.read()).done).toBe(false); // the session as it was read
  await expect(reader.read()).rejects.toThrow("broken window");
});

/** Live sessions (any key) whose rows each take `ms` of the loop to read; `gets` counts the reads. */
function slowSessions(ms: number) {
  let listener: ((key: string) => void) | undefined;
  const state = { gets: 0 };
  const session = (key: string): ViewedSession => ({ key, title: key, status: "live", trajectory: trajectory(1) });
  const live: LiveSessions = {
    list: () => [],
    get: (key) => {
      state.gets++;
      const until = performance.now() + ms;
      while (performance.now() < until);
      return session(key);
    },
    whole: async (key) => session(key),
    subscribe: (l) => ((listener = l), () => (listener = undefined)),
  };
  return { live, state, change: (keys: readonly string[]) => keys.forEach((k) => listener?.(k)) };
}

/** The list page's rows: how many arrived, read until `count` or the stream is cancelled. */
async function rowCount(body: ReadableStream<Uint8Array>, count: number): Promise<number> {
  const reader = body.getReader();
  let text = "";
  while ((text.match(/^event: row$/gm) ?? []).length < count) {
    const { done, value } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  await reader.cancel();
  return (text.match(/^event: row$/gm) ?? []).length;
}

test("the list's rows for many changed sessions are made a few at a time, the loop handed back between, and all of them arrive", async () => {
  const keys = Array.from({ length: 50 }, (_, i) => `live:s${i}`);
  const { live, state, change } = slowSessions(1);
  const feed = new LiveFeed(live, (s) => ({ key: s.key }) as never);
  const rows = rowCount(feed.rows().body!, keys.length);
  change(keys);
  // Between two tasks of the loop, the count of rows made so far: one task for all would show only 0 and 50.
  const seen = new Set<number>();
  while (state.gets < keys.length) {
    seen.add(state.gets);
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect([...seen].some((n) => n > 0 && n < keys.length)).toBe(true);
  expect(await rows).toBe(keys.length);
});

test("after a batch of rows that cost t, the next rows wait at least 9t: the list takes at most a tenth of the loop", async () => {
  const keys = Array.from({ length: 50 }, (_, i) => `live:s${i}`);
  const { live, state, change } = slowSessions(1);
  const feed = new LiveFeed(live, (s) => ({ key: s.key }) as never);
  const rows = rowCount(feed.rows().body!, keys.length + 1);
  change(keys);
  while (state.gets < keys.length) await Bun.sleep(5);
  await Bun.sleep(5); // the batch has ended: it cost at least 50 × 1 ms
  const changedAt = performance.now();
  change(["live:s0"]);
  while (state.gets === keys.length) await Bun.sleep(5);
  // A lower bound only: a loaded machine makes it later, never sooner.
  expect(performance.now() - changedAt).toBeGreaterThanOrEqual(9 * 50 - 10);
  expect(await rows).toBe(keys.length + 1);
});
