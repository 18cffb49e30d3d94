/**
 * The append-only ATIF file (appended-atif-file.ts) against the whole-document builder: after
 * every event of a realistic session, with steps sealed as eagerly as a tiny policy allows
 * (between writes too, as the gateway does, which also renders subagents' steps ahead), the file
 * on disk parses, is valid ATIF, and equals a trajectory built from scratch from the same prefix
 * of events.
 */
import { afterAll, describe, expect, test } from "bun:test";
import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeAppended } from "../../../src/adapters/fs/appended-atif-file.ts";
import type { DomainEvent } from "../../../src/domain/events.ts";
import { DEFAULT_PRICES } from "../../../src/domain/pricing/default-prices.ts";
import { priceLookup } from "../../../src/domain/pricing/model-price.ts";
import { Recorder } from "../../../src/domain/recorder.ts";
import { SECRET_PATTERNS } from "../../../src/domain/redaction.ts";
import type { BuildOptions } from "../../../src/domain/trajectory/builder.ts";
import type { SealPolicy } from "../../../src/domain/trajectory/sealed-steps.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import type { AppendedFile } from "../../../src/ports/trajectory-sink.ts";
import { sessionEvents } from "../../support/session-arbitraries.ts";

// tmpfs where there is one: the test writes a file per event and syncs each.
const dir = mkdtempSync(join(process.platform === "linux" ? "/dev/shm" : require("node:os").tmpdir(), "nemo-relay-appended-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options: BuildOptions = { agentName: "codex", agentVersion: "0.169.0", producer: "test", priceOf: priceLookup(DEFAULT_PRICES), redaction: SECRET_PATTERNS };
/** Seals all but the newest three steps, or four if they are small: most steps are sealed soon after they are made. */
const eager: SealPolicy = { minOpen: 3, maxOpen: 4, maxOpenBytes: 400 };

/** A whole build of the events, as JSON holds it (a file cannot tell -0 from 0). */
function fresh(events: readonly DomainEvent[]) {
  const recorder = new Recorder();
  for (const event of events) recorder.record(event);
  return JSON.parse(JSON.stringify(recorder.trajectory("s", options)));
}

describe("an appended ATIF file", () => {
  test("after every event it is valid ATIF and equals a whole build of the events so far", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(sessionEvents("s", Date.UTC(2026, 11, 7)), fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), async (events, sealBetween) => {
        const path = join(dir, `run-${run++}.atif.json`);
        const recorder = new Recorder();
        let file: AppendedFile | undefined;
        let unwritten: string[] = [];
        for (let i = 0; i < events.length; i++) {
          recorder.record(events[i]!);
          // Sometimes subagents' newest steps are rendered (and encoded) between writes, as the gateway does.
          if (sealBetween[(i + 3) % 64]) recorder.renderSubagents("s", () => options);
          // Sometimes steps are sealed between writes (a burst): they wait for the next write.
          if (sealBetween[i % 64]) unwritten.push(...recorder.seal("s", options, eager));
          if (sealBetween[(i + 7) % 64]) continue; // and sometimes several events share one write
          const update = recorder.increment("s", options, eager)!;
          file = await writeAppended(path, { ...update, sealed: [...unwritten, ...update.sealed] }, file);
          unwritten = [];
          const onDisk = JSON.parse(readFileSync(path, "utf8"));
          expect(validateTrajectory(onDisk).filter((v) => v.severity === "error")).toEqual([]);
          expect(onDisk).toEqual(fresh(events.slice(0, i + 1)));
        }
        rmSync(path, { force: true });
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
