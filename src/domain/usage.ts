/**
 * Token usage, normalised across providers so that ATIF's definitions hold:
 * `inputTokens` counts *all* input tokens (cached and uncached) and `cachedTokens` is the
 * cache-hit subset of it. Cache writes are not hits; they are kept apart.
 */
export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedTokens: number;
  readonly cacheWriteTokens?: number;
  readonly reasoningTokens?: number;
  readonly costUsd?: number;
}

type Json = Record<string, unknown>;

const count = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? Math.trunc(value) : undefined;

const object = (value: unknown): Json | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;

/**
 * Reads a provider's `usage` object (OpenAI Responses, Chat Completions, Anthropic Messages) or
 * Codex's `PostModelRequest.token_usage`, whichever shape it is. Returns undefined when the
 * value carries no token counts at all.
 *
 * @example
 * normalizeUsage({ input_tokens: 10, cache_read_input_tokens: 90, output_tokens: 5 })
 * // Anthropic: { inputTokens: 100, outputTokens: 5, cachedTokens: 90 }
 */
export function normalizeUsage(raw: unknown): Usage | undefined {
  const u = object(raw);
  if (!u) return undefined;
  const isAnthropic = "cache_read_input_tokens" in u || "cache_creation_input_tokens" in u;
  const output = count(u.output_tokens) ?? count(u.completion_tokens);
  const reasoning =
    count(u.reasoning_output_tokens) ??
    count(object(u.output_tokens_details)?.reasoning_tokens) ??
    count(object(u.completion_tokens_details)?.reasoning_tokens);
  const costUsd = typeof u.cost_usd === "number" && u.cost_usd >= 0 ? u.cost_usd : undefined;

  if (isAnthropic) {
    // Anthropic's input_tokens excludes cache reads and cache writes; ATIF's prompt includes both.
    const read = count(u.cache_read_input_tokens) ?? 0;
    const write = count(u.cache_creation_input_tokens) ?? 0;
    const uncached = count(u.input_tokens) ?? 0;
    return build(uncached + read + write, output ?? 0, read, write, reasoning, costUsd);
  }

  const input = count(u.input_tokens) ?? count(u.prompt_tokens);
  if (input === undefined && output === undefined) return undefined;
  const cached =
    count(u.cached_input_tokens) ??
    count(object(u.input_tokens_details)?.cached_tokens) ??
    count(object(u.prompt_tokens_details)?.cached_tokens) ??
    count(u.cached_tokens) ??
    0;
  const write = count(u.cache_write_input_tokens);
  // A provider reporting more hits than inputs is wrong; never emit cached > prompt.
  return build(input ?? 0, output ?? 0, Math.min(cached, input ?? 0), write, reasoning, costUsd);
}

function build(
  inputTokens: number,
  outputTokens: number,
  cachedTokens: number,
  cacheWriteTokens: number | undefined,
  reasoningTokens: number | undefined,
  costUsd: number | undefined,
): Usage {
  return {
    inputTokens,
    outputTokens,
    cachedTokens,
    ...(cacheWriteTokens ? { cacheWriteTokens } : {}),
    ...(reasoningTokens ? { reasoningTokens } : {}),
    ...(costUsd !== undefined ? { costUsd } : {}),
  };
}

/**
 * True when two usages report the same call (used to pair a hook's copy with the wire's).
 *
 * @example
 * sameUsage(normalizeUsage({ input_tokens: 3, output_tokens: 1 }), normalizeUsage({ prompt_tokens: 3, completion_tokens: 1 })); // true
 */
export function sameUsage(a: Usage, b: Usage): boolean {
  return a.inputTokens === b.inputTokens && a.outputTokens === b.outputTokens && a.cachedTokens === b.cachedTokens;
}
