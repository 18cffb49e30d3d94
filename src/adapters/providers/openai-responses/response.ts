import { isObject, type JsonObject } from "../../../domain/json.ts";
import { normalizeUsage } from "../../../domain/usage.ts";
import type { ProviderResponse } from "../../../ports/provider-api.ts";
import { asId, asJsonObject } from "../shared/json.ts";
import { failureOf } from "../shared/failure.ts";
import { toProviderResponse } from "../shared/provider-response.ts";
import { readOutputItems } from "./output-items.ts";

/**
 * Why a response object says it did not complete. `incomplete` (e.g. `max_output_tokens`) counts
 * as failed: the answer was cut short, even though what was produced is kept.
 *
 * @example
 * snapshotFailure({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } }); // "incomplete: max_output_tokens"
 */
function snapshotFailure(response: JsonObject): string | undefined {
  const error = isObject(response.error) ? response.error : undefined;
  const message = asId(error?.message);
  switch (response.status) {
    case "failed":
      return message ?? asId(error?.code) ?? "response failed";
    case "incomplete": {
      const details = isObject(response.incomplete_details) ? response.incomplete_details : undefined;
      return `incomplete: ${asId(details?.reason) ?? "unknown reason"}`;
    }
    case "cancelled":
      return "response cancelled";
    default:
      return message;
  }
}

/**
 * A response object (buffered body or a stream's snapshot) as a `ProviderResponse`; `output`
 * replaces the object's own items when a stream had to reassemble them.
 *
 * @example
 * fromResponseObject({ model: "gpt-5", status: "completed", output: [], usage: { input_tokens: 5, output_tokens: 1 } }, undefined);
 * // { status: "completed", model: "gpt-5", message: "", toolCalls: [], usage: { inputTokens: 5, outputTokens: 1, cachedTokens: 0 } }
 */
export function fromResponseObject(response: JsonObject, error: string | undefined, output: unknown = response.output): ProviderResponse {
  const summary = readOutputItems(output);
  return toProviderResponse({
    error: error ?? snapshotFailure(response),
    model: asId(response.model),
    message: summary.message,
    reasoning: summary.reasoning,
    toolCalls: summary.toolCalls,
    usage: normalizeUsage(response.usage),
  });
}

/**
 * Reads a buffered Responses API body with its HTTP status. A non-2xx status, an `error` object
 * or a `failed`/`incomplete`/`cancelled` status make it failed; anything unreadable too.
 *
 * @example
 * readResponsesResponse({ error: { message: "Invalid model", type: "invalid_request_error", param: null, code: null } }, 400);
 * // { status: "failed", toolCalls: [], error: "Invalid model" }
 */
export function readResponsesResponse(body: unknown, httpStatus: number): ProviderResponse {
  const json = asJsonObject(body);
  const failure = failureOf(body, httpStatus);
  if (json === undefined) return toProviderResponse({ error: failure, toolCalls: [] });
  return fromResponseObject(json, failure);
}
