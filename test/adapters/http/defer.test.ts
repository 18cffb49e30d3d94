import { expect, test } from "bun:test";
import { DeferredQueue } from "../../../src/adapters/http/proxy/defer.ts";

test("tasks run after the current callback, in the order they were queued, whichever speed they asked for", async () => {
  const ran: string[] = [];
  const queue = new DeferredQueue(() => {});
  queue.pushLater(() => ran.push("start"));
  queue.pushLater(() => ran.push("chunk"));
  queue.push(() => ran.push("end"));
  expect(ran).toEqual([]);
  await queue.drained();
  expect(ran).toEqual(["start", "chunk", "end"]);
});

test("a later task waits for a timer tick, so I/O callbacks and immediates go first", async () => {
  const ran: string[] = [];
  const queue = new DeferredQueue(() => {});
  queue.pushLater(() => ran.push("later"));
  setImmediate(() => ran.push("immediate"));
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(ran).toEqual(["immediate", "later"]);
});

test("a failing task is reported and the rest still run", async () => {
  const errors: unknown[] = [];
  const ran: string[] = [];
  const queue = new DeferredQueue((error) => errors.push(error));
  queue.push(() => {
    throw new Error("bug in observation");
  });
  queue.push(() => ran.push("next"));
  await queue.drained();
  expect(ran).toEqual(["next"]);
  expect(errors).toHaveLength(1);
});
