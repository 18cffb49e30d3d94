import { afterEach, describe, expect, test } from "bun:test";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtifDirectorySink, safeFileName } from "../../../src/adapters/fs/atif-directory-sink.ts";
import { writeFileAtomic } from "../../../src/adapters/fs/atomic-write.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";

const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), "nemo-relay-sink-"));
  temps.push(dir);
  return dir;
};
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const trajectory = (message: string) => ({ schema_version: "ATIF-v1.7", session_id: "s", agent: { name: "a", version: "1" }, steps: [{ step_id: 1, source: "user", message }] }) as Trajectory;

describe("ATIF directory sink", () => {
  test("a relative directory is resolved against the session's cwd, else the fallback", async () => {
    const project = temp();
    const fallback = temp();
    const sink = new AtifDirectorySink(".nemo-relay/atif", fallback);
    const inProject = await sink.write(trajectory("a"), { sessionId: "abc-123", cwd: project });
    expect(inProject).toEqual({ ok: true, value: { path: join(project, ".nemo-relay/atif/abc-123.atif.json") } });
    const noCwd = await sink.write(trajectory("b"), { sessionId: "def" });
    expect(noCwd.ok && noCwd.value.path).toBe(join(fallback, ".nemo-relay/atif/def.atif.json"));
    expect(JSON.parse(readFileSync(join(project, ".nemo-relay/atif/abc-123.atif.json"), "utf8")).steps[0].message).toBe("a");
  });

  test("a cwd that is not an existing directory of the user's is never used: the fallback, one warning per session, nothing created", async () => {
    const root = temp();
    const fallback = temp();
    const warnings: string[] = [];
    const sink = new AtifDirectorySink(".nemo-relay/atif", fallback, (m) => warnings.push(m));
    const file = join(root, "a-file");
    writeFileSync(file, "");
    const cases: Array<[string, string, string]> = [
      ["missing", join(root, "made-up", "project"), "does not exist"],
      ["relative", "relative/project", "is not an absolute path"],
      ["file", file, "is not a directory"],
    ];
    for (const [id, cwd] of cases) {
      const first = await sink.write(trajectory("x"), { sessionId: id, cwd });
      expect(first.ok && first.value.path).toBe(join(fallback, `.nemo-relay/atif/${id}.atif.json`));
      await sink.write(trajectory("y"), { sessionId: id, cwd });
    }
    expect(warnings).toEqual(cases.map(([id, cwd, reason]) => `session "${id}": its cwd ${JSON.stringify(cwd)} ${reason}, so its record goes to ${join(fallback, ".nemo-relay/atif")} instead`));
    expect(existsSync(join(root, "made-up"))).toBe(false);
    expect(readdirSync(root)).toEqual(["a-file"]);
  });

  test("a symlinked cwd is resolved first: the record goes into the real directory", async () => {
    const real = temp();
    const links = temp();
    symlinkSync(real, join(links, "link"));
    const sink = new AtifDirectorySink(".nemo-relay/atif", temp());
    const result = await sink.write(trajectory("x"), { sessionId: "s", cwd: join(links, "link") });
    expect(result.ok && result.value.path).toBe(join(real, ".nemo-relay/atif/s.atif.json"));
    expect(readdirSync(links)).toEqual(["link"]);
  });

  test("a directory owned by another user is not written into", async () => {
    const foreign = temp();
    // As root (CI, this machine) a directory is handed to nobody; otherwise / is someone else's.
    const cwd = process.getuid?.() === 0 ? (chownSync(foreign, 65534, 65534), foreign) : "/";
    const warnings: string[] = [];
    const fallback = temp();
    const result = await new AtifDirectorySink(".nemo-relay/atif", fallback, (m) => warnings.push(m)).write(trajectory("x"), { sessionId: "s", cwd });
    expect(result.ok && result.value.path).toBe(join(fallback, ".nemo-relay/atif/s.atif.json"));
    expect(warnings).toEqual([`session "s": its cwd ${JSON.stringify(cwd)} belongs to another user, so its record goes to ${join(fallback, ".nemo-relay/atif")} instead`]);
    expect(existsSync(join(cwd, ".nemo-relay"))).toBe(false);
  });

  test("rewrites replace the file whole and leave no temp files behind", async () => {
    const dir = temp();
    const sink = new AtifDirectorySink(dir);
    for (let i = 0; i < 5; i++) await sink.write(trajectory(`v${i}`), { sessionId: "s" });
    expect(readdirSync(dir)).toEqual(["s.atif.json"]);
    expect(JSON.parse(readFileSync(join(dir, "s.atif.json"), "utf8")).steps[0].message).toBe("v4");
  });

  test("a session id can never escape the directory", () => {
    expect(safeFileName("../../etc/passwd")).toBe("__.._etc_passwd");
    expect(safeFileName(".hidden")).toBe("_hidden");
    expect(safeFileName("")).toBe("_");
    expect(safeFileName("0199a2b4-7c1e-7f00-9d3e-4a5b6c7d8e9f")).toBe("0199a2b4-7c1e-7f00-9d3e-4a5b6c7d8e9f");
  });

  test("an unwritable directory is an error value, not an exception", async () => {
    const dir = temp();
    writeFileSync(join(dir, "blocker"), "a file where a directory should be");
    const result = await new AtifDirectorySink(join(dir, "blocker", "atif")).write(trajectory("x"), { sessionId: "s" });
    expect(!result.ok && result.error.code).toBe("write_failed");
  });

  test("a failed atomic write throws and removes its temp file", async () => {
    const dir = temp();
    const target = join(dir, "taken");
    mkdirSync(target); // renaming a file over a directory fails
    await expect(writeFileAtomic(target, "data")).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(["taken"]);
  });
});
