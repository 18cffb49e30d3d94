/**
 * One line per request for a person watching `serve`: a failed call or a rejected hook at the
 * default level, every request with `--verbose`. Method, path, status, time and, for the
 * gateway's own errors, their code and message; never a header, query or body.
 */
import { ownError } from "./errors.ts";

export interface RequestLog {
  /** Every request gets a line (`--verbose`), not only failures. */
  readonly everyRequest: boolean;
  write(line: string): void;
}

export async function logged(request: Request, log: RequestLog | undefined, now: () => number, handle: () => Response | Promise<Response>): Promise<Response> {
  if (!log) return handle();
  const started = now();
  const response = await handle();
  const error = ownError(response);
  // A client that went away mid-request (a killed hook process) left nobody to tell: not a failure worth a line.
  const failed = response.status >= 400 && error?.code !== "request_incomplete";
  if (!failed && !log.everyRequest) return response;
  const why = error ? `: ${error.message} [${error.code}]` : response.status >= 400 ? " from the provider" : "";
  log.write(`${request.method} ${new URL(request.url).pathname} → ${response.status}${why} (${Math.round(now() - started)} ms)`);
  return response;
}
