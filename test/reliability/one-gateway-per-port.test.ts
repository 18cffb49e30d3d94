/**
 * One gateway per port (SPEC §1.1): a second `serve` on a port already served fails at once
 * (exit 1, a message naming the address) instead of listening beside the first and splitting a
 * session's hooks and calls between two processes; the first records every step it is sent.
 */
import { expect, test } from "bun:test";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Trajectory } from "../../src/domain/trajectory/schema.ts";
import { atifInto, startGatewayProcess } from "./support/gateway-process.ts";
import { tempDir } from "./support/test-gateway.ts";

const BIN = join(import.meta.dir, "../../bin/nemo-relay.ts");

test("a second serve on a served port exits 1 at once; the first keeps every step", async () => {
  const dir = tempDir("one-per-port");
  const first = await startGatewayProcess({ dir, pluginsToml: atifInto(join(dir, "atif")) });
  try {
    const port = new URL(first.url).port;
    const second = Bun.spawn([process.execPath, BIN, "serve", "--bind", `127.0.0.1:${port}`], { cwd: dir, env: { PATH: process.env.PATH ?? "", HOME: dir, XDG_CONFIG_HOME: join(dir, "xdg") }, stdout: "pipe", stderr: "pipe" });
    const timer = setTimeout(() => second.kill("SIGKILL"), 10_000);
    const [code, stderr] = await Promise.all([second.exited, new Response(second.stderr).text()]);
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(stderr).toBe(`nemo-relay: 127.0.0.1:${port} is already in use: stop the other gateway, or pass --bind 127.0.0.1:0 for any free port [invalid_argument]\n`);

    const hook = (body: Record<string, unknown>) => fetch(`${first.url}/hooks/claude-code`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ session_id: "one-port", ...body }) });
    for (let i = 1; i <= 6; i++) {
      expect((await hook({ hook_event_name: "UserPromptSubmit", prompt: `prompt ${i}` })).status).toBe(200);
      expect((await hook({ hook_event_name: "Stop", last_assistant_message: `answer ${i}` })).status).toBe(200);
    }
  } finally {
    first.proc.kill("SIGTERM");
    expect(await first.exited()).toBe(0);
  }
  const t = JSON.parse(readFileSync(join(dir, "atif", "one-port.atif.json"), "utf8")) as Trajectory;
  expect(t.steps.filter((s) => s.source === "user").map((s) => s.message)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `prompt ${i}`));
  rmSync(dir, { recursive: true, force: true });
});
