/** Recorded files for the viewer: newest first, bad files as problem lines, only listed keys resolve. */
import { afterAll, expect, test } from "bun:test";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtifFiles, readAtifFile } from "../../../src/adapters/fs/atif-files.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { summarizeSession } from "../../../src/domain/view/session-summary.ts";
import { RECORDED_DIR } from "../../domain/view/recorded.ts";

const readAtif = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Trajectory;

const dir = mkdtempSync(join(tmpdir(), "nemo-relay-viewer-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a directory's ATIF files newest first, plus named files; non-ATIF files are problems, not failures", async () => {
  copyFileSync(join(RECORDED_DIR, "codex-basic.atif.json"), join(dir, "old.atif.json"));
  copyFileSync(join(RECORDED_DIR, "claude-fail.atif.json"), join(dir, "new.atif.json"));
  utimesSync(join(dir, "old.atif.json"), new Date(1_000_000), new Date(1_000_000));
  writeFileSync(join(dir, "broken.atif.json"), "{ not json");
  writeFileSync(join(dir, "other.atif.json"), JSON.stringify({ hello: "world" }));
  writeFileSync(join(dir, "notes.txt"), "not listed");
  const files = new AtifFiles([dir], [join(RECORDED_DIR, "codex-subagent.atif.json")]);
  const { sessions, problems } = await files.list();
  expect(sessions.map((s) => s.title)).toEqual([join(RECORDED_DIR, "codex-subagent.atif.json"), join(dir, "new.atif.json"), join(dir, "old.atif.json")]);
  expect(sessions.every((s) => s.status === "file")).toBe(true);
  expect(problems).toHaveLength(2);
  expect(problems.find((p) => p.includes("broken.atif.json"))).toContain("is not JSON");
  expect(problems.find((p) => p.includes("other.atif.json"))).toContain("is not a valid ATIF trajectory");
  const newest = readAtif(join(dir, "new.atif.json"));
  expect(sessions[1]!.summary).toEqual(summarizeSession(newest));
  expect((await files.get(sessions[1]!.key))?.trajectory).toEqual(newest);
});

test("a file rewritten after it was listed is listed and opened as it is now", async () => {
  const changing = mkdtempSync(join(tmpdir(), "nemo-relay-viewer-changing-"));
  try {
    const path = join(changing, "s.atif.json");
    copyFileSync(join(RECORDED_DIR, "codex-basic.atif.json"), path);
    const files = new AtifFiles([changing], []);
    const [before] = (await files.list()).sessions;
    expect((await files.get(before!.key))?.trajectory.session_id).toBe(readAtif(path).session_id!);
    const longer = readAtif(join(RECORDED_DIR, "claude-fail.atif.json"));
    writeFileSync(path, JSON.stringify(longer));
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    const [after] = (await files.list()).sessions;
    expect(after!.summary).toEqual(summarizeSession(longer));
    expect((await files.get(after!.key))?.trajectory).toEqual(longer);
    writeFileSync(path, "{ not json any more");
    utimesSync(path, new Date(), new Date(Date.now() + 10_000));
    const relisted = await files.list();
    expect(relisted.sessions).toEqual([]);
    expect(relisted.problems[0]).toContain("is not JSON");
  } finally {
    rmSync(changing, { recursive: true, force: true });
  }
});

test("a key for a path that was never listed resolves to nothing (a page cannot read arbitrary files)", async () => {
  const files = new AtifFiles([dir], []);
  await files.list();
  const forged = `file:${Buffer.from("/etc/passwd").toString("base64url")}`;
  expect(await files.get(forged)).toBeUndefined();
});

test("readAtifFile says why a file is not a session", async () => {
  const missing = await readAtifFile(join(dir, "nope.json"));
  expect(missing).toMatchObject({ ok: false, error: { code: "file_not_found" } });
});
