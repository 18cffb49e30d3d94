/**
 * Doctor's account of how Codex signs in and where the gateway sends its model calls: a ChatGPT
 * sign-in to the ChatGPT backend, an API key to the OpenAI upstream, each passed on unchanged.
 * Read from `$CODEX_HOME/auth.json` (as `codex login` writes it) and the environment; no
 * secret's value is ever shown.
 */
import { join } from "node:path";
import { isObject } from "../../../domain/json.ts";
import type { DoctorCheck, InstallContext } from "../../../ports/agent-install.ts";
import { codexHome } from "./codex-home.ts";

type Read = (path: string) => string | undefined;

const DEFAULT_UPSTREAM = { openaiBaseUrl: "the OpenAI upstream", chatgptBaseUrl: "the ChatGPT backend" };

/** The login `codex login` stored in auth.json: `chatgpt`, `apikey`, none, or unreadable. */
export type StoredLogin = "chatgpt" | "apikey" | "none" | "unreadable";

export function storedLogin(text: string | undefined): StoredLogin {
  if (text === undefined) return "none";
  let auth: unknown;
  try {
    auth = JSON.parse(text);
  } catch {
    return "unreadable";
  }
  if (!isObject(auth)) return "unreadable";
  const mode = typeof auth.auth_mode === "string" ? auth.auth_mode.toLowerCase() : undefined;
  if (mode?.startsWith("chatgpt") || (mode === undefined && isObject(auth.tokens))) return "chatgpt";
  if (mode === "apikey" || (typeof auth.OPENAI_API_KEY === "string" && auth.OPENAI_API_KEY.trim() !== "")) return "apikey";
  return "none";
}

export const codexAuthPath = (env: Readonly<Record<string, string | undefined>>, cwd: string) => join(codexHome(env, cwd), "auth.json");

export function codexSignInCheck(context: InstallContext, read: Read): DoctorCheck {
  const check = (status: DoctorCheck["status"], message: string, fix: string | null = null): DoctorCheck => ({ id: "codex.sign_in", status, message, fix });
  const { openaiBaseUrl, chatgptBaseUrl } = context.upstream ?? DEFAULT_UPSTREAM;
  const authPath = codexAuthPath(context.env, context.cwd);
  const login = storedLogin(read(authPath));
  const set = (name: string) => Boolean(context.env[name]?.trim());
  if (set("CODEX_API_KEY")) return check("ok", `CODEX_API_KEY is set (an API key): calls go to ${openaiBaseUrl} with it, unchanged`);
  if (login === "chatgpt") return check("ok", `signed in with ChatGPT (${authPath}): calls go to the ChatGPT backend ${chatgptBaseUrl} with Codex's own token, never replaced by an API key`);
  if (login === "apikey") return check("ok", `signed in with an API key (${authPath}): calls go to ${openaiBaseUrl} with it, unchanged`);
  if (login === "unreadable") return check("warn", `${authPath} is not the JSON \`codex login\` writes; Codex may not be signed in`, "codex login");
  if (set("OPENAI_API_KEY")) {
    return check("warn", "only OPENAI_API_KEY is set: `nemo-relay codex` passes it on, but Codex ignores it for the installed provider (requires_openai_auth), so plain `codex` sends no credential", "codex login --with-api-key (reads the key from stdin), or set CODEX_API_KEY");
  }
  return check("warn", `no sign-in found (no CODEX_API_KEY, no ${authPath}; a login kept in the OS keyring cannot be seen from here)`, "codex login");
}
