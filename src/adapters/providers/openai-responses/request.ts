import type { ProviderRequest } from "../../../ports/provider-api.ts";
import { asId, asJsonObject } from "../shared/json.ts";
import { requestKeys } from "../shared/request-keys.ts";
import { toolOutcomes } from "./tool-outcomes.ts";
import { latestUserInput } from "./user-input.ts";
import { isObject, withoutUndefined, type JsonObject } from "../../../domain/json.ts";

/**
 * The session a Codex request belongs to. Codex puts its ids in `client_metadata`
 * (`session_id`, `thread_id`, `turn_id`, `x-codex-installation-id`…) and also uses the session id
 * as `prompt_cache_key`. Other clients use `prompt_cache_key` for arbitrary cache buckets, so it
 * counts as a session id only next to Codex's installation id (as the reference gateway does).
 */
function sessionIdOf(body: JsonObject, metadata: JsonObject): string | undefined {
  const codexCacheKey = asId(metadata["x-codex-installation-id"]) !== undefined ? asId(body.prompt_cache_key) : undefined;
  return asId(metadata.session_id) ?? codexCacheKey ?? asId(body.session_id);
}

/**
 * A Codex subagent runs on its own thread under the root session: a `thread_id` other than the
 * session id names that subagent (it equals the hooks' `agent_id`). The root thread shares the
 * session's id, so it names no subagent.
 */
function subagentIdOf(metadata: JsonObject, sessionId: string | undefined): string | undefined {
  const threadId = asId(metadata.thread_id);
  return threadId !== undefined && sessionId !== undefined && threadId !== sessionId ? threadId : undefined;
}

const effortOf = (reasoning: unknown): string | number | undefined => {
  const effort = isObject(reasoning) ? reasoning.effort : undefined;
  return typeof effort === "string" || (typeof effort === "number" && Number.isFinite(effort)) ? effort : undefined;
};

/**
 * Reads a Responses API request body (`POST /v1/responses`). `previous_response_id` is not taken
 * as a conversation id: it changes on every call, so it could never match a hint; the
 * `conversation` field (a string or `{id}`) is.
 *
 * @example
 * readResponsesRequest({ model: "gpt-5", stream: true, input: "list the files", reasoning: { effort: "low" } });
 * // { model: "gpt-5", stream: true, userMessage: "list the files", reasoningEffort: "low", keys: { model: "gpt-5" } }
 */
export function readResponsesRequest(body: unknown): ProviderRequest {
  const json = asJsonObject(body) ?? {};
  const metadata = isObject(json.client_metadata) ? json.client_metadata : {};
  const model = asId(json.model);
  const userMessage = latestUserInput(json.input);
  const sessionId = sessionIdOf(json, metadata);
  return withoutUndefined({
    model,
    stream: json.stream === true,
    userMessage,
    reasoningEffort: effortOf(json.reasoning),
    keys: requestKeys(json, model, userMessage, { subagentId: subagentIdOf(metadata, sessionId) }),
    sessionId,
    toolOutcomes: nonEmpty(toolOutcomes(json.input)),
  });
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);
