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

/** The gateway's own errors by the response that carries them (for the request log: never a provider's body). */
const own = new WeakMap<Response, RelayError>();

/** A gateway error as JSON: `{"error":{"code","message"}}` with the status its code maps to. */
export function errorResponse(error: RelayError): Response {
  return ownResponse(Response.json({ error: { code: error.code, message: error.message, type: "nemo_relay_gateway_error" } }, { status: statusOf(error.code) }), error);
}

/** Marks a response built in another shape (the provider's error shape for a 502) as the gateway's own `error`. */
export function ownResponse(response: Response, error: RelayError): Response {
  own.set(response, error);
  return response;
}

/** The error the gateway itself answered with, if `response` is one of its own. */
export const ownError = (response: Response): RelayError | undefined => own.get(response);
