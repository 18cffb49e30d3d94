/**
 * Doctor's account of how Claude Code signs in, in Claude's own order (cloud provider, then
 * `ANTHROPIC_AUTH_TOKEN`, `ANTHROPIC_API_KEY`, `apiKeyHelper`, `CLAUDE_CODE_OAUTH_TOKEN`, then a
 * `claude login` subscription). Every Anthropic sign-in reaches the Anthropic upstream unchanged;
 * Bedrock and Vertex calls do not pass the gateway at all. No secret's value is ever shown.
 */
import { isObject } from "../../../domain/json.ts";
import type { DoctorCheck, InstallContext } from "../../../ports/agent-install.ts";
import { claudeSettingsPath } from "./install-settings.ts";

type Read = (path: string) => string | undefined;

const parsed = (text: string | undefined): Record<string, unknown> => {
  try {
    const value: unknown = text === undefined ? undefined : JSON.parse(text);
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
};

export function claudeSignInCheck(context: InstallContext, read: Read): DoctorCheck {
  const check = (status: DoctorCheck["status"], message: string, fix: string | null = null): DoctorCheck => ({ id: "claude.sign_in", status, message, fix });
  const settings = parsed(read(claudeSettingsPath(context, false)));
  // settings.json's `env` applies to every run, like the shell's.
  const env = { ...(isObject(settings.env) ? settings.env : {}), ...context.env } as Record<string, unknown>;
  const set = (name: string) => typeof env[name] === "string" && (env[name] as string).trim() !== "";
  const to = `calls go to ${context.upstream?.anthropicBaseUrl ?? "the Anthropic upstream"}`;
  for (const cloud of ["CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY"]) {
    if (set(cloud) && env[cloud] !== "0") return check("warn", `${cloud} is set: Claude calls its cloud provider directly, not through ANTHROPIC_BASE_URL, so only hooks are recorded (no LLM calls or token usage)`, null);
  }
  if (set("ANTHROPIC_AUTH_TOKEN")) return check("ok", `ANTHROPIC_AUTH_TOKEN is set (a bearer token): ${to} with it, unchanged`);
  if (set("ANTHROPIC_API_KEY")) return check("ok", `ANTHROPIC_API_KEY is set (an API key): ${to} with it, unchanged`);
  if (typeof settings.apiKeyHelper === "string") return check("ok", `apiKeyHelper in ${claudeSettingsPath(context, false)} supplies the key: ${to} with it, unchanged`);
  if (set("CLAUDE_CODE_OAUTH_TOKEN")) return check("ok", `CLAUDE_CODE_OAUTH_TOKEN is set (a subscription): ${to} with its bearer and OAuth beta header, unchanged`);
  const dir = context.env.CLAUDE_CONFIG_DIR?.trim() ? context.env.CLAUDE_CONFIG_DIR : `${context.env.HOME ?? ""}/.claude`;
  if (read(`${dir}/.credentials.json`) !== undefined) return check("ok", `signed in with a Claude subscription (\`claude login\`, ${dir}/.credentials.json): ${to} with its bearer, unchanged`);
  return check("ok", `no API key or token in the environment or settings: Claude uses its \`claude login\` (kept in the OS keychain on macOS) or asks you to sign in; ${to} unchanged either way`);
}
