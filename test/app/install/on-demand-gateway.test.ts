import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startFakeUpstream } from "../../support/fake-upstream.ts";
import { answers, BIN, freePort, listenerPid, makeBox, until, type Box } from "./sandbox.ts";

const boxes: Array<{ box: Box; port: number }> = [];
async function setup(): Promise<{ box: Box; port: number; url: string }> {
  const port = await freePort();
  const box = makeBox({ NEMO_RELAY_IDLE_EXIT_SECS: "1" });
  boxes.push({ box, port });
  return { box, port, url: `http://127.0.0.1:${port}` };
}
afterEach(() => {
  for (const { box, port } of boxes.splice(0)) {
    // A gateway a failed test left behind: stopped by its pid, found by the port it holds.
    const pid = listenerPid(port);
    if (pid) process.kill(pid, "SIGTERM");
    box.remove();
  }
});

async function hook(box: Box, url: string, payload: object, env: Record<string, string> = {}) {
  const proc = Bun.spawn([process.execPath, BIN, "hook-forward", "codex", "--gateway-url", url, "--start-gateway"], {
    cwd: box.work,
    env: { ...box.env, ...env },
    stdin: new TextEncoder().encode(JSON.stringify(payload)),
    stdout: "pipe",
    stderr: "pipe",
  });
  const timer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  return { stdout, stderr, code };
}

const event = (name: string, session: string, cwd: string) => ({ hook_event_name: name, session_id: session, cwd, turn_id: "t1" });
const logOf = (box: Box, port: number) => readFileSync(join(box.state, "nemo-relay", `gateway-${port}.log`), "utf8");

describe("the gateway started on demand by hooks", () => {
  test("two hooks at once start one gateway; both are delivered; it exits once every session ended and it was idle", async () => {
    const { box, port, url } = await setup();
    const [a, b] = await Promise.all([hook(box, url, event("SessionStart", "s-a", box.work)), hook(box, url, event("SessionStart", "s-b", box.work))]);
    expect(a).toEqual({ stdout: "{}\n", stderr: "", code: 0 });
    expect(b).toEqual({ stdout: "{}\n", stderr: "", code: 0 });
    expect(await answers(url)).toBe(true);
    const log = logOf(box, port);
    expect(log.match(/nemo-relay gateway on/g)).toHaveLength(1);
    expect(log).not.toContain("already in use");
    expect(existsSync(join(box.state, "nemo-relay", "run", `gateway-${port}.lock`))).toBe(false);

    for (const s of ["s-a", "s-b"]) expect((await hook(box, url, event("SessionEnd", s, box.work))).stdout).toBe("{}\n");
    await until("the idle gateway to exit", async () => !(await answers(url)), 15_000);
    expect(logOf(box, port)).toContain("idle for 1 s with every session finalized");
    // Its sessions were written before it went.
    expect(existsSync(join(box.work, ".nemo-relay", "atif", "s-a.atif.json"))).toBe(true);
  });

  test("a user-wide NEMO_RELAY_AUTH_TOKEN does not lock the agents' own LLM calls out of it", async () => {
    const { box, url } = await setup();
    const delivered = await hook(box, url, event("SessionStart", "s-token", box.work), { NEMO_RELAY_AUTH_TOKEN: "a-user-wide-token-of-32-characters!" });
    expect(delivered).toEqual({ stdout: "{}\n", stderr: "", code: 0 });
    // What Codex or Claude Code sends through the provider alias: no token header.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await hook(box, url, event("SessionEnd", "s-token", box.work))).code).toBe(0);
  });

  test("an open session keeps it running, however quiet", async () => {
    const { box, url } = await setup();
    expect((await hook(box, url, event("SessionStart", "s-open", box.work))).code).toBe(0);
    await Bun.sleep(2_500); // idle for 2.5 × idle_exit_secs: must still be up
    expect(await answers(url)).toBe(true);
    await hook(box, url, event("SessionEnd", "s-open", box.work));
    await until("the gateway to exit after the session ended", async () => !(await answers(url)), 15_000);
  });

  test("inside a transparent run the installed hook defers: silent when the run injects its own hooks, else to the run's gateway", async () => {
    const { box, url } = await setup();
    const silent = await hook(box, url, event("Stop", "s-run", box.work), { NEMO_RELAY_INSTALLED_HOOKS: "off", NEMO_RELAY_GATEWAY_URL: "http://127.0.0.1:9" });
    expect(silent).toEqual({ stdout: "", stderr: "", code: 0 });
    const run = startFakeUpstream();
    run.handle(async () => Response.json({ from: "run" }));
    try {
      const deferred = await hook(box, url, event("Stop", "s-run", box.work), { NEMO_RELAY_GATEWAY_URL: run.url });
      expect(deferred).toEqual({ stdout: '{"from":"run"}\n', stderr: "", code: 0 });
      expect(run.received).toHaveLength(1);
    } finally {
      run.stop();
    }
    expect(await answers(url)).toBe(false);
  });

  test("a fresh start lock held by another hook is waited on (bounded); a stale one is taken over", async () => {
    const { box, url, port } = await setup();
    const lockDir = join(box.state, "nemo-relay", "run");
    mkdirSync(lockDir, { recursive: true });
    const lock = join(lockDir, `gateway-${port}.lock`);
    writeFileSync(lock, "12345\n");
    const waited = await hook(box, url, event("Stop", "s-lock", box.work));
    expect(waited.code).toBe(0);
    expect(waited.stdout).toBe("");
    expect(waited.stderr).toContain("did not answer within 1500 ms");
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const took = await hook(box, url, event("SessionStart", "s-lock", box.work));
    expect(took).toEqual({ stdout: "{}\n", stderr: "", code: 0 });
    await hook(box, url, event("SessionEnd", "s-lock", box.work));
    await until("the gateway to exit", async () => !(await answers(url)), 15_000);
  });

  test("it never starts anything for a URL off loopback; delivery still fails open", async () => {
    const { box } = await setup();
    const r = await hook(box, "http://192.0.2.1:1", event("Stop", "s", box.work));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
  });
});
