/** Doctor's account of Claude Code's sign-in, in Claude's own order; never a secret. */
import { describe, expect, test } from "bun:test";
import { claudeSignInCheck } from "../../../../src/adapters/agents/claude-code/sign-in-check.ts";
import type { InstallContext } from "../../../../src/ports/agent-install.ts";

const upstream = { openaiBaseUrl: "http://openai.test/v1", anthropicBaseUrl: "http://anthropic.test", chatgptBaseUrl: "http://chatgpt.test" };
const context = (env: Record<string, string> = {}): InstallContext => ({ gatewayUrl: "http://127.0.0.1:47632", selfCommand: "nemo-relay", project: false, cwd: "/work", env: { HOME: "/h", ...env }, upstream });
const files = (map: Record<string, string>) => (path: string) => map[path];
const none = files({});
const SECRET = "sk-ant-oat01-secret-value";

describe("claude.sign_in", () => {
  test("each sign-in, in Claude's order of precedence, goes to the Anthropic upstream unchanged", () => {
    const cases: Array<[Record<string, string>, (p: string) => string | undefined, string]> = [
      [{ ANTHROPIC_AUTH_TOKEN: SECRET, ANTHROPIC_API_KEY: SECRET }, none, "ANTHROPIC_AUTH_TOKEN is set (a bearer token)"],
      [{ ANTHROPIC_API_KEY: SECRET, CLAUDE_CODE_OAUTH_TOKEN: SECRET }, none, "ANTHROPIC_API_KEY is set (an API key)"],
      [{ CLAUDE_CODE_OAUTH_TOKEN: SECRET }, files({ "/h/.claude/settings.json": '{"apiKeyHelper": "/bin/key"}' }), "apiKeyHelper in /h/.claude/settings.json supplies the key"],
      [{ CLAUDE_CODE_OAUTH_TOKEN: SECRET }, none, "CLAUDE_CODE_OAUTH_TOKEN is set (a subscription)"],
      [{}, files({ "/h/.claude/.credentials.json": `{"claudeAiOauth":{"accessToken":"${SECRET}"}}` }), "signed in with a Claude subscription (`claude login`, /h/.claude/.credentials.json)"],
      [{ CLAUDE_CONFIG_DIR: "/cfg" }, files({ "/cfg/.credentials.json": "{}" }), "signed in with a Claude subscription (`claude login`, /cfg/.credentials.json)"],
      [{}, files({ "/h/.claude/settings.json": `{"env": {"ANTHROPIC_API_KEY": "${SECRET}"}}` }), "ANTHROPIC_API_KEY is set (an API key)"],
    ];
    for (const [env, read, start] of cases) {
      const c = claudeSignInCheck(context(env), read);
      expect(c.status).toBe("ok");
      expect(c.message).toStartWith(start);
      expect(c.message).toContain("http://anthropic.test");
      expect(JSON.stringify(c)).not.toContain(SECRET);
    }
  });

  test("Bedrock or Vertex: a warning that model calls bypass the gateway", () => {
    const c = claudeSignInCheck(context({ CLAUDE_CODE_USE_BEDROCK: "1", ANTHROPIC_API_KEY: SECRET }), none);
    expect(c).toMatchObject({ status: "warn" });
    expect(c.message).toStartWith("CLAUDE_CODE_USE_BEDROCK is set: Claude calls its cloud provider directly");
    expect(claudeSignInCheck(context({ CLAUDE_CODE_USE_VERTEX: "0" }), none).status).toBe("ok");
  });

  test("nothing visible: the login Claude keeps elsewhere (macOS keychain), still routed unchanged", () => {
    expect(claudeSignInCheck(context(), none).message).toStartWith("no API key or token in the environment or settings");
  });
});
