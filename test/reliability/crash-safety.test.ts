/**
 * Crash safety, with `nemo-relay serve` as its own process: kill -9 in the middle of a session
 * (and of other sessions' writes) leaves every file on disk complete and valid, with the last
 * closed turn in it; SIGINT, SIGTERM and SIGHUP (a closed terminal) write every open session; an output directory that
 * cannot be written is reported once, clearly, and the agents never wait for it.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Trajectory } from "../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../src/domain/trajectory/validate.ts";
import { startFakeUpstream } from "../support/fake-upstream.ts";
import { atifInto, startGatewayProcess, type GatewayProcess } from "./support/gateway-process.ts";
import { sseHeaders, streamParts, streamRequest } from "./support/provider-streams.ts";
import { allSteps } from "./support/session-steps.ts";
import { postJson, tempDir } from "./support/test-gateway.ts";
import { until } from "./support/until.ts";

const dirs: string[] = [];
const scratch = (name: string) => {
  const dir = tempDir(name);
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const claude = (g: GatewayProcess, sessionId: string, event: string, extra: Record<string, unknown> = {}) => postJson(`${g.url}/hooks/claude-code`, { session_id: sessionId, hook_event_name: event, ...extra });

/** One complete Claude turn: prompt, a tool with its (possibly large) output, Stop. */
async function turn(g: GatewayProcess, sessionId: string, k: number, outputBytes = 100): Promise<void> {
  await claude(g, sessionId, "UserPromptSubmit", { prompt: `turn ${k} of ${sessionId}` });
  await claude(g, sessionId, "PreToolUse", { tool_name: "Bash", tool_use_id: `toolu_${k}`, tool_input: { command: `echo ${k}` } });
  await claude(g, sessionId, "PostToolUse", { tool_name: "Bash", tool_use_id: `toolu_${k}`, tool_input: { command: `echo ${k}` }, tool_response: { stdout: `${k} `.repeat(outputBytes / 2) } });
  await claude(g, sessionId, "Stop", { last_assistant_message: `done with turn ${k}` });
}

const readTrajectory = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Trajectory;
const prompts = (t: Trajectory) => t.steps.filter((s) => s.source === "user").map((s) => s.message);
const validErrors = (t: Trajectory) => validateTrajectory(t).filter((v) => v.severity === "error");

describe("kill -9 mid-session", () => {
  test("every file on disk is complete and valid, and the session's file holds its last closed turn", async () => {
    const dir = scratch("kill9");
    const atif = join(dir, "atif");
    const g = await startGatewayProcess({ dir, pluginsToml: atifInto(atif) });
    const file = join(atif, "crash.atif.json");
    for (let k = 1; k <= 3; k++) {
      await turn(g, "crash", k);
      // The turn's snapshot is on disk once it shows the turn (no event tells the client).
      await until(`turn ${k} on disk`, () => {
        try {
          return prompts(readTrajectory(file)).length === k;
        } catch {
          return false;
        }
      });
    }
    // Turn 4 is in flight while 20 other sessions write large snapshots as fast as they can.
    await claude(g, "crash", "UserPromptSubmit", { prompt: "turn 4 of crash" });
    await claude(g, "crash", "PreToolUse", { tool_name: "Bash", tool_use_id: "toolu_4", tool_input: { command: "sleep 100" } });
    let stops = 0;
    let killed = false;
    const writers = Array.from({ length: 20 }, async (_, w) => {
      for (let k = 1; !killed && k <= 200; k++) {
        await turn(g, `busy-${w}`, k, 200_000).catch(() => undefined);
        // Killed while writes are in flight: after the 60th closed turn across all sessions, once
        // some other session's file has landed (on a loaded machine writes can lag the turns).
        if (++stops >= 60 && !killed && readdirSync(atif).some((f) => f.startsWith("busy-") && f.endsWith(".atif.json"))) {
          killed = true;
          g.proc.kill("SIGKILL");
        }
      }
    });
    await Promise.all(writers);
    expect(await g.exited()).not.toBe(0);

    const crash = readTrajectory(file);
    expect(validErrors(crash)).toEqual([]);
    expect(prompts(crash)).toEqual(["turn 1 of crash", "turn 2 of crash", "turn 3 of crash"]);
    expect(allSteps(crash).flatMap((s) => s.observation?.results ?? []).map((r) => r.source_call_id)).toEqual(["toolu_1", "toolu_2", "toolu_3"]);
    const files = readdirSync(atif);
    const complete = files.filter((f) => f.endsWith(".atif.json"));
    // Interrupted writes leave only their hidden temp files, never a torn .atif.json.
    expect(files.filter((f) => !f.endsWith(".atif.json")).every((f) => f.startsWith(".") && f.endsWith(".tmp"))).toBe(true);
    expect(complete.length).toBeGreaterThan(1);
    for (const name of complete) expect({ name, errors: validErrors(readTrajectory(join(atif, name))) }).toEqual({ name, errors: [] });
    console.log(`kill -9: ${stops} turns closed before the kill, ${complete.length} complete files, ${files.length - complete.length} temp files left behind`);
  }, 60_000);
});

describe("kill -9 at a random moment of a long session", () => {
  test("the file is valid and holds every turn in order but the one in flight (and one whose write had not landed)", async () => {
    const seed = Number(process.env.KILL_SEED ?? Date.now() % 100_000);
    const delay = 300 + ((seed * 7_919) % 1_500);
    const dir = scratch("kill9-long");
    const atif = join(dir, "atif");
    const g = await startGatewayProcess({ dir, pluginsToml: atifInto(atif) });
    let stopped = 0;
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      g.proc.kill("SIGKILL");
    }, delay);
    // 16 KiB tool outputs: past the first few turns, steps are sealed and appended, not rewritten.
    // Turns 20 ms apart: hundreds of times faster than an agent waiting on its model, but not
    // back to back (then writes collapse and the file trails the turns by however long one takes).
    for (let k = 1; !killed && k <= 2_000; k++) {
      const done = await turn(g, "long", k, 16_384).then(() => true, () => false);
      if (done && !killed) stopped = k;
      await Bun.sleep(20);
    }
    clearTimeout(timer);
    expect(await g.exited()).not.toBe(0);
    const t = readTrajectory(join(atif, "long.atif.json"));
    expect(validErrors(t)).toEqual([]);
    const kept = prompts(t).length;
    expect(prompts(t)).toEqual(Array.from({ length: kept }, (_, i) => `turn ${i + 1} of long`));
    // The turn whose Stop was answered last may still have been on its way to the disk.
    expect(kept).toBeGreaterThanOrEqual(stopped - 1);
    expect(kept).toBeLessThanOrEqual(stopped + 1);
    const results = allSteps(t).flatMap((s) => s.observation?.results ?? []).map((r) => r.source_call_id);
    expect(results).toEqual(Array.from({ length: results.length }, (_, i) => `toolu_${i + 1}`));
    console.log(`kill -9 (KILL_SEED=${seed}) after ${delay} ms: ${stopped} turns closed, ${kept} in the file, ${t.steps.length} steps`);
  }, 60_000);
});

describe("SIGINT, SIGTERM and SIGHUP", () => {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    test(`${signal} writes every open session, an LLM stream in flight included, and exits 0`, async () => {
      const dir = scratch(signal.toLowerCase());
      const atif = join(dir, "atif");
      const upstream = startFakeUpstream();
      const held = streamParts("anthropic-messages", "an answer cut by the shutdown").head.slice(0, 3);
      // The provider sends the first events and then holds the stream open.
      upstream.handle(() => new Response(new ReadableStream({ start: (c) => held.forEach((e) => c.enqueue(new TextEncoder().encode(e))) }), { headers: sseHeaders }));
      const g = await startGatewayProcess({ dir, pluginsToml: atifInto(atif), env: { NEMO_RELAY_ANTHROPIC_BASE_URL: upstream.url } });
      try {
        const open = {
          "claude-code": { session_id: "open-claude", hook_event_name: "UserPromptSubmit", prompt: "open claude turn" },
          codex: { session_id: "open-codex", hook_event_name: "UserPromptSubmit", turn_id: "t1", prompt: "open codex turn" },
          cursor: { conversation_id: "open-cursor", generation_id: "g1", hook_event_name: "beforeSubmitPrompt", prompt: "open cursor turn" },
          hermes: { session_id: "open-hermes", hook_event_name: "pre_llm_call", extra: { user_message: "open hermes turn", turn_id: "t1" } },
        };
        for (const [agent, payload] of Object.entries(open)) expect((await postJson(`${g.url}/hooks/${agent}`, payload)).status).toBe(200);
        const streaming = await fetch(`${g.url}/v1/messages`, { method: "POST", body: streamRequest("anthropic-messages", "open stream turn"), headers: { "x-claude-code-session-id": "open-stream" } });
        const reader = streaming.body!.getReader();
        await reader.read();
        g.proc.kill(signal);
        expect(await g.exited()).toBe(0);
        void reader.cancel().catch(() => undefined);
        for (const [id, prompt] of [["open-claude", "open claude turn"], ["open-codex", "open codex turn"], ["open-cursor", "open cursor turn"], ["open-hermes", "open hermes turn"], ["open-stream", "open stream turn"]]) {
          const t = readTrajectory(join(atif, `${id}.atif.json`));
          expect(validErrors(t)).toEqual([]);
          expect(prompts(t)).toEqual([prompt!]);
        }
        const streamed = readTrajectory(join(atif, "open-stream.atif.json"));
        expect(streamed.steps.find((s) => s.source === "agent")?.extra?.llm_status).toBe("failed");
        expect(g.stderr()).toContain(`${signal}: writing open sessions and stopping`);
      } finally {
        upstream.stop();
      }
    }, 60_000);
  }
});

/** Mounting a small tmpfs needs root with CAP_SYS_ADMIN; without it the full-disk and read-only variants are skipped. */
function mountTmpfs(dir: string, options: string): boolean {
  return Bun.spawnSync(["mount", "-t", "tmpfs", "-o", options, "tmpfs", dir], { stderr: "ignore", stdout: "ignore" }).exitCode === 0;
}
const probe = tempDir("mount-probe");
const canMount = mountTmpfs(probe, "size=64k") && Bun.spawnSync(["umount", probe]).exitCode === 0;
rmSync(probe, { recursive: true, force: true });
if (!canMount) console.log("crash-safety: cannot mount a tmpfs here (needs root); the full-disk and read-only-filesystem variants are skipped");

interface Latencies {
  readonly hookP50: number;
  readonly callP50: number;
}

/** 10 sessions × 3 turns of hooks and proxied calls; the client-side p50 of each kind. */
async function drive(g: GatewayProcess): Promise<Latencies> {
  const hooks: number[] = [];
  const calls: number[] = [];
  const timed = async (into: number[], send: () => Promise<unknown>) => {
    const started = performance.now();
    await send();
    into.push(performance.now() - started);
  };
  await Promise.all(
    Array.from({ length: 10 }, async (_, s) => {
      for (let k = 1; k <= 3; k++) {
        await timed(hooks, () => claude(g, `disk-${s}`, "UserPromptSubmit", { prompt: `p${k}` }));
        await timed(calls, () => fetch(`${g.url}/v1/messages`, { method: "POST", body: streamRequest("anthropic-messages", "q"), headers: { "x-claude-code-session-id": `disk-${s}` } }).then((r) => r.text()));
        await timed(hooks, () => claude(g, `disk-${s}`, "Stop", { last_assistant_message: "ok" }));
      }
    }),
  );
  const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { hookP50: p50(hooks), callP50: p50(calls) };
}

describe("an output directory that cannot be written", () => {
  const upstream = startFakeUpstream();
  upstream.handle(() => new Response(streamParts("anthropic-messages", "fine").head.join(""), { headers: sseHeaders }));
  afterAll(() => upstream.stop());

  interface Run {
    readonly latencies: Latencies;
    readonly warnings: string[];
  }

  async function run(g: GatewayProcess, drive: () => Promise<Latencies>): Promise<Run> {
    const latencies = await drive();
    expect((await postJson(`${g.url}/hooks/claude-code`, { session_id: "still-served", hook_event_name: "Stop" })).status).toBe(200);
    g.proc.kill("SIGTERM");
    expect(await g.exited()).toBe(0);
    return { latencies, warnings: g.stderr().split("\n").filter((line) => line.includes("ATIF not written")) };
  }

  /**
   * A gateway writing into `atif` and, at the same time (so both see the same machine load), a
   * control gateway writing into a healthy directory, driven alike.
   */
  async function againstControl(atif: string): Promise<{ broken: Run; control: Run }> {
    const env = { NEMO_RELAY_ANTHROPIC_BASE_URL: upstream.url };
    const [broken, control] = await Promise.all([startGatewayProcess({ dir: scratch("disk"), pluginsToml: atifInto(atif), env }), startGatewayProcess({ dir: scratch("disk-ok"), pluginsToml: atifInto(join(scratch("disk-ok-atif"), "atif")), env })]);
    const [b, c] = await Promise.all([run(broken, () => drive(broken)), run(control, () => drive(control))]);
    expect(c.warnings).toEqual([]);
    // The agents get their answers as fast as from the healthy gateway (generous, for a busy machine: 4× plus 10 ms).
    expect(b.latencies.hookP50).toBeLessThan(c.latencies.hookP50 * 4 + 10);
    expect(b.latencies.callP50).toBeLessThan(c.latencies.callP50 * 4 + 10);
    return { broken: b, control: c };
  }

  const describeRun = (what: string, { broken, control }: { broken: Run; control: Run }) =>
    console.log(
      `${what}: hook p50 ${broken.latencies.hookP50.toFixed(2)} ms (healthy gateway ${control.latencies.hookP50.toFixed(2)} ms), proxied call p50 ${broken.latencies.callP50.toFixed(2)} ms (healthy ${control.latencies.callP50.toFixed(2)} ms)`,
    );

  test("a path under a regular file: one clear warning for 30 failed writes, agents served at normal speed", async () => {
    const parent = scratch("disk-file");
    writeFileSync(join(parent, "not-a-dir"), "a file where a directory should be");
    const atif = join(parent, "not-a-dir", "atif");
    const runs = await againstControl(atif);
    expect(runs.broken.warnings).toHaveLength(1);
    expect(runs.broken.warnings[0]).toContain(`ATIF not written: cannot write ATIF files into ${atif}: ENOTDIR: not a directory [write_failed]`);
    describeRun("output under a file", runs);
  }, 60_000);

  test.skipIf(!canMount)("a full disk (a 64 KiB tmpfs, filled): one clear warning, agents served at normal speed", async () => {
    const mount = scratch("disk-full");
    expect(mountTmpfs(mount, "size=64k")).toBe(true);
    try {
      const filler = Bun.spawnSync(["dd", "if=/dev/zero", `of=${join(mount, "filler")}`, "bs=4k", "count=64"], { stderr: "ignore" });
      expect(filler.exitCode).not.toBe(0); // it stopped at ENOSPC: the disk is full
      const runs = await againstControl(join(mount, "atif"));
      expect(runs.broken.warnings).toHaveLength(1);
      expect(runs.broken.warnings[0]).toMatch(/ATIF not written: cannot write ATIF files into .*: ENOSPC: no space left on device \[write_failed\]/);
      describeRun("full disk", runs);
    } finally {
      Bun.spawnSync(["umount", mount]);
    }
  }, 60_000);

  test.skipIf(!canMount)("a read-only file system (read-only even for root): one clear warning, agents served at normal speed", async () => {
    const mount = scratch("disk-ro");
    expect(mountTmpfs(mount, "size=64k,ro")).toBe(true);
    try {
      const runs = await againstControl(mount);
      expect(runs.broken.warnings).toHaveLength(1);
      expect(runs.broken.warnings[0]).toContain(`ATIF not written: cannot write ATIF files into ${mount}: EROFS: read-only file system [write_failed]`);
      describeRun("read-only file system", runs);
    } finally {
      Bun.spawnSync(["umount", mount]);
    }
  }, 60_000);
});
