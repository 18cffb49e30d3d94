/**
 * A Codex ChatGPT sign-in for tests, shaped as `codex login` writes it (Codex 0.169.0, verified
 * offline; shared/reference/real-clients.md "Subscription sign-ins"): `auth.json` with
 * `auth_mode: "chatgpt"` and JWT tokens whose payload carries `exp` and ChatGPT's claim. Codex
 * does not check the signature, and with `exp` far ahead it never refreshes. Every value is a
 * dummy; tests assert that none of them reaches a file nemo-relay writes.
 */
import { startFakeUpstream, type FakeUpstream } from "./fake-upstream.ts";

export const CHATGPT_ACCOUNT_ID = "acct-nemo-e2e-0000";
export const CHATGPT_REFRESH_TOKEN = "rt-nemo-e2e-dummy-refresh";

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A JWT with ChatGPT's `https://api.openai.com/auth` claim, `exp` in 2100, and a dummy signature. */
export function chatgptJwt(extra: Record<string, unknown> = {}): string {
  const payload = {
    exp: 4_102_444_800,
    iat: 1_765_000_000,
    email: "e2e@example.invalid",
    "https://api.openai.com/auth": { chatgpt_account_id: CHATGPT_ACCOUNT_ID, chatgpt_plan_type: "plus", chatgpt_user_id: "user-nemo-e2e", user_id: "user-nemo-e2e" },
    ...extra,
  };
  return `${base64url({ alg: "RS256", typ: "JWT" })}.${base64url(payload)}.bm90LWEtcmVhbC1zaWduYXR1cmU`;
}

/** The access token every ChatGPT test sends (one value, so tests can look for it in what was written). */
export const CHATGPT_ACCESS_TOKEN = chatgptJwt({ purpose: "access" });

/** `$CODEX_HOME/auth.json` of a ChatGPT sign-in. */
export function chatgptAuthJson(): string {
  const tokens = { id_token: chatgptJwt({ purpose: "id" }), access_token: CHATGPT_ACCESS_TOKEN, refresh_token: CHATGPT_REFRESH_TOKEN, account_id: CHATGPT_ACCOUNT_ID };
  return `${JSON.stringify({ auth_mode: "chatgpt", OPENAI_API_KEY: null, tokens, last_refresh: new Date().toISOString() }, null, 2)}\n`;
}

/** A stand-in for the OpenAI API as a ChatGPT sign-in meets it: every request refused with 401 (and recorded, to prove none came). */
export function startRefusingOpenAi(): FakeUpstream {
  const upstream = startFakeUpstream();
  upstream.handle(() => Response.json({ error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } }, { status: 401 }));
  return upstream;
}

/**
 * Where Codex's own ChatGPT web calls go in tests (`chatgpt_base_url`: workspace routing and
 * settings lookups; and the token refresh URL): not model calls, so not the gateway's business;
 * on loopback so that nothing tries to reach chatgpt.com. It answers 404.
 */
export function startChatGptWeb(): FakeUpstream {
  const upstream = startFakeUpstream();
  upstream.handle(() => Response.json({ detail: "Not Found" }, { status: 404 }));
  return upstream;
}

/** Codex's `config.toml` line and environment that keep a ChatGPT sign-in's own web calls on `web`. */
export const chatgptWebSettings = (web: FakeUpstream) => ({
  toml: `chatgpt_base_url = "${web.url}/backend-api/"\n`,
  env: { CODEX_REFRESH_TOKEN_URL_OVERRIDE: `${web.url}/oauth/token` },
});
