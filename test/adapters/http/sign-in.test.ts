/**
 * The routing decision for OpenAI-family calls (SPEC §1.2 "Every sign-in is served, none is
 * changed"), over every combination of credential and account header.
 */
import { describe, expect, test } from "bun:test";
import { matchProviderRoute, upstreamOf, upstreamUrl, type RouteMatch } from "../../../src/adapters/http/proxy/provider-routes.ts";
import { openaiSignIn } from "../../../src/adapters/http/proxy/sign-in.ts";
import { chatgptJwt } from "../../support/chatgpt-sign-in.ts";

const headers = (authorization?: string, accountId?: string) =>
  new Headers({ ...(authorization !== undefined ? { authorization } : {}), ...(accountId !== undefined ? { "chatgpt-account-id": accountId } : {}) });

/** A JWT without ChatGPT's claim: e.g. an Entra ID token in front of Azure OpenAI. */
const otherJwt = `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from('{"aud":"https://cognitiveservices.azure.com","exp":4102444800}').toString("base64url")}.c2ln`;

describe("openaiSignIn", () => {
  const cases: Array<[string, string | undefined, string | undefined, "chatgpt" | "api"]> = [
    ["API key", "Bearer sk-proj-abc123", undefined, "api"],
    ["API key beside an account header (the key decides)", "Bearer sk-proj-abc123", "acct-1", "api"],
    ["ChatGPT JWT", `Bearer ${chatgptJwt()}`, undefined, "chatgpt"],
    ["ChatGPT JWT with the account header", `Bearer ${chatgptJwt()}`, "acct-1", "chatgpt"],
    ["opaque at- token", "Bearer at-0123456789abcdef", undefined, "chatgpt"],
    ["opaque at- token with the account header", "Bearer at-0123456789abcdef", "acct-1", "chatgpt"],
    ["account header without a bearer", undefined, "acct-1", "chatgpt"],
    ["account header with an unknown bearer", "Bearer custom-token", "acct-1", "chatgpt"],
    ["a JWT without ChatGPT's claim", `Bearer ${otherJwt}`, undefined, "api"],
    ["a JWT-looking token that does not decode", "Bearer eyJhbGci.%%%.sig", undefined, "api"],
    ["an unknown bearer", "Bearer custom-token", undefined, "api"],
    ["no credential at all", undefined, undefined, "api"],
    ["lower-case scheme", `bearer ${chatgptJwt()}`, undefined, "chatgpt"],
  ];
  for (const [name, authorization, account, expected] of cases) {
    test(`${name} → ${expected}`, () => expect(openaiSignIn(headers(authorization, account))).toBe(expected));
  }

  test("OPENAI_API_KEY in the gateway's environment changes nothing: the decision reads the request only", () => {
    const before = process.env.OPENAI_API_KEY;
    const decide = () => cases.map(([, authorization, account]) => openaiSignIn(headers(authorization, account)));
    try {
      delete process.env.OPENAI_API_KEY;
      const without = decide();
      process.env.OPENAI_API_KEY = "sk-from-the-gateway-env";
      expect(decide()).toEqual(without);
      expect(without).toEqual(cases.map(([, , , expected]) => expected));
    } finally {
      if (before === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = before;
    }
  });
});

describe("upstreamOf and upstreamUrl", () => {
  const match = (path: string, method = "POST") => matchProviderRoute(path, method) as RouteMatch;
  const chatgpt = headers(`Bearer ${chatgptJwt()}`, "acct-1");

  test("OpenAI-family routes follow the sign-in; Anthropic routes never go to ChatGPT", () => {
    expect(upstreamOf(match("/v1/responses"), chatgpt)).toBe("chatgpt");
    expect(upstreamOf(match("/responses/compact"), chatgpt)).toBe("chatgpt");
    expect(upstreamOf(match("/v1/models", "GET"), chatgpt)).toBe("chatgpt");
    expect(upstreamOf(match("/v1/chat/completions"), chatgpt)).toBe("chatgpt");
    expect(upstreamOf(match("/v1/responses"), headers("Bearer sk-x"))).toBe("openai");
    expect(upstreamOf(match("/v1/messages"), chatgpt)).toBe("anthropic");
    expect(upstreamOf(match("/v1/messages"), headers("Bearer sk-ant-oat01-abc"))).toBe("anthropic");
  });

  test("the ChatGPT backend gets the path without /v1, the query kept", () => {
    const base = "https://chatgpt.com/backend-api/codex";
    expect(upstreamUrl("chatgpt", base, "/v1/responses", "")).toBe(`${base}/responses`);
    expect(upstreamUrl("chatgpt", `${base}/`, "/v1/responses/compact", "")).toBe(`${base}/responses/compact`);
    expect(upstreamUrl("chatgpt", base, "/v1/models", "?client_version=0.169.0")).toBe(`${base}/models?client_version=0.169.0`);
  });

  test("the OpenAI and Anthropic APIs keep /v1 exactly once", () => {
    expect(upstreamUrl("openai", "https://api.openai.com/v1", "/v1/responses", "")).toBe("https://api.openai.com/v1/responses");
    expect(upstreamUrl("openai", "http://127.0.0.1:9", "/v1/responses", "?a=1")).toBe("http://127.0.0.1:9/v1/responses?a=1");
    expect(upstreamUrl("anthropic", "https://api.anthropic.com", "/v1/messages", "?beta=true")).toBe("https://api.anthropic.com/v1/messages?beta=true");
  });
});
