import { isObject, type JsonObject } from "../../../domain/json.ts";

const NOT_SPACE = /\S/;
const LESS_THAN = "<".charCodeAt(0);

/** The index of the last character that is not whitespace (as `trim` counts it), or -1. */
function lastNonSpace(text: string): number {
  let i = text.length - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i;
}

/**
 * The text of a message's `content`: a string as it is, or the `text` of the parts whose `type`
 * is one of `partTypes`, joined by newlines. Other parts (images, tool results…) are skipped, and
 * so are texts `skip` rejects. Undefined when there is no text at all.
 *
 * @example
 * contentText("hi", ["text"]);                                             // "hi"
 * contentText([{ type: "text", text: "a" }, { type: "image" }], ["text"]); // "a"
 */
export function contentText(content: unknown, partTypes: readonly string[], skip?: (text: string) => boolean): string | undefined {
  if (typeof content === "string") return skip?.(content) ? undefined : content;
  if (!Array.isArray(content)) return undefined;
  // One loop, no intermediate arrays: it runs on every observed request, over the whole history's parts.
  let joined: string | undefined;
  for (const part of content) {
    if (!isObject(part) || typeof part.type !== "string" || !partTypes.includes(part.type)) continue;
    const text = part.text;
    if (typeof text !== "string" || skip?.(text)) continue;
    joined = joined === undefined ? text : `${joined}\n${text}`;
  }
  return joined;
}

/**
 * A test for text a client injected into the user's turn as one tagged block
 * (`<system-reminder>…</system-reminder>`, `<environment_context>…</environment_context>`):
 * context for the model, not the user's words.
 *
 * @example
 * const injected = wrappedIn(["system-reminder"]);
 * injected("<system-reminder>\nToday is Monday.\n</system-reminder>\n"); // true
 * injected("Fix <system-reminder> parsing");                               // false
 */
export function wrappedIn(tags: readonly string[]): (text: string) => boolean {
  const opening = tags.flatMap((tag) => [`<${tag}>`, `<${tag} `]);
  const closing = tags.map((tag) => `</${tag}>`);
  // Looks past the surrounding whitespace instead of trimming: a trim copies the whole text, and
  // this runs on every user text of every observed request.
  return (text) => {
    const start = text.search(NOT_SPACE);
    if (start < 0 || text.charCodeAt(start) !== LESS_THAN) return false;
    const end = lastNonSpace(text) + 1;
    return tags.some((_, i) => (text.startsWith(opening[2 * i]!, start) || text.startsWith(opening[2 * i + 1]!, start)) && text.endsWith(closing[i]!, end));
  };
}

/**
 * The user's latest words (see {@link latestUserText}), leaving out the blocks `injected`
 * recognises; if nothing else is left anywhere, the injected text is better than nothing.
 *
 * @example
 * latestUserWords(
 *   [{ role: "user", content: [{ type: "text", text: "<system-reminder>ctx</system-reminder>" }, { type: "text", text: "fix it" }] }],
 *   ["text"],
 *   wrappedIn(["system-reminder"]),
 * ); // "fix it"
 */
export function latestUserWords(messages: unknown, partTypes: readonly string[], injected: (text: string) => boolean): string | undefined {
  return (
    latestUserText(messages, (message) => contentText(message.content, partTypes, injected)) ??
    latestUserText(messages, (message) => contentText(message.content, partTypes))
  );
}

/**
 * The text of the latest `role: "user"` message that has any. Messages after it with other roles
 * (assistant, tool, or the `system` message some clients append) are passed over, and so are
 * user messages without text (only tool results or images): within a turn the client keeps
 * resending the user's task before those, and that task is what identifies the request.
 *
 * @example
 * latestUserText(
 *   [{ role: "user", content: "fix the bug" }, { role: "user", content: [{ type: "tool_result" }] }],
 *   (m) => contentText(m.content, ["text"]),
 * ); // "fix the bug"
 */
export function latestUserText(messages: unknown, textOf: (message: JsonObject) => string | undefined): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message: unknown = messages[i];
    if (!isObject(message) || message.role !== "user") continue;
    const text = textOf(message);
    if (text !== undefined && NOT_SPACE.test(text)) return text;
  }
  return undefined;
}

/**
 * Non-empty strings joined, or undefined when there are none.
 *
 * @example
 * joinTexts(["a", "", "b"]); // "a\nb"
 * joinTexts([]);             // undefined
 */
export function joinTexts(texts: readonly (string | undefined)[], separator = "\n"): string | undefined {
  const kept = texts.filter((text): text is string => typeof text === "string" && text !== "");
  return kept.length > 0 ? kept.join(separator) : undefined;
}
