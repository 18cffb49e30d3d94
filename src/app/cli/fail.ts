import type { RelayError } from "../../domain/errors.ts";

/** A user-facing failure: printed as one line with its stable code, never as a stack trace. */
export class CliFailure extends Error {
  constructor(
    readonly error: RelayError,
    readonly exitCode = 1,
  ) {
    super(error.message);
  }
}

export function formatError(error: RelayError): string {
  return `nemo-relay: ${oneLine(error.message)} [${error.code}]`;
}

/**
 * The text on one line: a line break or other control character (from an argument, a path, a
 * URL the user typed) is shown escaped, as `\n`, so an error stays one line a script can read.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
