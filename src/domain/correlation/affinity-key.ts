/**
 * Request affinity: a subagent's requests keep repeating its task text as the last user
 * message, so that text, normalised, identifies the subagent across calls even when no header
 * or hint does.
 */

/** Shorter texts ("continue", "ok") are shared by every agent and would mis-attribute calls. */
export const AFFINITY_KEY_MIN_CHARS = 24;
/** Bounds memory per key; a task is identified long before 4 096 characters. */
export const AFFINITY_KEY_MAX_CHARS = 4096;

/**
 * Normalises a request's last user task text into a map key, or undefined when the text is
 * unfit to identify a task: empty, too short, or structured data (a JSON object/array, such as
 * a tool result) rather than a task. Lengths count Unicode code points.
 *
 * @example
 * affinityKey("  Review   the\nauth module for bugs ") // "Review the auth module for bugs"
 * affinityKey('{"tool_result": "ok, all tests pass now"}') // undefined
 * affinityKey("continue") // undefined (too short)
 */
export function affinityKey(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const start = text.search(NON_SPACE);
  if (start < 0) return undefined;
  const first = text[start];
  if ((first === "{" || first === "[") && isJsonContainer(text.trim())) return undefined;
  // Collapse only as much text as the key can use: a window that grows until it holds more code
  // points than the key keeps (or reaches the end), never the whole, possibly megabyte, text.
  for (let window = 2 * AFFINITY_KEY_MAX_CHARS + 64; ; window *= 4) {
    const whole = start + window >= text.length;
    const raw = whole ? text.slice(start).trimEnd() : text.slice(start, start + window);
    const collapsed = raw.replace(SPACE_RUN, " ");
    const prefix = codePointPrefix(collapsed, AFFINITY_KEY_MAX_CHARS + 1);
    if (!whole && prefix.count <= AFFINITY_KEY_MAX_CHARS) continue;
    const key = prefix.count > AFFINITY_KEY_MAX_CHARS ? withoutLastCodePoint(prefix) : prefix;
    return key.count >= AFFINITY_KEY_MIN_CHARS ? key.text : undefined;
  }
}

const NON_SPACE = /\S/;
/**
 * Runs of two or more whitespace characters, or one that is not a plain space. Spelled so the
 * engine tests one class per character and skips plain single spaces at once: twice as fast on a
 * task text of 4 KiB as the plain `\s{2,}|[^\S ]`, with the same matches.
 */
const SPACE_RUN = /(?: \s|[^\S ])\s*/g;
const SURROGATE = /[\uD800-\uDFFF]/;

function isJsonContainer(text: string): boolean {
  const first = text[0];
  if (first !== "{" && first !== "[") return false;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === "object";
  } catch {
    return false;
  }
}

/** The prefix one code point shorter (a surrogate pair is one code point). */
function withoutLastCodePoint(prefix: { text: string; count: number }): { text: string; count: number } {
  const { text } = prefix;
  const low = text.charCodeAt(text.length - 1);
  const high = text.charCodeAt(text.length - 2);
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return { text: text.slice(0, pair ? -2 : -1), count: prefix.count - 1 };
}

/** The first `max` code points of `text`, never splitting a surrogate pair. */
function codePointPrefix(text: string, max: number): { text: string; count: number } {
  // Text without surrogates (nearly all of it) counts one code point per UTF-16 unit.
  if (!SURROGATE.test(text.length > 2 * max ? text.slice(0, 2 * max) : text)) {
    return text.length <= max ? { text, count: text.length } : { text: text.slice(0, max), count: max };
  }
  let count = 0;
  let end = 0;
  for (const char of text) {
    if (count === max) break;
    count += 1;
    end += char.length;
  }
  return { text: end === text.length ? text : text.slice(0, end), count };
}
