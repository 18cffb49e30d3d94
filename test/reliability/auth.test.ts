/**
 * The gateway token. Beyond loopback the gateway only starts with a token configured
 * (`NEMO_RELAY_AUTH_TOKEN` or `[gateway] auth_token`), and then every route wants it in
 * `x-nemo-relay-token` (401 otherwise) while `authorization` stays the provider's. Loopback
 * binds need no token, and with one configured require it too.
 *
 * This machine's loopback interface has no address outside 127.0.0.0/8 and ::1 (all of which
 * count as loopback), so the non-loopback path is proven by the decision itself plus a gateway
 * on loopback with a token configured; nothing here listens beyond loopback.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { tokenChecker } from "../../src/adapters/http/auth-token.ts";
import { resolveConfig } from "../../src/app/config/resolve.ts";
import { exposureAllowed, isLoopback } from "../../src/app/gateway/bind-address.ts";
import { gatewayParts } from "../../src/app/gateway/parts.ts";
import { startGateway } from "../../src/app/gateway/start-gateway.ts";
import { streamText } from "./support/provider-streams.ts";
import { makeSecrets } from "./support/secrets.ts";
import { startTestGateway, type TestGateway } from "./support/test-gateway.ts";

const BIN = join(import.meta.dir, "../../bin/nemo-relay.ts");
const token = makeSecrets().gatewayToken;

describe("the decision", () => {
  test("loopback is 127.0.0.0/8, ::1 and localhost; anything else is not", () => {
    for (const host of ["127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "localhost"]) expect({ host, loopback: isLoopback(host) }).toEqual({ host, loopback: true });
    for (const host of ["0.0.0.0", "::", "192.0.2.2", "10.0.0.1", "fd00::2", "127.0.0.1.example.com", "localhost.example.com", "128.0.0.1", ""]) expect({ host, loopback: isLoopback(host) }).toEqual({ host, loopback: false });
  });

  test("a non-loopback bind needs a token; loopback does not", () => {
    const refused = exposureAllowed("0.0.0.0:4040", "0.0.0.0", undefined);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe("invalid_argument");
    expect(!refused.ok && refused.error.message).toStartWith("refusing to bind 0.0.0.0:4040 without an auth token");
    expect(!refused.ok && refused.error.message).toContain("NEMO_RELAY_AUTH_TOKEN");
    expect(exposureAllowed("0.0.0.0:4040", "0.0.0.0", token).ok).toBe(true);
    expect(exposureAllowed("127.0.0.1:4040", "127.0.0.1", undefined).ok).toBe(true);
  });

  test("startGateway refuses 0.0.0.0 without a token before listening on anything", () => {
    const config = resolveConfig([], [], { env: {}, bind: "0.0.0.0:0" });
    expect(config.ok).toBe(true);
    const started = config.ok ? startGateway(config.value, gatewayParts(() => {})) : undefined;
    expect(started?.ok).toBe(false);
  });

  test("the token check accepts exactly the token", () => {
    const accepts = tokenChecker(token);
    expect(accepts(token)).toBe(true);
    for (const guess of [null, "", token.slice(0, -1), `${token}x`, token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(), ` ${token}`, "x".repeat(token.length)]) expect(accepts(guess)).toBe(false);
  });
});

describe("a gateway with a token configured (on loopback)", () => {
  let t: TestGateway;
  beforeAll(() => {
    t = startTestGateway({ env: { NEMO_RELAY_AUTH_TOKEN: token } });
    t.upstream.handle(() => new Response(streamText("openai-responses", "authorized answer"), { headers: { "content-type": "text/event-stream" } }));
  });
  afterAll(() => t.stop());

  const ROUTES: Array<[string, string, string?]> = [
    ["GET", "/healthz"],
    ["POST", "/hooks/codex", '{"session_id":"auth","hook_event_name":"UserPromptSubmit","prompt":"hi"}'],
    ["POST", "/hooks/claude-code", "{}"],
    ["POST", "/v1/responses", '{"model":"m","stream":true}'],
    ["POST", "/chat/completions", "{}"],
    ["GET", "/v1/models"],
    ["POST", "/no/such/route", "{}"],
  ];

  test("every route answers 401 without the token, or with a wrong one, and nothing reaches the provider", async () => {
    for (const header of [undefined, "wrong-token-of-some-length", token.slice(1), `Bearer ${token}`]) {
      for (const [method, path, body] of ROUTES) {
        const res = await fetch(`${t.gateway.url}${path}`, { method, body, headers: header === undefined ? {} : { "x-nemo-relay-token": header } });
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
        expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "this gateway requires its token in the x-nemo-relay-token header", type: "nemo_relay_gateway_error" } });
      }
    }
    // The token in `authorization` is not the gateway's token: that header belongs to the provider.
    expect((await fetch(`${t.gateway.url}/healthz`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect(t.upstream.received).toHaveLength(0);
    expect(t.gateway.service.recorder.sessionIds()).toEqual([]);
  });

  test("a huge body without the token is refused before it is read", async () => {
    const res = await fetch(`${t.gateway.url}/v1/responses`, { method: "POST", body: new Uint8Array(50 * 1024 * 1024) });
    expect(res.status).toBe(401);
    expect(t.upstream.received).toHaveLength(0);
  });

  test("with the token every route works, the provider gets its own credentials untouched and never the token", async () => {
    const headers = { "x-nemo-relay-token": token, authorization: "Bearer provider-credential", "x-api-key": "provider-key", "content-type": "application/json" };
    expect((await fetch(`${t.gateway.url}/healthz`, { headers })).status).toBe(200);
    expect(await (await fetch(`${t.gateway.url}/hooks/codex`, { method: "POST", body: '{"session_id":"auth","hook_event_name":"UserPromptSubmit","prompt":"hi"}', headers })).json()).toEqual({});
    const res = await fetch(`${t.gateway.url}/v1/responses`, { method: "POST", body: '{"model":"m","stream":true}', headers: { ...headers, "session-id": "auth" } });
    expect(await res.text()).toBe(streamText("openai-responses", "authorized answer"));
    const seen = t.upstream.received.at(-1)!;
    expect(seen.headers.authorization).toBe("Bearer provider-credential");
    expect(seen.headers["x-api-key"]).toBe("provider-key");
    expect(seen.headers["x-nemo-relay-token"]).toBeUndefined();
    await t.gateway.settled();
    expect(JSON.stringify(t.gateway.service.snapshot("auth"))).not.toContain(token);
  });
});

test("[gateway] auth_token in config.toml works like the variable", async () => {
  const t = startTestGateway({ gateway: { auth_token: token } });
  try {
    expect((await fetch(`${t.gateway.url}/healthz`)).status).toBe(401);
    expect((await fetch(`${t.gateway.url}/healthz`, { headers: { "x-nemo-relay-token": token } })).status).toBe(200);
  } finally {
    await t.stop();
  }
});

test("a loopback gateway without a token needs none", async () => {
  const t = startTestGateway();
  try {
    expect((await fetch(`${t.gateway.url}/healthz`)).status).toBe(200);
  } finally {
    await t.stop();
  }
});

test("serve: a non-loopback bind without a token, or with one too short, is one clear line that never shows the value", async () => {
  const run = async (args: string[], env: Record<string, string>) => {
    const proc = Bun.spawn([process.execPath, BIN, ...args], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/nonexistent", ...env }, stdout: "pipe", stderr: "pipe" });
    const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    return { stdout, stderr, code };
  };
  const refused = await run(["serve", "--bind", "0.0.0.0:0"], {});
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/^nemo-relay: refusing to bind 0\.0\.0\.0:0 without an auth token: .* \[invalid_argument\]\n$/);
  const short = await run(["serve", "--bind", "0.0.0.0:0"], { NEMO_RELAY_AUTH_TOKEN: "short-secret" });
  expect(short.code).toBe(1);
  expect(short.stderr).toBe("nemo-relay: NEMO_RELAY_AUTH_TOKEN must be at least 16 characters (value not shown) [config_invalid]\n");
});

test("a transparent run's private gateway is not held to a token meant for a shared gateway", async () => {
  // The agent's own LLM clients could not send one; the private gateway is loopback-only and lives for the run.
  const agent = `fetch(process.env.NEMO_RELAY_GATEWAY_URL + "/healthz").then((r) => process.exit(r.status === 200 ? 0 : 5))`;
  const proc = Bun.spawn([process.execPath, BIN, "run", "--agent", "hermes", "--", process.execPath, "-e", agent], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/nonexistent", NEMO_RELAY_AUTH_TOKEN: token },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
  expect({ code, stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining(token) });
});
