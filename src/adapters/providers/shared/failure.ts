import { isObject, type JsonObject } from "../../../domain/json.ts";
import { asJsonObject } from "./json.ts";

/** Enough of a non-JSON error page to say what went wrong, never a whole HTML document. */
const MAX_TEXT_CHARS = 300;

/**
 * The human message of an error body, in any of the shapes providers and proxies use:
 * OpenAI `{error:{message}}`, Anthropic `{type:"error",error:{message}}`, `{error:"text"}`,
 * `{message}` or FastAPI-style `{detail}`.
 *
 * @example
 * errorMessageOf({ error: { message: "Rate limit reached", type: "rate_limit_error" } }); // "Rate limit reached"
 * errorMessageOf({ detail: "Not Found" });                                              // "Not Found"
 */
export function errorMessageOf(body: JsonObject): string | undefined {
  const error = body.error;
  const candidates = [isObject(error) ? error.message : error, body.message, body.detail];
  for (const candidate of candidates) {
    if (typeof candidate === "string" && candidate.trim() !== "") return candidate;
  }
  return undefined;
}

/**
 * True when a body says it is an error whatever its HTTP status: OpenAI's `error` object
 * (successful Responses bodies carry `error: null`) or Anthropic's `type: "error"`.
 *
 * @example
 * isErrorShaped({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }); // true
 * isErrorShaped({ id: "resp_1", error: null });                                                 // false
 */
export function isErrorShaped(body: JsonObject): boolean {
  return isObject(body.error) || (typeof body.error === "string" && body.error.trim() !== "") || body.type === "error";
}

/** An error with no message still names its kind (`server_error`, `overloaded_error`…). */
const errorCodeOf = (body: JsonObject): string | undefined => {
  const error = isObject(body.error) ? body.error : {};
  return [error.code, error.type].find((v): v is string => typeof v === "string" && v.trim() !== "");
};

const isSuccess = (status: number): boolean => Number.isInteger(status) && status >= 200 && status < 300;

/**
 * Why a buffered response failed, or undefined when it did not: a non-2xx status, an
 * error-shaped body, or a body that is not a JSON object (nothing in it can be read).
 *
 * @example
 * failureOf({ error: { message: "Invalid model" } }, 400); // "Invalid model"
 * failureOf("<html>Bad Gateway</html>", 502);              // "<html>Bad Gateway</html>"
 * failureOf({ id: "msg_1" }, 200);                         // undefined
 */
export function failureOf(body: unknown, httpStatus: number): string | undefined {
  const json = asJsonObject(body);
  if (json !== undefined && isErrorShaped(json)) return errorMessageOf(json) ?? errorCodeOf(json) ?? `HTTP ${httpStatus}`;
  if (!isSuccess(httpStatus)) return (json && errorMessageOf(json)) ?? textOf(body) ?? `HTTP ${httpStatus}`;
  return json === undefined ? "response body is not a JSON object" : undefined;
}

function textOf(body: unknown): string | undefined {
  const text = typeof body === "string" ? body.trim() : "";
  return text === "" ? undefined : text.slice(0, MAX_TEXT_CHARS);
}
