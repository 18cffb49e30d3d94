import { affinityKey } from "../../../domain/correlation/affinity-key.ts";
import type { LlmRequestKeys } from "../../../domain/events.ts";
import { asId } from "./json.ts";
import { isObject, withoutUndefined, type JsonObject } from "../../../domain/json.ts";

/** Keys only the adapter of one API can know (an explicit subagent, a provider-specific id…). */
export interface ExtraKeys {
  readonly subagentId?: string;
  readonly conversationId?: string;
}

/** `a`, `a_b` or `a.b` style paths, tried in order; the first id found wins. */
const firstId = (body: JsonObject, paths: readonly (readonly string[])[]): string | undefined => {
  for (const path of paths) {
    let value: unknown = body;
    for (const key of path) value = isObject(value) ? value[key] : undefined;
    const id = asId(value);
    if (id !== undefined) return id;
  }
  return undefined;
};

/**
 * The correlation keys of a request body: conversation, generation and request ids under the
 * names clients and SDKs use, the model, and the affinity key of the latest user text.
 * Adapter-specific keys in `extra` take precedence over the generic body fields.
 *
 * @example
 * requestKeys({ conversation: { id: "conv_1" } }, "gpt-5", "Review the auth module for bugs please");
 * // { conversationId: "conv_1", model: "gpt-5", affinityKey: "Review the auth module for bugs please" }
 */
export function requestKeys(body: JsonObject, model: string | undefined, userText: string | undefined, extra: ExtraKeys = {}): LlmRequestKeys {
  return withoutUndefined({
    subagentId: extra.subagentId,
    conversationId:
      extra.conversationId ??
      firstId(body, [["conversation_id"], ["conversationId"], ["conversation", "id"], ["conversation"]]),
    generationId: firstId(body, [["generation_id"], ["generationId"], ["generation", "id"]]),
    requestId: firstId(body, [["request_id"], ["requestId"], ["request", "id"], ["metadata", "request_id"]]),
    model,
    affinityKey: recentAffinityKey(userText),
  });
}

/** Texts up to this many UTF-16 units are remembered with their key; longer ones are rare and would hold memory. */
const REMEMBERED_TEXT_MAX = 16 * 1024;
const REMEMBERED_TEXTS = 16;
const recentKeys = new Map<string, string | undefined>();

/**
 * The affinity key, computed once per text rather than once per request: every request of an
 * agent's turn resends the same latest user text, and the key costs a whitespace pass over up to
 * 8 KiB of it, where looking the text up costs a hash. The last few texts are kept.
 */
function recentAffinityKey(text: string | undefined): string | undefined {
  if (text === undefined || text.length > REMEMBERED_TEXT_MAX) return affinityKey(text);
  const remembered = recentKeys.get(text);
  if (remembered !== undefined || recentKeys.has(text)) return remembered;
  const key = affinityKey(text);
  recentKeys.set(text, key);
  if (recentKeys.size > REMEMBERED_TEXTS) recentKeys.delete(recentKeys.keys().next().value!);
  return key;
}
