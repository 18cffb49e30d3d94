/**
 * `nemo-relay view` as a user runs it: the HTML export, the served list, and clear errors with
 * the right exit codes (usage 2, runtime 1). The browser never opens (`--no-open`).
 */
import { afterAll, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RECORDED_DIR } from "../../domain/view/recorded.ts";

const BIN = join(import.meta.dir, "../../../bin/nemo-relay.ts");
const dir = mkdtempSync(join(tmpdir(), "nemo-relay-view-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const proc = Bun.spawn([process.execPath, BIN, ...args], { cwd: dir, stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: "1" }, timeout: 20_000 });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, code };
}

test("view --html writes one self-contained page: the session inside, no reference to anything outside", async () => {
  const out = join(dir, "s.html");
  const r = await cli(["view", "--html", out, join(RECORDED_DIR, "claude-basic.atif.json")]);
  expect(r.code).toBe(0);
  const html = readFileSync(out, "utf8");
  expect(html).toContain("Content-Security-Policy");
  expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
  expect(html).not.toContain("<link rel=\"stylesheet\"");
  expect(html).toContain(JSON.parse(readFileSync(join(RECORDED_DIR, "claude-basic.atif.json"), "utf8")).session_id);
});

test("without a file, view --html exports the newest session of the project's configured output directory", async () => {
  const atif = join(dir, ".nemo-relay", "atif");
  mkdirSync(atif, { recursive: true });
  copyFileSync(join(RECORDED_DIR, "codex-basic.atif.json"), join(atif, "older.atif.json"));
  utimesSync(join(atif, "older.atif.json"), new Date(1_000_000), new Date(1_000_000));
  copyFileSync(join(RECORDED_DIR, "claude-fail.atif.json"), join(atif, "newer.atif.json"));
  try {
    const out = join(dir, "newest.html");
    const r = await cli(["view", "--html", out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain(JSON.parse(readFileSync(join(RECORDED_DIR, "claude-fail.atif.json"), "utf8")).session_id);
  } finally {
    rmSync(join(dir, ".nemo-relay"), { recursive: true, force: true });
  }
});

test("view --html of a JSON file that is not ATIF fails with the reason, exit 1", async () => {
  const bad = join(dir, "bad.json");
  writeFileSync(bad, JSON.stringify({ steps: [] }));
  const r = await cli(["view", "--html", join(dir, "x.html"), bad]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("is not a valid ATIF trajectory");
  expect(r.stderr).toContain("[invalid_trajectory]");
});

test("view of a named file that is not ATIF says why and exits 1 instead of serving an empty list", async () => {
  const bad = join(dir, "not-a-session.json");
  writeFileSync(bad, JSON.stringify({ hello: "world" }));
  const r = await cli(["view", "--no-open", bad]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("is not a valid ATIF trajectory");
  expect(r.stdout).not.toContain("viewer on");
});

test("usage mistakes exit 2 with a suggestion: an unknown flag, a path that is not there, a bad port", async () => {
  const flag = await cli(["view", "--no-opn"]);
  expect(flag.code).toBe(2);
  expect(flag.stderr).toContain("did you mean --no-open?");
  const missing = await cli(["view", "--no-open", join(dir, "nowhere")]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("no such file or directory");
  const port = await cli(["view", "--no-open", "--port", "http"]);
  expect(port.code).toBe(2);
});

test("view serves the files on 127.0.0.1 and prints the address; the list holds each session", async () => {
  const proc = Bun.spawn([process.execPath, BIN, "view", "--no-open", "--gateway-url", "http://127.0.0.1:9", RECORDED_DIR], { cwd: dir, stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: "1" } });
  try {
    const reader = proc.stdout.getReader();
    let printed = "";
    for (let i = 0; i < 50 && !/\/ui\//.test(printed); i++) printed += new TextDecoder().decode((await reader.read()).value ?? new Uint8Array());
    const url = printed.match(/http:\/\/127\.0\.0\.1:\d+\/ui\//)?.[0];
    expect(url).toBeDefined();
    const list = (await (await fetch(`${url}api/sessions`)).json()) as { rows: Array<{ key: string; title: string; summary: { agent: string } }> };
    expect(list.rows.map((r) => r.title.split("/").at(-1)).sort()).toEqual(["claude-basic", "claude-error", "claude-fail", "claude-subagent", "codex-basic", "codex-error", "codex-fail", "codex-subagent"].map((n) => `${n}.atif.json`));
    // A session comes back exactly as its file holds it.
    const row = list.rows.find((r) => r.title.endsWith("claude-subagent.atif.json"))!;
    const one = (await (await fetch(`${url}api/sessions/${encodeURIComponent(row.key)}`)).json()) as { row: { key: string }; trajectory: unknown };
    expect(one.row.key).toBe(row.key);
    expect(one.trajectory).toEqual(JSON.parse(readFileSync(row.title, "utf8")));
    expect((await fetch(`${url}api/sessions/${encodeURIComponent("file:L2V0Yy9wYXNzd2Q")}`)).status).toBe(404);
  } finally {
    proc.kill("SIGTERM");
    await proc.exited;
  }
});
