/**
 * Which OpenAI-family host accepts a request's credential. Codex signed in with ChatGPT sends its
 * ChatGPT access token (a JWT, or an opaque `at-…` token from newer sign-ins) and, always, a
 * `chatgpt-account-id` header: the OpenAI API refuses those (401), the ChatGPT backend takes them.
 * API keys go to the OpenAI API. The credential is only routed, never changed or replaced: a
 * user's billing must not change because an observer is in the path.
 */
export type OpenAiSignIn = "chatgpt" | "api";

/** The claim ChatGPT puts in its access and id tokens. */
const CHATGPT_CLAIM = "https://api.openai.com/auth";

/**
 * `chatgpt` for a ChatGPT sign-in, `api` for everything else (an API key, no credential, an
 * unknown one). An `sk-` key is an API key even beside an account header; a JWT counts as
 * ChatGPT's only when it carries ChatGPT's claim, so that other identity tokens (Entra ID in
 * front of Azure OpenAI, say) keep going to the configured OpenAI upstream.
 *
 * @example
 * openaiSignIn(new Headers({ authorization: "Bearer at-123", "chatgpt-account-id": "acct" })); // "chatgpt"
 * openaiSignIn(new Headers({ authorization: "Bearer sk-proj-123" })); // "api"
 */
export function openaiSignIn(headers: Headers): OpenAiSignIn {
  const bearer = bearerOf(headers.get("authorization"));
  if (bearer?.startsWith("sk-")) return "api";
  if (headers.has("chatgpt-account-id")) return "chatgpt";
  if (bearer === undefined) return "api";
  return bearer.startsWith("at-") || carriesChatGptClaim(bearer) ? "chatgpt" : "api";
}

function bearerOf(authorization: string | null): string | undefined {
  const match = authorization && /^bearer\s+(\S+)/i.exec(authorization);
  return match ? match[1] : undefined;
}

/** A JWT (`header.payload.signature`) whose payload names ChatGPT's claim; the signature is not ours to check. */
function carriesChatGptClaim(token: string): boolean {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[0]!.startsWith("eyJ")) return false;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null && CHATGPT_CLAIM in payload;
  } catch {
    return false;
  }
}
