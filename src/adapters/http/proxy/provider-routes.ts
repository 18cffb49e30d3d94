import type { ProviderApiName } from "../../../ports/provider-api.ts";

import { openaiSignIn } from "./sign-in.ts";

/** Where a call goes: the configured OpenAI and Anthropic APIs, or the ChatGPT backend (Codex signed in with ChatGPT). */
export type UpstreamName = "openai" | "anthropic" | "chatgpt";

/** A provider path family: where it goes and, for LLM calls, which wire API reads it. */
export interface ProviderRoute {
  /** Canonical path prefix, with `/v1`. */
  readonly prefix: string;
  readonly upstream: "openai" | "anthropic";
  /** The API that reads requests/responses of exactly this path; none means pass-through only. */
  readonly api?: ProviderApiName;
  readonly methods: readonly string[];
  /** What calls on this route are for, when not a turn of the conversation. */
  readonly purpose?: string;
}

/** Most specific first: `/v1/messages/count_tokens` before `/v1/messages`. */
const ROUTES: readonly ProviderRoute[] = [
  { prefix: "/v1/messages/count_tokens", upstream: "anthropic", methods: ["POST"] },
  { prefix: "/v1/messages", upstream: "anthropic", api: "anthropic-messages", methods: ["POST"] },
  // Codex's remote compaction (ChatGPT sign-ins): a unary call whose answer is a response object with usage.
  { prefix: "/v1/responses/compact", upstream: "openai", api: "openai-responses", methods: ["POST"], purpose: "compaction" },
  { prefix: "/v1/responses", upstream: "openai", api: "openai-responses", methods: ["POST"] },
  { prefix: "/v1/chat/completions", upstream: "openai", api: "openai-chat", methods: ["POST"] },
  { prefix: "/v1/models", upstream: "openai", methods: ["GET"] },
];

export interface RouteMatch {
  readonly route: ProviderRoute;
  /** The path with its `/v1` prefix, whichever form the client used. */
  readonly canonicalPath: string;
  /** The wire API reads the call only on the exact path (not on sub-paths like `/responses/compact`). */
  readonly api?: ProviderApiName;
}

/**
 * The provider route for a request path, with or without the `/v1` prefix. Sub-paths of a route
 * (`/v1/responses/compact`) are forwarded transparently, with any method.
 */
export function matchProviderRoute(pathname: string, method: string): RouteMatch | "method_not_allowed" | undefined {
  const canonicalPath = pathname.startsWith("/v1/") ? pathname : `/v1${pathname}`;
  for (const route of ROUTES) {
    const exact = canonicalPath === route.prefix;
    if (!exact && !canonicalPath.startsWith(`${route.prefix}/`)) continue;
    if (exact && !route.methods.includes(method)) return "method_not_allowed";
    return { route, canonicalPath, api: exact ? route.api : undefined };
  }
  return undefined;
}

/**
 * The upstream a request goes to: its route's, except that OpenAI-family calls carrying a ChatGPT
 * sign-in go to the ChatGPT backend, which is the one host that accepts that credential.
 */
export function upstreamOf(match: RouteMatch, headers: Headers): UpstreamName {
  return match.route.upstream === "openai" && openaiSignIn(headers) === "chatgpt" ? "chatgpt" : match.route.upstream;
}

/**
 * The upstream URL: the base plus the canonical path, without doubling `/v1` when the base
 * already ends with it (`https://api.openai.com/v1` + `/v1/responses`). The ChatGPT backend
 * takes paths without `/v1` (`…/backend-api/codex` + `/responses`).
 */
export function upstreamUrl(upstream: UpstreamName, base: string, canonicalPath: string, search: string): string {
  const trimmed = base.replace(/\/+$/, "");
  const path = upstream === "chatgpt" || trimmed.endsWith("/v1") ? canonicalPath.slice(3) : canonicalPath;
  return `${trimmed}${path}${search}`;
}
