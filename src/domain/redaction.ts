/**
 * Secrets that end up in what agents do — a key pasted into a prompt, echoed by a tool, sent in
 * a command — are replaced before anything is written. Patterns are the providers' documented
 * key shapes; a match becomes `[REDACTED:<kind>]`, so a reader still sees that something was there.
 */
export interface SecretPattern {
  readonly kind: string;
  readonly pattern: RegExp;
  /** Capture group 1, when present, is a prefix kept in clear (e.g. `Bearer `). */
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { kind: "private_key", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g },
  { kind: "anthropic_key", pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: "openai_key", pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: "aws_access_key", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: "aws_secret_key", pattern: /(aws_secret_access_key["']?\s*[=:]\s*["']?)[A-Za-z0-9/+=]{40}/gi },
  { kind: "github_token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g },
  { kind: "google_api_key", pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: "slack_token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { kind: "jwt", pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g },
  { kind: "bearer_token", pattern: /(\bBearer\s+)[A-Za-z0-9._~+/-]{20,}=*/g },
];

/**
 * A string with every secret-shaped part replaced.
 *
 * @example
 * redactText("key=sk-proj-abcdefghijklmnopqrstuvwxyz"); // "key=[REDACTED:openai_key]"
 */
/**
 * Where any default pattern could begin: a few scans decide whether the ten need to run at all.
 * Plain substring searches, not one case-insensitive alternation: that regex cost 2–4× more on
 * long texts (37 µs per 16 KiB of prose here) and was the top cost of recording long answers.
 */
const SECRET_STARTS = ["-----BEGIN", "sk-", "AKIA", "ASIA", "github_pat_", "AIza", "xox", "eyJ", "Bearer"];
const GITHUB_TOKEN_START = /gh[pousr]_/;
const AWS_SECRET_NAME = /aws_secret_access_key/i;

/** The shortest text any default pattern matches (`xoxb-` and 10 more): keys and short values are skipped at once. */
const SHORTEST_SECRET = 15;

/**
 * The same starts as one expression, for short texts (timestamps, ids, names: most strings of a
 * step): one regex call there costs a seventh of eleven searches, while on long texts the
 * searches win by 2x.
 */
const ANY_SECRET_START = new RegExp(`${SECRET_STARTS.join("|")}|${GITHUB_TOKEN_START.source}|${caseless(AWS_SECRET_NAME.source)}`);
const SHORT_TEXT = 256;

function caseless(word: string): string {
  return word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

function mayHoldSecret(text: string): boolean {
  if (text.length < SHORTEST_SECRET) return false;
  if (text.length <= SHORT_TEXT) return ANY_SECRET_START.test(text);
  for (const start of SECRET_STARTS) if (text.includes(start)) return true;
  return GITHUB_TOKEN_START.test(text) || AWS_SECRET_NAME.test(text);
}

export function redactText(text: string, patterns: readonly SecretPattern[] = SECRET_PATTERNS): string {
  if (patterns === SECRET_PATTERNS && !mayHoldSecret(text)) return text;
  let out = text;
  for (const { kind, pattern } of patterns) out = out.replace(pattern, (_match, prefix: unknown) => `${typeof prefix === "string" ? prefix : ""}[REDACTED:${kind}]`);
  return out;
}

/**
 * Nesting kept in what leaves the process. Agents and models can send JSON nested thousands
 * deep; no real payload comes near this, and writing such a value would exhaust the stack.
 */
export const MAX_OUTPUT_DEPTH = 512;
const TOO_DEEP = `[nested deeper than ${MAX_OUTPUT_DEPTH} levels]`;

/** Where a value being redacted sits, when it is part of a larger document. */
export interface RedactionPlace {
  /** How deep the value sits in the document it will be written in: the depth bound counts from the root. */
  readonly depth?: number;
  /**
   * Parts already redacted at their own place (the unchanged steps of a growing trajectory):
   * kept as they are, so redacting the document again walks only what is new.
   */
  readonly done?: ReadonlySet<object>;
}

/**
 * A deep copy of a JSON value with every string (keys too) redacted, and anything nested deeper
 * than `MAX_OUTPUT_DEPTH` replaced by a marker. With no patterns it only bounds the depth.
 */
export function redactSecrets<T>(value: T, patterns: readonly SecretPattern[] = SECRET_PATTERNS, place: RedactionPlace = {}): T {
  return walk(value, patterns, place.depth ?? 0, place.done) as T;
}

function walk(value: unknown, patterns: readonly SecretPattern[], depth: number, done: ReadonlySet<object> | undefined): unknown {
  if (typeof value === "string") return redactText(value, patterns);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_OUTPUT_DEPTH) return TOO_DEEP;
  if (done?.has(value)) return value;
  if (Array.isArray(value)) return value.map((v) => walk(v, patterns, depth + 1, done));
  const out: Record<string, unknown> = {};
  // Keys, not entries: it runs over every step written, and entries allocates a pair per key.
  for (const k of Object.keys(value)) out[redactText(k, patterns)] = walk((value as Record<string, unknown>)[k], patterns, depth + 1, done);
  return out;
}
