/**
 * Limits, end to end through the gateway and its config keys: request bodies and hook payloads
 * are capped, sessions kept in memory are bounded (`max_sessions`) and quiet ones leave memory
 * (`session_idle_secs`) with their file written, and a flood of hint-producing hooks or tool
 * calls cannot grow a session's correlation tables past their bound.
 */
import { describe, expect, test } from "bun:test";
import { heapStats } from "bun:jsc";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_MAX_HINTS } from "../../src/domain/correlation/correlator.ts";
import type { Trajectory } from "../../src/domain/trajectory/schema.ts";
import { validateTrajectory } from "../../src/domain/trajectory/validate.ts";
import { sseHeaders, streamText } from "./support/provider-streams.ts";
import { postJson, startTestGateway } from "./support/test-gateway.ts";
import { until } from "./support/until.ts";

const CAP = 4096;

/** A chunked body (no content-length), so the cap must be enforced while reading. */
const chunked = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let sent = 0; sent < bytes; sent += 1000) controller.enqueue(new Uint8Array(Math.min(1000, bytes - sent)).fill(32));
      controller.close();
    },
  });

/** What every agent's hook sends (the gateway refuses other hook bodies). */
const JSON_TYPE = { "content-type": "application/json" };

describe("body caps", () => {
  test("max_body_bytes and max_hook_payload_bytes: at the cap accepted, one byte over refused with a precise 413, declared or chunked", async () => {
    const t = startTestGateway({ gateway: { max_body_bytes: CAP, max_hook_payload_bytes: CAP } });
    t.upstream.handle(() => Response.json({ ok: true }));
    try {
      const padded = (size: number) => `{"session_id":"caps","hook_event_name":"Stop","pad":"${"x".repeat(size - 55)}"}`;
      expect(padded(CAP)).toHaveLength(CAP);
      for (const path of ["/hooks/codex", "/v1/responses"]) {
        const atCap = await fetch(`${t.gateway.url}${path}`, { method: "POST", body: padded(CAP), headers: JSON_TYPE });
        expect({ path, status: atCap.status }).toEqual({ path, status: 200 });
        const over = await fetch(`${t.gateway.url}${path}`, { method: "POST", body: padded(CAP + 1), headers: JSON_TYPE });
        expect(over.status).toBe(413);
        expect(await over.json()).toEqual({ error: { code: "payload_too_large", message: `request body of ${CAP + 1} bytes exceeds the limit of ${CAP} bytes`, type: "nemo_relay_gateway_error" } });
        const streamed = await fetch(`${t.gateway.url}${path}`, { method: "POST", body: chunked(CAP * 10), headers: JSON_TYPE, duplex: "half" } as RequestInit);
        expect(streamed.status).toBe(413);
        expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
      }
      expect(t.upstream.received).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });
});

const readTrajectory = (dir: string, id: string) => JSON.parse(readFileSync(join(dir, `${id}.atif.json`), "utf8")) as Trajectory;
const prompt = (url: string, sessionId: string, text: string) => postJson(`${url}/hooks/claude-code`, { session_id: sessionId, hook_event_name: "UserPromptSubmit", prompt: text });

describe("sessions in memory", () => {
  test("max_sessions: beyond it the least recently active sessions are ended, written, then forgotten", async () => {
    // idle_timeout_secs only sets how often the gateway looks (every 50 ms here); sessions never go idle.
    const t = startTestGateway({ gateway: { max_sessions: 3, idle_timeout_secs: 0.2, session_idle_secs: 3600 } });
    try {
      for (let i = 1; i <= 6; i++) await prompt(t.gateway.url, `cap-${i}`, `prompt of cap-${i}`);
      const left = await until("the gateway to keep only 3 sessions", () => {
        const ids = t.gateway.service.recorder.sessionIds();
        return ids.length <= 3 && ids;
      });
      expect(left.sort()).toEqual(["cap-4", "cap-5", "cap-6"]);
      await t.gateway.settled();
      for (let i = 1; i <= 3; i++) {
        const record = readTrajectory(t.dir, `cap-${i}`);
        expect(validateTrajectory(record).filter((v) => v.severity === "error")).toEqual([]);
        expect(record.steps[0]).toMatchObject({ source: "user", message: `prompt of cap-${i}` });
      }
    } finally {
      await t.stop();
    }
  });

  test("session_idle_secs: a quiet session is ended, written and leaves memory; an active one stays", async () => {
    const t = startTestGateway({ gateway: { session_idle_secs: 0.3 } });
    try {
      const started = performance.now();
      await prompt(t.gateway.url, "quiet", "a prompt, then silence");
      // "busy" keeps talking (every 50 ms) while "quiet" says nothing.
      let k = 0;
      await until(
        "the quiet session to leave memory",
        async () => {
          await postJson(`${t.gateway.url}/hooks/claude-code`, { session_id: "busy", hook_event_name: "UserPromptSubmit", prompt: `still here ${++k}` });
          return !t.gateway.service.recorder.sessionIds().includes("quiet");
        },
        10_000,
        50,
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(300);
      expect(t.gateway.service.recorder.sessionIds()).toEqual(["busy"]);
      await t.gateway.settled();
      expect(readTrajectory(t.dir, "quiet").steps).toEqual([expect.objectContaining({ source: "user", message: "a prompt, then silence" })]);
    } finally {
      await t.stop();
    }
  });
});

describe("correlation tables under a flood", () => {
  test(`20,000 hint-only hooks (Hermes pre_llm_call, Claude subagent prompts) keep at most ${DEFAULT_MAX_HINTS} hints, and hints alone do not grow the heap`, async () => {
    const t = startTestGateway();
    try {
      const hermes = (i: number) => postJson(`${t.gateway.url}/hooks/hermes`, { session_id: "flood-hermes", hook_event_name: "pre_llm_call", extra: { model: `model-${i}-${"m".repeat(200)}` } });
      const claude = (i: number) => postJson(`${t.gateway.url}/hooks/claude-code`, { session_id: "flood-claude", agent_id: "sub-1", hook_event_name: "UserPromptSubmit", prompt: `subagent task ${i}` });
      await postJson(`${t.gateway.url}/hooks/claude-code`, { session_id: "flood-claude", hook_event_name: "UserPromptSubmit", prompt: "spawn a helper" });
      await postJson(`${t.gateway.url}/hooks/claude-code`, { session_id: "flood-claude", hook_event_name: "SubagentStart", agent_id: "sub-1", agent_type: "Explore" });
      const flood = async (send: (i: number) => Promise<unknown>, from: number, count: number) => {
        for (let i = from; i < from + count; i += 100) await Promise.all(Array.from({ length: 100 }, (_, k) => send(i + k)));
      };
      // Hermes' pre_llm_call without a message is a hint and nothing else: the heap must not grow with it.
      await flood(hermes, 0, 1_000);
      Bun.gc(true);
      const before = heapStats().heapSize;
      await flood(hermes, 1_000, 9_000);
      Bun.gc(true);
      const grown = (heapStats().heapSize - before) / 2 ** 20;
      // A subagent's prompt is a hint and a step of its record (which does grow, as it should).
      await flood(claude, 0, 10_000);
      const state = (id: string) => t.gateway.service.recorder.sessionState(id)!.pendingHints;
      console.log(`hint flood: 20,000 hint hooks; tables hold ${state("flood-hermes").llmHints} (Hermes) and ${state("flood-claude").llmHints} (Claude) hints; heap ${grown >= 0 ? "+" : ""}${grown.toFixed(2)} MiB over the last 9,000 Hermes hints`);
      expect(state("flood-hermes").llmHints).toBe(DEFAULT_MAX_HINTS);
      expect(state("flood-claude").llmHints).toBe(DEFAULT_MAX_HINTS);
      expect(grown).toBeLessThan(1);
    } finally {
      await t.stop();
    }
  }, 60_000);

  test(`a response asking for 2,000 tool calls leaves at most ${DEFAULT_MAX_HINTS} tool hints`, async () => {
    const t = startTestGateway();
    const calls = Array.from({ length: 2_000 }, (_, i) => `event: response.output_item.done\ndata: ${JSON.stringify({ type: "response.output_item.done", output_index: i, item: { type: "function_call", call_id: `call_${i}`, name: "shell", arguments: "{}" } })}\n\n`).join("");
    t.upstream.handle(() => new Response(calls + streamText("openai-responses", ""), { headers: sseHeaders }));
    try {
      await postJson(`${t.gateway.url}/hooks/codex`, { session_id: "tool-flood", turn_id: "u1", hook_event_name: "UserPromptSubmit", prompt: "do everything" });
      const res = await fetch(`${t.gateway.url}/v1/responses`, { method: "POST", body: '{"model":"m","stream":true}', headers: { "session-id": "tool-flood" } });
      await res.text();
      await t.gateway.settled();
      expect(t.gateway.service.recorder.sessionState("tool-flood")!.pendingHints.toolHints).toBe(DEFAULT_MAX_HINTS);
    } finally {
      await t.stop();
    }
  });
});
