import { expect, test } from "bun:test";
import { DeferredQueue } from "../../../src/adapters/http/proxy/defer.ts";
import { ObservedCall } from "../../../src/adapters/http/proxy/observed-call.ts";
import type { LlmCallStart, LlmObserver } from "../../../src/ports/gateway-intake.ts";

const start: LlmCallStart = { api: "openai-responses", path: "/v1/responses", headers: {}, request: { stream: false, keys: {} }, at: 1 };

function harness(describe: () => LlmCallStart = () => start) {
  const seen: string[] = [];
  const errors: unknown[] = [];
  const observer: LlmObserver = {
    started: () => (seen.push("started"), "call-1"),
    ended: (id, response, at) => void seen.push(`ended ${id} ${response.status} at ${at}`),
  };
  const queue = new DeferredQueue((error) => errors.push(error));
  let clock = 10;
  const call = new ObservedCall(() => (seen.push("described"), describe()), observer, queue, () => clock++);
  return { call, queue, seen, errors };
}

test("nothing is read from the request until the call begins, and it begins once", async () => {
  const h = harness();
  await h.queue.drained();
  expect(h.seen).toEqual([]);
  h.call.begin();
  h.call.begin();
  await h.queue.drained();
  expect(h.seen).toEqual(["described", "started"]);
});

test("an end without a begin records the start first, with the end's own time", async () => {
  const h = harness();
  h.call.end({ status: "failed", error: "refused" });
  await h.queue.drained();
  expect(h.seen).toEqual(["described", "started", "ended call-1 failed at 10"]);
});

test("when reading the start fails, the failure is reported and no orphan end is recorded", async () => {
  const h = harness(() => {
    throw new Error("unreadable request");
  });
  h.call.end({ status: "completed" });
  await h.queue.drained();
  expect(h.seen).toEqual(["described"]);
  expect(h.errors).toHaveLength(1);
});
