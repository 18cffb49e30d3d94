/**
 * One line per request for a person watching `serve`: a failed call or a rejected hook at the
 * default level, every request with `--verbose`. Method, path, status, time and, for the
 * gateway's own errors, their code and message; never a header, query or body.
 */
import { ownError } from "./errors.ts";

/** `info` lines are failures worth seeing; `debug` lines are every other request. */
export type RequestLog = (line: string, level: "info" | "debug") => void;

export async function logged(request: Request, log: RequestLog | undefined, now: () => number, handle: () => Response | Promise<Response>): Promise<Response> {
  if (!log) return handle();
  const started = now();
  const response = await handle();
  const { pathname } = new URL(request.url);
  const error = ownError(response);
  const why = error ? `: ${error.message} [${error.code}]` : response.status >= 400 ? " from the provider" : "";
  // A client that went away mid-request (a killed hook process) left nobody to tell: not a failure worth a line.
  const failed = response.status >= 400 && error?.code !== "request_incomplete";
  log(`${request.method} ${pathname} → ${response.status}${why} (${Math.round(now() - started)} ms)`, failed ? "info" : "debug");
  return response;
}
