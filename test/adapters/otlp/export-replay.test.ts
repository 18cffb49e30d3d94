/**
 * Issue acceptance: the real Codex and Claude Code sessions captured in test/fixtures, replayed
 * through the real gateway with OpenTelemetry export on, reach a loopback OTLP receiver that
 * decodes them with the official OTLP definitions — a span tree with correct parent ids,
 * GenAI / OpenInference attributes and the token counts the upstream reported — and nothing
 * secret leaves; with the collector down, the agent gets exactly the same answers.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { startReceiver, type DecodedSpan, type Receiver } from "../../support/otlp-receiver.ts";
import { allBytes, deadEndpoint, DUMMY_KEYS, exchangeAgent, exportRun, tree, type Client } from "./support.ts";

const receivers: Receiver[] = [];
afterEach(() => receivers.splice(0).forEach((r) => r.stop()));
const receiver = () => {
  const r = startReceiver();
  receivers.push(r);
  return r;
};

const sessionIdOf = (hooks: { payload: Record<string, unknown> }[]) => hooks[0]!.payload.session_id as string;
const toolHooks = (hooks: { event: string; payload: Record<string, unknown> }[]) => hooks.filter((h) => h.event.startsWith("PostToolUse") && typeof h.payload.tool_use_id === "string");

function expectNoSecrets(rx: Receiver) {
  const bytes = allBytes(rx);
  expect(bytes.length).toBeGreaterThan(0);
  for (const secret of Object.values(DUMMY_KEYS)) expect(bytes).not.toContain(secret);
  expect(bytes.toLowerCase()).not.toContain("authorization");
  expect(bytes.toLowerCase()).not.toContain("x-api-key");
  expect(bytes).not.toContain("Bearer ");
}

describe.each(["codex", "claude-code"] as const)("%s session exported as OTLP/protobuf, GenAI conventions", (client: Client) => {
  test("subagent scenario: session → turn → subagent → LLM/tool spans, with the upstream's token counts", async () => {
    const rx = receiver();
    const run = await exportRun(client, "subagent", {
      opentelemetry: { enabled: true, endpoint: rx.url, headers: { "x-collector-token": DUMMY_KEYS.collector } },
    });
    expect(run.reports).toEqual([]);
    expect(rx.requests.length).toBeGreaterThan(0);
    for (const r of rx.requests) {
      expect(r.path).toBe("/v1/traces");
      expect(r.contentType).toBe("application/x-protobuf");
      expect(r.headers["x-collector-token"]).toBe(DUMMY_KEYS.collector);
    }
    const exports = rx.exports();
    expect(exports.every((e) => e.resource["service.name"] === "nemo-relay" && e.scope === "nemo-relay")).toBe(true);
    const spans = rx.spans();
    const { byId, parentOf, ofType } = tree(spans);
    expect(run.stats).toMatchObject({ sent: spans.length, dropped: 0, failed: 0, queued: 0, droppedEvents: 0 });

    // One trace, one root: the session, named after the agent, carrying the conversation id.
    const sessionId = sessionIdOf(run.hooks);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    const roots = spans.filter((s) => !s.parentSpanId);
    expect(roots.map((s) => s.name)).toEqual([`session ${client}`]);
    expect(roots[0]!.attributes["gen_ai.conversation.id"]).toBe(sessionId);
    expect(spans.every((s) => s.attributes["gen_ai.conversation.id"] === sessionId)).toBe(true);
    // No dangling parent: every parent id is a span that was exported.
    expect(spans.filter((s) => s.parentSpanId && !byId.has(s.parentSpanId))).toEqual([]);
    expect(spans.every((s) => s.endNs >= s.startNs)).toBe(true);

    const [turn, ...moreTurns] = ofType("turn");
    expect(moreTurns).toEqual([]);
    expect(parentOf(turn!)).toBe(roots[0]);
    expect(turn!.attributes).toMatchObject({ "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": client, "nemo_relay.turn.index": 1 });

    const subagentId = run.hooks.find((h) => h.event === "SubagentStart")!.payload.agent_id as string;
    const [subagent, ...moreSubagents] = ofType("subagent");
    expect(moreSubagents).toEqual([]);
    expect(parentOf(subagent!)).toBe(turn);
    expect(subagent!.attributes).toMatchObject({ "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.id": subagentId });

    // One chat span per physical call (Codex's hook copies are folded into the wire's), each
    // under the scope that made it, with exactly the usage the upstream reported.
    const llm = ofType("llm");
    expect(llm).toHaveLength(run.exchanges.length);
    for (const x of run.exchanges) {
      const usage = x.mock.usage!;
      const span = llm.find((s) => s.attributes["gen_ai.usage.input_tokens"] === usage.inputTokens);
      expect(span).toBeDefined();
      expect(span!.kind).toBe(3);
      expect(span!.name).toBe(`chat ${(x.body as { model: string }).model}`);
      expect(span!.attributes).toMatchObject({
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": (x.body as { model: string }).model,
        "gen_ai.response.model": (x.body as { model: string }).model,
        "gen_ai.usage.output_tokens": usage.outputTokens,
        "gen_ai.usage.cache_read.input_tokens": usage.cachedTokens,
      });
      expect(parentOf(span!)).toBe(exchangeAgent(x) ? subagent : turn);
    }
    if (client === "claude-code") {
      expect(llm.every((s) => s.attributes["gen_ai.provider.name"] === "anthropic" && s.attributes["gen_ai.system"] === "anthropic")).toBe(true);
      expect(llm.map((s) => s.attributes["gen_ai.usage.cache_creation.input_tokens"]).sort()).toEqual(run.exchanges.map((x) => (x.mock.usage as unknown as { cacheCreationTokens: number }).cacheCreationTokens).sort());
    }

    // One execute_tool span per tool the agent ran, under its own scope.
    const tools = ofType("tool");
    for (const hook of toolHooks(run.hooks)) {
      const id = hook.payload.tool_use_id as string;
      const matching = tools.filter((s) => s.attributes["gen_ai.tool.call.id"] === id);
      expect(matching).toHaveLength(1);
      expect(matching[0]!.attributes).toMatchObject({ "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": hook.payload.tool_name as string });
      expect(matching[0]!.name).toBe(`execute_tool ${hook.payload.tool_name as string}`);
      expect(parentOf(matching[0]!)).toBe(hook.payload.agent_id === subagentId ? subagent : turn);
    }
    expect(tools).toHaveLength(toolHooks(run.hooks).length);

    // The session sums its calls, each once.
    const sum = (f: (u: { inputTokens: number; outputTokens: number; cachedTokens: number }) => number) => run.exchanges.reduce((n, x) => n + f(x.mock.usage!), 0);
    expect(roots[0]!.attributes).toMatchObject({
      "nemo_relay.session.llm_calls": run.exchanges.length,
      "nemo_relay.usage.input_tokens": sum((u) => u.inputTokens),
      "nemo_relay.usage.output_tokens": sum((u) => u.outputTokens),
      "nemo_relay.usage.cached_tokens": sum((u) => u.cachedTokens),
    });
    expect(llm.every((s) => s.status.code === 0) && tools.every((s) => s.status.code === 0)).toBe(true);
    expectNoSecrets(rx);
  });

  test("error scenario: the failed call and the turn cut short by the session's end are errors", async () => {
    const rx = receiver();
    const run = await exportRun(client, "error", { opentelemetry: { enabled: true, endpoint: rx.url } });
    expect(run.reports).toEqual([]);
    const { ofType } = tree(rx.spans());
    const llm = ofType("llm");
    expect(llm).toHaveLength(1);
    expect(llm[0]!.status.code).toBe(2);
    expect(llm[0]!.attributes["error.type"]).toBe("_OTHER");
    if (client === "codex") {
      // Codex gives up without a Stop: its turn ends with the session, interrupted.
      const [turn] = ofType("turn");
      expect(turn!.status).toMatchObject({ code: 2 });
      expect(turn!.status.message).toStartWith("interrupted");
    }
    expectNoSecrets(rx);
  });
});

describe.each(["codex", "claude-code"] as const)("%s session exported as OTLP/JSON, OpenInference conventions", (client: Client) => {
  test("basic scenario: kinds, model, token counts, tool input/output with mime types, secrets redacted", async () => {
    const rx = receiver();
    // A key pasted into the prompt must reach the collector only as a redaction marker.
    const run = await exportRun(client, "basic", {
      opentelemetry: { enabled: true, endpoint: `${rx.url}/`, protocol: "http/json", mode: "openinference" },
      hooks: (hooks) => hooks.map((h) => (h.event === "UserPromptSubmit" ? { ...h, payload: { ...h.payload, prompt: `${h.payload.prompt as string} My key is ${DUMMY_KEYS.openai}.` } } : h)),
    });
    expect(run.reports).toEqual([]);
    expect(rx.requests.every((r) => r.contentType === "application/json" && r.path === "/v1/traces")).toBe(true);
    const spans = rx.spans();
    const { parentOf, ofType } = tree(spans);
    const kinds = (type: string) => ofType(type).map((s) => s.attributes["openinference.span.kind"]);
    expect(kinds("session")).toEqual(["AGENT"]);
    expect(kinds("turn")).toEqual(["CHAIN"]);
    expect(new Set(kinds("llm"))).toEqual(new Set(["LLM"]));
    expect(new Set(kinds("tool"))).toEqual(new Set(["TOOL"]));
    const sessionId = sessionIdOf(run.hooks);
    expect(spans.every((s) => s.attributes["session.id"] === sessionId)).toBe(true);

    const [turn] = ofType("turn");
    expect(parentOf(turn!)?.attributes["openinference.span.kind"]).toBe("AGENT");
    expect(turn!.attributes["input.mime_type"]).toBe("text/plain");
    expect(turn!.attributes["input.value"]).toContain("[REDACTED:openai_key]");

    const llm = ofType("llm");
    expect(llm).toHaveLength(run.exchanges.length);
    for (const x of run.exchanges) {
      const u = x.mock.usage!;
      const span = llm.find((s) => s.attributes["llm.token_count.prompt"] === u.inputTokens)!;
      expect(span.attributes).toMatchObject({
        "llm.model_name": (x.body as { model: string }).model,
        "llm.token_count.completion": u.outputTokens,
        "llm.token_count.total": u.inputTokens + u.outputTokens,
        "llm.token_count.prompt_details.cache_read": u.cachedTokens,
      });
      expect(parentOf(span)).toBe(turn);
    }

    const hook = toolHooks(run.hooks)[0]!;
    const [tool] = ofType("tool");
    expect(tool!.attributes).toMatchObject({ "tool.name": hook.payload.tool_name as string, "tool_call.id": hook.payload.tool_use_id as string, "input.mime_type": "application/json" });
    expect(JSON.parse(tool!.attributes["input.value"] as string)).toEqual(hook.payload.tool_input);
    expect(tool!.attributes["output.value"]).toContain("nemo-42");
    expectNoSecrets(rx);
  });
});

describe("trace context", () => {
  const outer = { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7" };
  const traceparent = `00-${outer.traceId}-${outer.spanId}-01`;
  const rootOf = (spans: DecodedSpan[]) => spans.find((s) => s.attributes["nemo_relay.span.type"] === "session")!;

  test("compression gzip: every export is sent gzip-compressed, several times smaller, and decodes to the same spans", async () => {
    const plain = receiver();
    const packed = receiver();
    await exportRun("claude-code", "basic", { opentelemetry: { enabled: true, endpoint: plain.url } });
    await exportRun("claude-code", "basic", { opentelemetry: { enabled: true, endpoint: packed.url }, env: { OTEL_EXPORTER_OTLP_COMPRESSION: "gzip" } });
    expect(packed.requests.length).toBeGreaterThan(0);
    expect(packed.requests.every((r) => r.headers["content-encoding"] === "gzip")).toBe(true);
    expect(plain.requests.some((r) => "content-encoding" in r.headers)).toBe(false);
    const wire = (rx: Receiver) => rx.requests.reduce((sum, r) => sum + r.wireBytes, 0);
    expect(wire(packed) * 3).toBeLessThan(wire(plain));
    const shape = (rx: Receiver) => rx.spans().map((s) => `${s.name} ${s.attributes["gen_ai.usage.input_tokens"] ?? ""}`).sort();
    expect(shape(packed)).toEqual(shape(plain));
  });

  test("a traceparent on the agent's requests puts the whole session under the caller's span", async () => {
    const rx = receiver();
    await exportRun("claude-code", "basic", { opentelemetry: { enabled: true, endpoint: rx.url }, headers: { traceparent, tracestate: "vendor=abc" } });
    const spans = rx.spans();
    expect(spans.every((s) => s.traceId === outer.traceId && s.traceState === "vendor=abc")).toBe(true);
    expect(rootOf(spans).parentSpanId).toBe(outer.spanId);
  });

  test("TRACEPARENT in the gateway's environment is every session's default parent; a request's own wins", async () => {
    const rx = receiver();
    await exportRun("codex", "basic", { opentelemetry: { enabled: true, endpoint: rx.url }, env: { TRACEPARENT: traceparent } });
    expect(rx.spans().every((s) => s.traceId === outer.traceId)).toBe(true);
    expect(rootOf(rx.spans()).parentSpanId).toBe(outer.spanId);

    const own = receiver();
    const mine = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    await exportRun("codex", "basic", { opentelemetry: { enabled: true, endpoint: own.url }, env: { TRACEPARENT: traceparent }, headers: { traceparent: mine } });
    expect(own.spans().every((s) => s.traceId === "0af7651916cd43dd8448eb211c80319c")).toBe(true);
  });

  test("without trace context a session gets a trace of its own, the same one if it is recorded again", async () => {
    const first = receiver();
    const second = receiver();
    await exportRun("codex", "basic", { opentelemetry: { enabled: true, endpoint: first.url } });
    await exportRun("codex", "basic", { opentelemetry: { enabled: true, endpoint: second.url } });
    const trace = rootOf(first.spans()).traceId;
    expect(rootOf(first.spans()).parentSpanId).toBeUndefined();
    expect(rootOf(second.spans()).traceId).toBe(trace);
  });
});

describe("the collector is down", () => {
  test.each(["codex", "claude-code"] as const)("%s: the agent gets the same answers, spans are counted as failed, one warning, bounded stop", async (client) => {
    const baseline = await exportRun(client, "subagent", {});
    const down = await exportRun(client, "subagent", {
      opentelemetry: { enabled: true, endpoint: deadEndpoint(), timeout_millis: 1000, headers: { "x-collector-token": DUMMY_KEYS.collector } },
      exportEachStep: true,
    });
    expect(down.responses).toEqual(baseline.responses);
    expect(down.responses.length).toBe(down.hooks.length + down.exchanges.length);
    expect(down.stats!.sent).toBe(0);
    expect(down.stats!.failed + down.stats!.dropped).toBeGreaterThan(0);
    expect(down.stats!.queued).toBe(0);
    expect(down.reports).toHaveLength(1);
    expect(down.reports[0]).toContain("OpenTelemetry export to http://127.0.0.1:");
    expect(down.reports[0]).toContain("is failing (connection refused)");
    for (const secret of Object.values(DUMMY_KEYS)) expect(down.reports[0]).not.toContain(secret);
    expect(down.stopMillis).toBeLessThan(3000);
  });

  test("a collector answering 503 gets bounded retries, then the spans are counted as failed", async () => {
    let calls = 0;
    const rx = startReceiver({ status: () => (calls++, 503) });
    receivers.push(rx);
    const run = await exportRun("claude-code", "basic", { opentelemetry: { enabled: true, endpoint: rx.url, timeout_millis: 2000 }, exportEachStep: true });
    expect(run.stats!.sent).toBe(0);
    expect(run.stats!.failed).toBeGreaterThan(0);
    expect(calls).toBeGreaterThan(1);
    expect(run.reports).toHaveLength(1);
    expect(run.reports[0]).toContain("HTTP 503");
    expectNoSecrets(rx);
  });
});
