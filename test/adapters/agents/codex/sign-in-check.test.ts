/** Doctor's account of Codex's sign-in: which one, where the gateway sends it, never a secret. */
import { describe, expect, test } from "bun:test";
import { codexSignInCheck } from "../../../../src/adapters/agents/codex/sign-in-check.ts";
import type { InstallContext } from "../../../../src/ports/agent-install.ts";
import { chatgptAuthJson } from "../../../support/chatgpt-sign-in.ts";

const upstream = { openaiBaseUrl: "http://openai.test/v1", anthropicBaseUrl: "http://anthropic.test", chatgptBaseUrl: "http://chatgpt.test/backend-api/codex" };
const context = (env: Record<string, string> = {}): InstallContext => ({ gatewayUrl: "http://127.0.0.1:47632", selfCommand: "nemo-relay", project: false, cwd: "/work", env: { CODEX_HOME: "/ch", ...env }, upstream });
const withAuth = (text?: string) => (path: string) => (path === "/ch/auth.json" ? text : undefined);
const SECRET = "sk-proj-secret-value-123";

describe("codex.sign_in", () => {
  test("a ChatGPT login is routed to the configured ChatGPT backend", () => {
    const c = codexSignInCheck(context(), withAuth(chatgptAuthJson()));
    expect(c).toMatchObject({ id: "codex.sign_in", status: "ok", fix: null });
    expect(c.message).toBe("signed in with ChatGPT (/ch/auth.json): calls go to the ChatGPT backend http://chatgpt.test/backend-api/codex with Codex's own token, never replaced by an API key");
  });

  test("an OPENAI_API_KEY beside a ChatGPT login does not change where it goes", () => {
    expect(codexSignInCheck(context({ OPENAI_API_KEY: SECRET }), withAuth(chatgptAuthJson())).message).toStartWith("signed in with ChatGPT");
  });

  test("an API key login, or CODEX_API_KEY, goes to the OpenAI upstream; the key is never shown", () => {
    const login = codexSignInCheck(context(), withAuth(JSON.stringify({ auth_mode: "apikey", OPENAI_API_KEY: SECRET })));
    expect(login).toMatchObject({ status: "ok", message: "signed in with an API key (/ch/auth.json): calls go to http://openai.test/v1 with it, unchanged" });
    const env = codexSignInCheck(context({ CODEX_API_KEY: SECRET }), withAuth(chatgptAuthJson()));
    expect(env).toMatchObject({ status: "ok", message: "CODEX_API_KEY is set (an API key): calls go to http://openai.test/v1 with it, unchanged" });
    for (const c of [login, env]) expect(JSON.stringify(c)).not.toContain(SECRET);
  });

  test("only OPENAI_API_KEY: a warning that the installed provider sends no credential, and how to fix it", () => {
    const c = codexSignInCheck(context({ OPENAI_API_KEY: SECRET }), withAuth(undefined));
    expect(c.status).toBe("warn");
    expect(c.message).toContain("Codex ignores it for the installed provider");
    expect(c.fix).toBe("codex login --with-api-key (reads the key from stdin), or set CODEX_API_KEY");
    expect(JSON.stringify(c)).not.toContain(SECRET);
  });

  test("no sign-in, or an auth.json that is not Codex's, is a warning pointing at codex login", () => {
    expect(codexSignInCheck(context(), withAuth(undefined))).toMatchObject({ status: "warn", fix: "codex login" });
    expect(codexSignInCheck(context(), withAuth("{not json"))).toMatchObject({ status: "warn", message: "/ch/auth.json is not the JSON `codex login` writes; Codex may not be signed in" });
  });
});
