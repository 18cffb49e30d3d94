/**
 * Expected failures are values, not exceptions: one error shape with a stable snake_case code
 * that the HTTP adapter maps to a status and the CLI prints as one line.
 */
export type ErrorCode =
  | "invalid_json"
  | "invalid_trajectory"
  | "file_not_found"
  | "file_unreadable"
  | "write_failed"
  | "invalid_argument"
  | "invalid_payload"
  | "unknown_command"
  | "unknown_agent"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "upstream_unreachable"
  | "upstream_timeout"
  | "request_incomplete"
  | "unauthorized"
  | "forbidden_origin"
  | "misdirected_host"
  | "config_invalid";

export interface RelayError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RelayError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string): Result<T> => ({ ok: false, error: { code, message } });
