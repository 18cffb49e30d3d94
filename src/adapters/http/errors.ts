import type { ErrorCode, RelayError } from "../../domain/errors.ts";

/** The one place error codes become HTTP statuses. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_json: 400,
  invalid_payload: 400,
  invalid_argument: 400,
  unknown_agent: 404,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  upstream_unreachable: 502,
  upstream_timeout: 504,
  request_incomplete: 400,
  unauthorized: 401,
  forbidden_origin: 403,
  misdirected_host: 421,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

/** A gateway error as JSON: `{"error":{"code","message"}}` with the status its code maps to. */
export function errorResponse(error: RelayError): Response {
  return Response.json({ error: { code: error.code, message: error.message, type: "nemo_relay_gateway_error" } }, { status: statusOf(error.code) });
}
