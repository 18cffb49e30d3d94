import { errorResponse } from "./errors.ts";
import { HEADERS } from "../../ports/wire-names.ts";

function digest(text: string): Uint8Array {
  const hash = Bun.SHA256.hash(text);
  return new Uint8Array(hash.buffer, hash.byteOffset, hash.byteLength);
}

/** Equal bytes, compared in time that depends only on the length (both are digests of one length). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ (b[i] ?? 0);
  return difference === 0;
}

/**
 * A check of the gateway token that takes the same time whatever the guess: both sides are
 * hashed to the same length, then compared in constant time.
 *
 * @example
 * const accepts = tokenChecker("s3cret-token-of-32-characters-ok");
 * accepts("guess"); // false
 */
export function tokenChecker(expected: string): (given: string | null) => boolean {
  const want = digest(expected);
  return (given) => sameBytes(digest(given ?? ""), want) && given !== null;
}

/** A request hook answering 401 unless the request carries the token; undefined lets it through. */
export function requireToken(expected: string): (context: { request: Request }) => Response | undefined {
  const accepts = tokenChecker(expected);
  return ({ request }) =>
    accepts(request.headers.get(HEADERS.token)) ? undefined : errorResponse({ code: "unauthorized", message: `this gateway requires its token in the ${HEADERS.token} header` });
}
