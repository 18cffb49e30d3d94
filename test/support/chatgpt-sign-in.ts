/**
 * A Codex ChatGPT sign-in for tests, shaped as `codex login` writes it (Codex 0.169.0, verified
 * offline; shared/reference/real-clients.md "Subscription sign-ins"): `auth.json` with
 * `auth_mode: "chatgpt"` and JWT tokens whose payload carries `exp` and ChatGPT's claim. Codex
 * does not check the signature, and with `exp` far ahead it never refreshes. Every value is a
 * dummy; tests assert that none of them reaches a file nemo-relay writes.
 */
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
