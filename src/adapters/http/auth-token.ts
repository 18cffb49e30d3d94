import { errorResponse } from "./errors.ts";
import { HEADERS, VIEWER_TOKEN } from "../../ports/wire-names.ts";

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

const isViewerPath = (pathname: string) => pathname === VIEWER_TOKEN.path || pathname.startsWith(`${VIEWER_TOKEN.path}/`);

/**
 * The token a browser brings to the viewer's routes (only those): its cookie, or on the page's
 * own address the `?token=` it is exchanged for (see viewer-routes.ts).
 */
export function viewerToken(request: Request): string | null {
  const url = new URL(request.url);
  if (!isViewerPath(url.pathname)) return null;
  if (request.method === "GET" && (url.pathname === VIEWER_TOKEN.path || url.pathname === `${VIEWER_TOKEN.path}/`)) {
    const fromQuery = url.searchParams.get(VIEWER_TOKEN.query);
    if (fromQuery !== null) return fromQuery;
  }
  const cookie = (request.headers.get("cookie") ?? "").split(";").map((c) => c.trim()).find((c) => c.startsWith(`${VIEWER_TOKEN.cookie}=`));
  return cookie === undefined ? null : decodeURIComponent(cookie.slice(VIEWER_TOKEN.cookie.length + 1));
}

/** A request hook answering 401 unless the request carries the token; undefined lets it through. */
export function requireToken(expected: string): (context: { request: Request }) => Response | undefined {
  const accepts = tokenChecker(expected);
  const needed = `this gateway requires its token in the ${HEADERS.token} header`;
  return ({ request }) => {
    if (accepts(request.headers.get(HEADERS.token) ?? viewerToken(request))) return undefined;
    const forViewer = isViewerPath(new URL(request.url).pathname) ? ` (in a browser, open ${VIEWER_TOKEN.path}/?${VIEWER_TOKEN.query}=… once)` : "";
    return errorResponse({ code: "unauthorized", message: `${needed}${forViewer}` });
  };
}
