import { describe, expect, test } from "bun:test";
import { ok } from "../../../src/domain/errors.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { SnapshotWriter, type Snapshot } from "../../../src/app/gateway/snapshot-writer.ts";
import type { TrajectorySink } from "../../../src/ports/trajectory-sink.ts";

/** A session whose state is a counter; each snapshot carries the counter it was built from. */
function harness(options: { writeMs?: number; pace?: number } = {}) {
  let version = 0;
  let clock = 0;
  const written: number[] = [];
  const sink: TrajectorySink = {
    async write(trajectory) {
      // The fake clock makes every write "cost" writeMs, whatever the machine does.
      clock += options.writeMs ?? 0;
      await Bun.sleep(1);
      written.push(Number(trajectory.session_id));
      return ok({ path: "/dev/null" });
    },
  };
  const snapshot = (): Snapshot => ({ trajectory: { session_id: String(version) } as unknown as Trajectory, target: { sessionId: "s" } });
  const writer = new SnapshotWriter(async () => {
    const built = snapshot();
    return sink.write(built.trajectory, built.target);
  }, () => {}, { pace: options.pace, now: () => clock });
  return {
    writer,
    written,
    change: () => void version++,
    advance: (ms: number) => void (clock += ms),
  };
}

describe("SnapshotWriter", () => {
  test("a first request is written at once, with the state it was requested in", async () => {
    const h = harness();
    h.change();
    h.writer.request("s");
    expect(h.writer.pending("s")).toBe(true);
    await h.writer.flush();
    expect(h.written).toEqual([1]);
    expect(h.writer.pending("s")).toBe(false);
  });

  test("requests during a write collapse into one more write of the latest state", async () => {
    const h = harness();
    h.writer.request("s");
    for (let i = 0; i < 5; i++) {
      h.change();
      h.writer.request("s");
    }
    await h.writer.flush();
    expect(h.written).toEqual([0, 5]);
  });

  test("after a costly write the next waits pace × cost, then writes the latest state", async () => {
    const h = harness({ writeMs: 10, pace: 4 });
    h.writer.request("s");
    await h.writer.flush();
    h.change();
    h.writer.request("s");
    h.change();
    h.writer.request("s");
    await Bun.sleep(15); // real time passes, the fake clock does not: still inside the 40 ms pause
    expect(h.written).toEqual([0]);
    expect(h.writer.pending("s")).toBe(true);
    await Bun.sleep(60);
    expect(h.written).toEqual([0, 2]);
    expect(h.writer.pending("s")).toBe(false);
  });

  test("once the pause has passed on the clock a request writes at once", async () => {
    const h = harness({ writeMs: 10, pace: 4 });
    h.writer.request("s");
    await h.writer.flush();
    h.advance(41);
    h.change();
    h.writer.request("s");
    await Bun.sleep(5);
    expect(h.written).toEqual([0, 1]);
  });

  test("flush does not wait out a pause: it writes what is pending now", async () => {
    const h = harness({ writeMs: 1_000, pace: 4 });
    h.writer.request("s");
    await h.writer.flush();
    h.change();
    h.writer.request("s");
    const started = performance.now();
    await h.writer.flush();
    expect(h.written).toEqual([0, 1]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  test("a burst of requests against a slow file costs a bounded number of writes and loses nothing", async () => {
    const h = harness({ writeMs: 5, pace: 4 });
    for (let i = 0; i < 200; i++) {
      h.change();
      h.writer.request("s");
      await Bun.sleep(0);
    }
    await h.writer.flush();
    expect(h.written.at(-1)).toBe(200);
    expect(h.written.length).toBeLessThan(200);
    expect(h.written).toEqual([...h.written].sort((a, b) => a - b));
  });

  test("a failing build is reported once and the writer carries on", async () => {
    const reports: string[] = [];
    let fail = true;
    const written: string[] = [];
    const sink: TrajectorySink = { write: async (t) => (written.push(String(t.session_id)), ok({ path: "x" })) };
    const writer = new SnapshotWriter(async () => {
      if (fail) throw new Error("boom");
      return sink.write({ session_id: "ok" } as unknown as Trajectory, { sessionId: "s" });
    }, (m) => reports.push(m), { pace: 0 });
    writer.request("s");
    await writer.flush();
    writer.request("s");
    await writer.flush();
    fail = false;
    writer.request("s");
    await writer.flush();
    expect(reports).toEqual(["ATIF not written: boom"]);
    expect(written).toEqual(["ok"]);
  });
});
