/**
 * Every sign-in is served, none is changed (SPEC §1.2), through the real gateway: a Codex
 * ChatGPT sign-in goes to the ChatGPT backend (paths without `/v1`), API keys to the OpenAI API,
 * Claude's subscription bearer to the Anthropic API, each with every header and byte as sent,
 * while OPENAI_API_KEY sits in the gateway's environment. The record has the call's model and
 * usage, and no credential reaches a file.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig } from "../../../src/app/config/resolve.ts";
import { gatewayParts } from "../../../src/app/gateway/parts.ts";
import { startGateway, type GatewayHandle } from "../../../src/app/gateway/start-gateway.ts";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../../src/domain/trajectory/validate.ts";
import { CHATGPT_ACCESS_TOKEN, CHATGPT_ACCOUNT_ID } from "../../support/chatgpt-sign-in.ts";
import { startFakeUpstream, type FakeUpstream } from "../../support/fake-upstream.ts";

const GATEWAY_ENV_KEY = "sk-gateway-env-must-not-be-used";
const API_KEY = "sk-proj-user-own-key";
const AT_TOKEN = "at-opaque-chatgpt-access-token-0123";
const CLAUDE_OAUTH = "sk-ant-oat01-dummy-subscription-token";

const sse = (model: string, usage: Record<string, unknown>) => {
  const response = { id: "resp_1", object: "response", model, status: "completed", output: [{ type: "message", id: "msg_1", role: "assistant", status: "completed", content: [{ type: "output_text", text: "done" }] }], usage };
  return `event: response.completed\ndata: ${JSON.stringify({ type: "response.completed", response })}\n\n`;
};
const USAGE = { input_tokens: 1200, input_tokens_details: { cached_tokens: 1000 }, output_tokens: 34, output_tokens_details: { reasoning_tokens: 12 }, total_tokens: 1234 };
const SSE_HEADERS = { "content-type": "text/event-stream" };

let openai: FakeUpstream;
let chatgpt: FakeUpstream;
let anthropic: FakeUpstream;
let gateway: GatewayHandle;
let dir: string;
const reports: string[] = [];
let envBefore: string | undefined;

beforeAll(() => {
  envBefore = process.env.OPENAI_API_KEY;
  process.env.OPENAI_API_KEY = GATEWAY_ENV_KEY;
  openai = startFakeUpstream();
  // As the real OpenAI API does: a ChatGPT token is not an API key.
  openai.handle((r) => ((r.headers.get("authorization") ?? "").startsWith("Bearer sk-") ? new Response(sse("gpt-5.1", USAGE), { headers: SSE_HEADERS }) : Response.json({ error: { message: "Incorrect API key provided", code: "invalid_api_key" } }, { status: 401 })));
  chatgpt = startFakeUpstream();
  chatgpt.handle((r) => (new URL(r.url).pathname.endsWith("/models") ? Response.json({ models: [] }) : new Response(sse("gpt-5.1-codex", USAGE), { headers: SSE_HEADERS })));
  anthropic = startFakeUpstream();
  anthropic.handle(() => Response.json({ id: "msg_1", type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [{ type: "text", text: "hi" }], stop_reason: "end_turn", usage: { input_tokens: 10, output_tokens: 3 } }));
  dir = mkdtempSync(join(tmpdir(), "nemo-relay-sign-in-"));
  const config = resolveConfig([], [{ path: "test", data: { components: [{ kind: "observability", config: { atif: { output_directory: dir } } }] } }], {
    bind: "127.0.0.1:0",
    env: { OPENAI_API_KEY: GATEWAY_ENV_KEY },
    openaiBaseUrl: `${openai.url}/v1`,
    anthropicBaseUrl: anthropic.url,
    chatgptBaseUrl: `${chatgpt.url}/backend-api/codex`,
  });
  if (!config.ok) throw new Error(config.error.message);
  const started = startGateway(config.value, gatewayParts((m) => reports.push(m)));
  if (!started.ok) throw new Error(started.error.message);
  gateway = started.value;
});

afterAll(async () => {
  await gateway.stop();
  for (const upstream of [openai, chatgpt, anthropic]) upstream.stop();
  rmSync(dir, { recursive: true, force: true });
  if (envBefore === undefined) delete process.env.OPENAI_API_KEY;
  else process.env.OPENAI_API_KEY = envBefore;
});

const codexHeaders = (session: string, authorization: string, account?: string) => ({
  authorization,
  ...(account ? { "chatgpt-account-id": account } : {}),
  "content-type": "application/json",
  originator: "codex_exec",
  "session-id": session,
  version: "0.169.0",
});
const body = (session: string) => JSON.stringify({ model: "gpt-5.1-codex", instructions: "be brief", input: [{ type: "message", role: "user", content: [{ type: "input_text", text: `hello from ${session}` }] }], stream: true, prompt_cache_key: session });

test("a ChatGPT sign-in (JWT + account header, zstd body) goes to the ChatGPT backend unchanged and is recorded in full", async () => {
  const sent = Bun.zstdCompressSync(new TextEncoder().encode(body("s-chatgpt")));
  const before = { openai: openai.received.length, chatgpt: chatgpt.received.length };
  const response = await fetch(`${gateway.url}/v1/responses`, { method: "POST", headers: { ...codexHeaders("s-chatgpt", `Bearer ${CHATGPT_ACCESS_TOKEN}`, CHATGPT_ACCOUNT_ID), "content-encoding": "zstd" }, body: sent });
  expect(response.status).toBe(200);
  expect(await response.text()).toBe(sse("gpt-5.1-codex", USAGE));
  expect(openai.received.length).toBe(before.openai);
  const got = chatgpt.received.slice(before.chatgpt);
  expect(got.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /backend-api/codex/responses"]);
  expect(got[0]!.headers).toMatchObject({ authorization: `Bearer ${CHATGPT_ACCESS_TOKEN}`, "chatgpt-account-id": CHATGPT_ACCOUNT_ID, "content-encoding": "zstd", originator: "codex_exec", "session-id": "s-chatgpt", version: "0.169.0" });
  expect(got[0]!.body).toEqual(sent);

  const models = await fetch(`${gateway.url}/v1/models?client_version=0.169.0`, { headers: codexHeaders("s-chatgpt", `Bearer ${CHATGPT_ACCESS_TOKEN}`, CHATGPT_ACCOUNT_ID) });
  expect(await models.json()).toEqual({ models: [] });
  expect(chatgpt.received.at(-1)).toMatchObject({ method: "GET", path: "/backend-api/codex/models", search: "?client_version=0.169.0" });
  await fetch(`${gateway.url}/responses/compact`, { method: "POST", headers: codexHeaders("s-chatgpt", `Bearer ${CHATGPT_ACCESS_TOKEN}`, CHATGPT_ACCOUNT_ID), body: "{}" });
  expect(chatgpt.received.at(-1)).toMatchObject({ method: "POST", path: "/backend-api/codex/responses/compact" });
  expect(openai.received.length).toBe(before.openai);
});

test("an opaque at- token with the account header goes to the ChatGPT backend too", async () => {
  const before = chatgpt.received.length;
  const response = await fetch(`${gateway.url}/v1/responses`, { method: "POST", headers: codexHeaders("s-at", `Bearer ${AT_TOKEN}`, CHATGPT_ACCOUNT_ID), body: body("s-at") });
  expect(response.status).toBe(200);
  await response.text();
  expect(chatgpt.received.slice(before).map((r) => r.headers.authorization)).toEqual([`Bearer ${AT_TOKEN}`]);
});

test("an API key goes to the OpenAI API as it is, never replaced by the gateway's OPENAI_API_KEY", async () => {
  const before = { openai: openai.received.length, chatgpt: chatgpt.received.length };
  const response = await fetch(`${gateway.url}/v1/responses`, { method: "POST", headers: codexHeaders("s-key", `Bearer ${API_KEY}`), body: body("s-key") });
  expect(response.status).toBe(200);
  await response.text();
  expect(chatgpt.received.length).toBe(before.chatgpt);
  expect(openai.received.slice(before.openai).map((r) => [r.path, r.headers.authorization])).toEqual([["/v1/responses", `Bearer ${API_KEY}`]]);
});

test("a call with no credential gets none added: the OpenAI API answers it (here 401), as it would without nemo-relay", async () => {
  const before = openai.received.length;
  const response = await fetch(`${gateway.url}/v1/responses`, { method: "POST", headers: { "content-type": "application/json", "session-id": "s-none" }, body: body("s-none") });
  expect(response.status).toBe(401);
  expect(openai.received.slice(before).map((r) => r.headers.authorization)).toEqual([undefined]);
});

test("Claude Code's subscription bearer and OAuth beta header reach the Anthropic API unchanged", async () => {
  const headers = { authorization: `Bearer ${CLAUDE_OAUTH}`, "anthropic-beta": "claude-code-20250219,oauth-2025-04-20", "anthropic-version": "2023-06-01", "content-type": "application/json", "x-claude-code-session-id": "s-claude" };
  const response = await fetch(`${gateway.url}/v1/messages?beta=true`, { method: "POST", headers, body: JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }) });
  expect(response.status).toBe(200);
  const got = anthropic.received.at(-1)!;
  expect(got).toMatchObject({ path: "/v1/messages", search: "?beta=true" });
  expect(got.headers).toMatchObject({ authorization: `Bearer ${CLAUDE_OAUTH}`, "anthropic-beta": "claude-code-20250219,oauth-2025-04-20" });
  expect(got.headers["x-api-key"]).toBeUndefined();
});

test("the records: the ChatGPT call with the backend's model and usage; no credential in any file", async () => {
  await gateway.settled();
  await gateway.service.shutdown();
  expect(reports).toEqual([]);
  const t = JSON.parse(readFileSync(join(dir, "s-chatgpt.atif.json"), "utf8")) as Trajectory;
  expect(validateTrajectory(t).filter((v) => v.severity === "error")).toEqual([]);
  // The model call and the compaction call the stand-in answered (the same usage each).
  const llm = t.steps.filter((s) => s.source === "agent");
  expect(llm).toHaveLength(2);
  expect(llm[0]).toMatchObject({ model_name: "gpt-5.1-codex", message: "done" });
  expect(llm[1]!.extra).toMatchObject({ llm_purpose: "compaction" });
  expect(t.final_metrics).toMatchObject({ total_prompt_tokens: 2400, total_completion_tokens: 68, total_cached_tokens: 2000 });
  const written = readdirSync(dir).map((name) => readFileSync(join(dir, name), "utf8")).join("\n");
  for (const secret of [CHATGPT_ACCESS_TOKEN, AT_TOKEN, API_KEY, CLAUDE_OAUTH, GATEWAY_ENV_KEY, CHATGPT_ACCESS_TOKEN.split(".")[1]!]) expect(written).not.toContain(secret);
  expect(readdirSync(dir).sort()).toEqual(["s-at.atif.json", "s-chatgpt.atif.json", "s-claude.atif.json", "s-key.atif.json", "s-none.atif.json"]);
});
