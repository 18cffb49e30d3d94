/**
 * Secrets: credentials (`authorization`, `x-api-key`, cookies, the gateway's own token) and
 * API-key-shaped strings of every kind are sent everywhere — request headers, prompts, tool
 * inputs and outputs, provider request bodies, provider responses, a malformed hook — and then
 * every output is scanned: the ATIF files, the OpenTelemetry export, the gateway's stdout and
 * stderr, hook-forward's stderr. None may hold any of them; the provider still gets its
 * credentials untouched.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { startFakeUpstream, type FakeUpstream } from "../support/fake-upstream.ts";
import { startReceiver, type Receiver } from "../support/otlp-receiver.ts";
import { startGatewayProcess, type GatewayProcess } from "./support/gateway-process.ts";
import { sseHeaders, streamText } from "./support/provider-streams.ts";
import { makeSecrets, needles, pasted } from "./support/secrets.ts";
import { tempDir } from "./support/test-gateway.ts";

const BIN = join(import.meta.dir, "../../bin/nemo-relay.ts");
const s = makeSecrets();
const text = pasted(s);
const dir = tempDir("secrets");
const atif = join(dir, "atif");
let upstream: FakeUpstream;
let receiver: Receiver;
let gateway: GatewayProcess;
const forwardErr: string[] = [];

/** Credentials in every header a client uses, plus the gateway's token. */
const credentials = { authorization: `Bearer ${s.openai}`, "x-api-key": s.anthropic, cookie: `session=${s.cookie}`, "x-nemo-relay-token": s.gatewayToken };

beforeAll(async () => {
  receiver = startReceiver();
  upstream = startFakeUpstream();
  upstream.handle((request) => {
    const path = new URL(request.url).pathname;
    const headers = { ...sseHeaders, "set-cookie": `session=${s.cookie}; HttpOnly` };
    if (path === "/v1/responses") {
      const call = `event: response.output_item.done\ndata: ${JSON.stringify({ type: "response.output_item.done", output_index: 1, item: { type: "function_call", call_id: "call_secret", name: "shell", arguments: JSON.stringify({ command: `curl -H 'x-api-key: ${s.anthropic}' https://x` }) } })}\n\n`;
      return new Response(call + streamText("openai-responses", `here are your keys: ${text}`), { headers });
    }
    if (path === "/v1/messages") return new Response(streamText("anthropic-messages", `echo: ${text}`), { headers });
    return Response.json({ id: "c1", object: "chat.completion", model: "m", choices: [{ index: 0, message: { role: "assistant", content: `buffered ${text}` }, finish_reason: "stop" }], usage: { prompt_tokens: 1, completion_tokens: 1 } }, { headers: { "set-cookie": `session=${s.cookie}` } });
  });
  const plugins = `version = 1\n[[components]]\nkind = "observability"\n[components.config.atif]\noutput_directory = ${JSON.stringify(atif)}\n[components.config.opentelemetry]\nenabled = true\nendpoint = ${JSON.stringify(receiver.url)}\n`;
  gateway = await startGatewayProcess({
    dir,
    pluginsToml: plugins,
    env: { NEMO_RELAY_AUTH_TOKEN: s.gatewayToken, NEMO_RELAY_OPENAI_BASE_URL: `${upstream.url}/v1`, NEMO_RELAY_ANTHROPIC_BASE_URL: upstream.url },
  });
});
afterAll(() => {
  upstream.stop();
  receiver.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(`${gateway.url}${path}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...credentials, ...headers } });
  await res.arrayBuffer();
  return res;
}

const HOOKS: Record<string, Array<Record<string, unknown>>> = {
  "claude-code": [
    { session_id: "sec-claude", hook_event_name: "UserPromptSubmit", prompt: text },
    { session_id: "sec-claude", hook_event_name: "PreToolUse", tool_name: "Bash", tool_use_id: "t1", tool_input: { command: `curl -H "Authorization: Bearer ${s.bearer}" -H "x-api-key: ${s.anthropic}"` } },
    { session_id: "sec-claude", hook_event_name: "PostToolUse", tool_name: "Bash", tool_use_id: "t1", tool_input: { command: "env" }, tool_response: { stdout: text, stderr: s.privateKey } },
    { session_id: "sec-claude", hook_event_name: "Stop", last_assistant_message: text },
  ],
  codex: [
    { session_id: "sec-codex", turn_id: "u1", hook_event_name: "UserPromptSubmit", prompt: text },
    { session_id: "sec-codex", turn_id: "u1", hook_event_name: "PreToolUse", tool_name: "Bash", tool_use_id: "c1", tool_input: { command: `export GITHUB_TOKEN=${s.github}` } },
    { session_id: "sec-codex", turn_id: "u1", hook_event_name: "PostToolUse", tool_name: "Bash", tool_use_id: "c1", tool_input: { command: "cat .env" }, tool_response: text },
    { session_id: "sec-codex", turn_id: "u1", hook_event_name: "Stop", last_assistant_message: `done ${s.jwt}` },
  ],
  cursor: [
    { conversation_id: "sec-cursor", generation_id: "g1", hook_event_name: "beforeSubmitPrompt", prompt: text },
    { conversation_id: "sec-cursor", generation_id: "g1", hook_event_name: "preToolUse", tool_name: "Shell", tool_use_id: "k1", tool_input: { command: `echo ${s.slack}` } },
    { conversation_id: "sec-cursor", generation_id: "g1", hook_event_name: "postToolUse", tool_name: "Shell", tool_use_id: "k1", tool_input: { command: "env" }, tool_output: text },
    { conversation_id: "sec-cursor", generation_id: "g1", hook_event_name: "stop", status: "completed" },
  ],
  hermes: [
    { session_id: "sec-hermes", hook_event_name: "pre_llm_call", extra: { user_message: text, turn_id: "h1" } },
    { session_id: "sec-hermes", hook_event_name: "pre_tool_call", tool_name: "terminal", tool_input: { command: `echo ${s.google}` }, extra: { tool_call_id: "h1" } },
    { session_id: "sec-hermes", hook_event_name: "post_tool_call", tool_name: "terminal", tool_input: { command: "env" }, extra: { tool_call_id: "h1", result: text, status: "success" } },
    { session_id: "sec-hermes", hook_event_name: "on_session_finalize", extra: { reason: "exit" } },
  ],
};

test("secrets sent everywhere never reach an ATIF file, the OpenTelemetry export or a log", async () => {
  // Hooks of all four agents, with credentials in the headers and secrets in every field.
  for (const [agent, hooks] of Object.entries(HOOKS)) for (const hook of hooks) expect((await post(`/hooks/${agent}`, hook)).status).toBe(200);
  // Provider calls of the three wire APIs: secrets in the request bodies and in the answers.
  const responses = await post("/v1/responses", { model: "m", stream: true, input: [{ type: "message", role: "user", content: [{ type: "input_text", text }] }, { type: "function_call_output", call_id: "x", output: text }] }, { "session-id": "sec-codex" });
  const messages = await post("/v1/messages", { model: "m", stream: true, max_tokens: 9, metadata: { user_id: s.awsAccessKey }, messages: [{ role: "user", content: text }] }, { "x-claude-code-session-id": "sec-claude" });
  const chat = await post("/v1/chat/completions", { model: "m", messages: [{ role: "user", content: text }] }, { "x-nemo-relay-session-id": "sec-chat" });
  for (const res of [responses, messages, chat]) expect(res.status).toBe(200);
  // The provider got the credentials exactly as sent, and never the gateway's token.
  for (const seen of upstream.received) {
    expect(seen.headers.authorization).toBe(credentials.authorization);
    expect(seen.headers["x-api-key"]).toBe(s.anthropic);
    expect(seen.headers.cookie).toBe(credentials.cookie);
    expect(seen.headers["x-nemo-relay-token"]).toBeUndefined();
  }
  // A malformed hook quoting a key, through hook-forward (whose stderr the agent logs).
  const forward = Bun.spawn([process.execPath, BIN, "hook-forward", "codex", "--gateway-url", gateway.url], {
    stdin: new TextEncoder().encode(`{"session_id": ${s.awsAccessKey}}`),
    stdout: "pipe",
    stderr: "pipe",
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, NEMO_RELAY_AUTH_TOKEN: s.gatewayToken },
  });
  forwardErr.push(await new Response(forward.stderr).text());
  await forward.exited;
  // The same body straight to the gateway: the parser's message quotes the key, the answer must not.
  const malformed = await fetch(`${gateway.url}/hooks/codex`, { method: "POST", body: `{"session_id": ${s.awsAccessKey}}`, headers: { ...credentials, "content-type": "application/json" } });
  expect(malformed.status).toBe(400);
  const malformedAnswer = await malformed.text();
  expect(malformedAnswer).toContain("[REDACTED:aws_access_key]");
  // Without the token: refused, and the answer does not echo what was sent.
  const refused = await fetch(`${gateway.url}/hooks/codex`, { method: "POST", body: "{}", headers: { "x-nemo-relay-token": s.gatewayToken.slice(1) } });
  expect(refused.status).toBe(401);
  const refusal = await refused.text();

  gateway.proc.kill("SIGTERM");
  expect(await gateway.exited()).toBe(0);

  // Every output.
  const files = readdirSync(atif).map((name) => join(atif, name));
  expect(files.length).toBeGreaterThanOrEqual(5);
  const outputs: Array<[string, string]> = [
    ...files.filter((f) => statSync(f).isFile()).map((f) => [f, readFileSync(f, "utf8")] as [string, string]),
    ["gateway stdout", gateway.stdout()],
    ["gateway stderr", gateway.stderr()],
    ["hook-forward stderr", forwardErr.join("")],
    ["401 answer", refusal],
    ["400 answer to a malformed hook", malformedAnswer],
    ...receiver.requests.map((r, i) => [`OTLP export ${i}`, new TextDecoder().decode(r.bytes)] as [string, string]),
  ];
  expect(receiver.requests.length).toBeGreaterThan(0);
  const leaks = outputs.flatMap(([where, content]) => needles(s).filter(([, value]) => content.includes(value)).map(([what]) => `${what} in ${where}`));
  expect(leaks).toEqual([]);

  // The secrets did reach the record, redacted: each kind shows up as its marker.
  const records = outputs.filter(([where]) => where.endsWith(".atif.json")).map(([, c]) => c).join("\n");
  for (const kind of ["openai_key", "anthropic_key", "aws_access_key", "aws_secret_key", "github_token", "google_api_key", "slack_token", "jwt", "bearer_token", "private_key"]) expect(records).toContain(`[REDACTED:${kind}]`);
  // hook-forward sends NEMO_RELAY_AUTH_TOKEN, so it is let in and its malformed payload is what fails.
  expect(forwardErr.join("")).toContain("invalid_json");
  expect(forwardErr.join("")).not.toContain("unauthorized");
  console.log(`secrets: ${needles(s).length} secrets sent through 16 hooks, 3 provider calls and 1 hook-forward; ${outputs.length} outputs scanned (${files.length} ATIF files, ${receiver.requests.length} OTLP exports, logs): no leak`);
}, 30_000);
