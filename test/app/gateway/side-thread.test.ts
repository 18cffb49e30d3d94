/**
 * The Codex TUI asks the model for a thread title in a side thread with a session id of its own
 * (`x-codex-turn-metadata`: `"thread_source": "thread_title"`). Replayed with the headers the real
 * TUI sent (test/fixtures/codex/tui-title-thread.json): the title call is recorded in the user's
 * session, marked as what it is, with its usage counted there, and no second file appears.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig } from "../../../src/app/config/resolve.ts";
import { gatewayParts } from "../../../src/app/gateway/parts.ts";
import { startGateway } from "../../../src/app/gateway/start-gateway.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import { startFakeUpstream } from "../../support/fake-upstream.ts";

interface Captured {
  readonly calls: ReadonlyArray<{ readonly headers: Record<string, string>; readonly userMessage?: string }>;
}
const captured = JSON.parse(readFileSync(join(import.meta.dir, "../../fixtures/codex/tui-title-thread.json"), "utf8")) as Captured;
const [userCall, titleCall] = captured.calls;
const PROMPT = "Run `echo nemo-$((6*7))` in the shell and tell me what it printed.";
const dir = mkdtempSync(join(tmpdir(), "nemo-relay-side-thread-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const completed = (text: string, input: number, output: number) => {
  const response = { id: "resp", object: "response", model: "gpt-5.1-codex", status: "completed", output: [{ type: "message", role: "assistant", content: [{ type: "output_text", text }] }], usage: { input_tokens: input, output_tokens: output, total_tokens: input + output } };
  return `event: response.completed\ndata: ${JSON.stringify({ type: "response.completed", response })}\n\n`;
};
const body = (text: string) => JSON.stringify({ model: "gpt-5.1-codex", stream: true, input: [{ type: "message", role: "user", content: [{ type: "input_text", text }] }] });

test("the TUI's title thread is recorded in the user's session, marked thread_title, its usage counted there", async () => {
  const upstream = startFakeUpstream();
  upstream.handle(() => {
    // The fake upstream has read the body already: the request just received is the last one.
    const title = new TextDecoder().decode(upstream.received.at(-1)!.body).includes("task title");
    return new Response(title ? completed("Echo nemo value", 5072, 9) : completed("The command printed nemo-42.", 24239, 31), { headers: { "content-type": "text/event-stream" } });
  });
  const config = resolveConfig([], [{ path: "test", data: { components: [{ kind: "observability", config: { atif: { output_directory: dir } } }] } }], { bind: "127.0.0.1:0", env: {}, openaiBaseUrl: `${upstream.url}/v1` });
  if (!config.ok) throw new Error(config.error.message);
  const started = startGateway(config.value, gatewayParts(() => {}));
  if (!started.ok) throw new Error(started.error.message);
  const gateway = started.value;
  const session = userCall!.headers["session-id"]!;
  expect(titleCall!.headers["session-id"]).not.toBe(session);
  const hook = (payload: Record<string, unknown>) => fetch(`${gateway.url}/hooks/codex`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ session_id: session, cwd: dir, model: "gpt-5.1-codex", ...payload }) });
  const call = async (headers: Record<string, string>, text: string) => (await fetch(`${gateway.url}/v1/responses`, { method: "POST", headers: { ...headers, authorization: "Bearer sk-test" }, body: body(text) })).text();
  try {
    await hook({ hook_event_name: "SessionStart", source: "startup" });
    await hook({ hook_event_name: "UserPromptSubmit", turn_id: "t1", prompt: PROMPT });
    await call(userCall!.headers, PROMPT);
    expect(await call(titleCall!.headers, titleCall!.userMessage!)).toContain("Echo nemo value");
    await hook({ hook_event_name: "Stop", turn_id: "t1", last_assistant_message: "The command printed nemo-42." });
    await gateway.settled();
  } finally {
    await gateway.stop();
    upstream.stop();
  }
  const files = readdirSync(dir).filter((name) => name.endsWith(".atif.json"));
  expect(files).toEqual([`${session}.atif.json`]);
  const t = JSON.parse(readFileSync(join(dir, files[0]!), "utf8")) as Trajectory;
  expect(validateTrajectory(t).filter((v) => v.severity === "error")).toEqual([]);
  expect(t.agent.version).toBe("0.169.0");
  expect(t.steps.filter((s) => s.source === "user").map((s) => s.message)).toEqual([PROMPT]);
  const title = t.steps.find((s) => s.extra?.llm_purpose === "thread_title");
  expect(title).toMatchObject({ source: "agent", message: "Echo nemo value" });
  expect(t.final_metrics).toMatchObject({ total_prompt_tokens: 24239 + 5072, total_completion_tokens: 31 + 9 });
});
