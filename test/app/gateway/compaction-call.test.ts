/**
 * Codex's remote compaction (`POST …/responses/compact`, used with ChatGPT sign-ins) is an LLM
 * call like any other: recorded on the session with the usage the backend reported, marked as
 * what it is. The answer's shape follows OpenAI's public API reference for "Compact a response"
 * (`object: "response.compaction"`, opaque output items, usage); no real capture of it exists
 * in test/fixtures, since the offline mock-backed Codex runs compact locally.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { agentCalls } from "../../../src/app/agents.ts";
import { resolveConfig } from "../../../src/app/config/resolve.ts";
import { gatewayParts } from "../../../src/app/gateway/parts.ts";
import { startGateway } from "../../../src/app/gateway/start-gateway.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import { startFakeUpstream } from "../../support/fake-upstream.ts";

const dir = mkdtempSync(join(tmpdir(), "nemo-relay-compact-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a /responses/compact call is recorded with its usage and llm_purpose: compaction; its bytes pass unchanged", async () => {
  expect(agentCalls().length).toBeGreaterThan(0);
  const upstream = startFakeUpstream();
  const answer = JSON.stringify({
    id: "resp_cmp_1",
    object: "response.compaction",
    created_at: 1765000000,
    model: "gpt-5.1-codex",
    output: [{ id: "cmp_1", type: "compaction", encrypted_content: "gAAAA-opaque" }],
    usage: { input_tokens: 48213, input_tokens_details: { cached_tokens: 40960 }, output_tokens: 1890, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 50103 },
  });
  upstream.handle(() => new Response(answer, { headers: { "content-type": "application/json" } }));
  const config = resolveConfig([], [{ path: "test", data: { components: [{ kind: "observability", config: { atif: { output_directory: dir } } }] } }], { bind: "127.0.0.1:0", env: {}, openaiBaseUrl: `${upstream.url}/v1` });
  if (!config.ok) throw new Error(config.error.message);
  const started = startGateway(config.value, gatewayParts(() => {}));
  if (!started.ok) throw new Error(started.error.message);
  const gateway = started.value;
  try {
    const body = JSON.stringify({ model: "gpt-5.1-codex", instructions: "Summarize the conversation so far.", input: [{ type: "message", role: "user", content: [{ type: "input_text", text: "fix the tests" }] }] });
    const response = await fetch(`${gateway.url}/v1/responses/compact`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer sk-test", "session-id": "s-compact", "thread-id": "s-compact" }, body });
    expect(await response.text()).toBe(answer);
    expect(upstream.received.map((r) => r.path)).toEqual(["/v1/responses/compact"]);
    await gateway.settled();
  } finally {
    await gateway.stop();
    upstream.stop();
  }
  const t = JSON.parse(readFileSync(join(dir, "s-compact.atif.json"), "utf8")) as Trajectory;
  expect(validateTrajectory(t).filter((v) => v.severity === "error")).toEqual([]);
  const calls = t.steps.filter((s) => s.source === "agent");
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ model_name: "gpt-5.1-codex", extra: { llm_purpose: "compaction" } });
  expect(t.final_metrics).toMatchObject({ total_prompt_tokens: 48213, total_completion_tokens: 1890, total_cached_tokens: 40960 });
});
