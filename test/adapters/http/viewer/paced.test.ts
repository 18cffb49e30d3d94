/** The live page's pacing of whole-session work (its overview), on a fake clock. */
import { expect, test } from "bun:test";
import { paced, type Clock } from "../../../../src/adapters/http/viewer/page/paced.ts";

/** A clock that moves only when told; `later` runs are kept until it passes their time. */
function fakeClock() {
  let now = 0;
  const timers: Array<{ at: number; run: () => void }> = [];
  const clock: Clock = { now: () => now, later: (run, ms) => void timers.push({ at: now + ms, run }) };
  /** Moves the clock on by `ms`, running each timer at its own time on the way. */
  const advance = (ms: number) => {
    const end = now + ms;
    for (let next = timers.find((t) => t.at <= end); next; next = timers.find((t) => t.at <= end)) {
      timers.splice(timers.indexOf(next), 1);
      now = Math.max(now, next.at);
      next.run();
    }
    now = Math.max(now, end);
  };
  return { clock, advance, pending: () => timers.length, tick: (ms: number) => void (now += ms) };
}

test("work that costs nothing runs at every request", () => {
  const { clock } = fakeClock();
  let runs = 0;
  const refresh = paced(() => void runs++, 8, clock);
  for (let i = 0; i < 5; i++) refresh();
  expect(runs).toBe(5);
});

test("after a run that took 10 ms, requests within the next 80 ms give one run, when it is due", () => {
  const c = fakeClock();
  const runs: number[] = [];
  const refresh = paced(() => (runs.push(c.clock.now()), c.tick(10)), 8, c.clock);
  refresh(); // runs at 0, ends at 10: due at 90
  expect(runs).toEqual([0]);
  c.advance(20); // 30
  refresh();
  c.advance(20); // 50
  refresh();
  expect(runs).toEqual([0]);
  expect(c.pending()).toBe(1); // one run waits, however many requests came
  c.advance(50); // 100: the run came at 90
  expect(runs).toEqual([0, 90]);
  expect(c.pending()).toBe(0);
});

test("the last request is never lost: a request that comes too soon and is the last still gets its run", () => {
  const c = fakeClock();
  let runs = 0;
  const refresh = paced(() => (runs++, c.tick(5)), 8, c.clock);
  refresh();
  c.advance(1);
  refresh(); // too soon, and nothing comes after it
  expect(runs).toBe(1);
  c.advance(100);
  expect(runs).toBe(2);
});

test("a cheaper run shortens the wait after it", () => {
  const c = fakeClock();
  const costs = [10, 1];
  const runs: number[] = [];
  const refresh = paced(() => (runs.push(c.clock.now()), c.tick(costs.shift() ?? 1)), 8, c.clock);
  refresh(); // 0..10, due 90
  c.advance(95); // now 105
  refresh(); // 105..106, due 114
  c.advance(10); // now 116
  refresh();
  expect(runs).toEqual([0, 105, 116]);
});
