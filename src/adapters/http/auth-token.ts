import { createHash, timingSafeEqual } from "node:crypto";
import { errorResponse } from "./errors.ts";
import { HEADERS } from "../../ports/wire-names.ts";


const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

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
  return (given) => timingSafeEqual(digest(given ?? ""), want) && given !== null;
}

/** A request hook answering 401 unless the request carries the token; undefined lets it through. */
export function requireToken(expected: string): (context: { request: Request }) => Response | undefined {
  const accepts = tokenChecker(expected);
  return ({ request }) =>
    accepts(request.headers.get(HEADERS.token)) ? undefined : errorResponse({ code: "unauthorized", message: `this gateway requires its token in the ${HEADERS.token} header` });
}
