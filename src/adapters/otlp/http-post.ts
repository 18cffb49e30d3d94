/**
 * One OTLP/HTTP export request and what its outcome means for a retry, per the OTLP spec:
 * 429, 502, 503, 504 (and any other 5xx) and network failures are worth retrying, honouring
 * `Retry-After`; other statuses are final. Nothing of the response but its status (and, on
 * success, its partial-success body) is read, and nothing of the request is ever reported.
 */

export type PostOutcome =
  | { readonly ok: true; readonly body: Uint8Array }
  | { readonly ok: false; readonly retryable: boolean; readonly reason: string; readonly retryAfterMs?: number };

export interface PostTarget {
  readonly url: string;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMillis: number;
  /** Send the body gzip-compressed (`content-encoding: gzip`). */
  readonly gzip?: boolean;
}

const retryableStatus = (status: number) => status === 429 || status >= 500;

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date. */
function retryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** A short, credential-free account of a network failure. */
function describe(error: unknown, timeoutMillis: number, aborted: boolean): string {
  if (aborted) return "abandoned at the flush deadline";
  const e = error as { name?: string; code?: string };
  if (e?.name === "TimeoutError") return `no answer within ${timeoutMillis} ms`;
  if (e?.code === "ECONNREFUSED" || e?.code === "ConnectionRefused") return "connection refused";
  return e?.code ? `network error ${e.code}` : "network error";
}

/** Sends one body; never throws. `stop` abandons the request (shutdown deadline). */
export async function postOnce(target: PostTarget, body: Uint8Array, stop: AbortSignal): Promise<PostOutcome> {
  const signal = AbortSignal.any([stop, AbortSignal.timeout(target.timeoutMillis)]);
  try {
    const response = await fetch(target.url, {
      method: "POST",
      headers: { ...target.headers, "content-type": target.contentType, ...(target.gzip ? { "content-encoding": "gzip" } : {}) },
      body: target.gzip ? Bun.gzipSync(body as Uint8Array<ArrayBuffer>) : body,
      signal,
      // An OTLP collector never legitimately redirects an export elsewhere.
      redirect: "manual",
    });
    if (response.ok) return { ok: true, body: new Uint8Array(await response.arrayBuffer()) };
    await response.body?.cancel().catch(() => undefined);
    const reason = `HTTP ${response.status}`;
    if (!retryableStatus(response.status)) return { ok: false, retryable: false, reason: `${reason} (not retried)` };
    const wait = retryAfter(response.headers.get("retry-after"), Date.now());
    return { ok: false, retryable: true, reason, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  } catch (error) {
    return { ok: false, retryable: !stop.aborted, reason: describe(error, target.timeoutMillis, stop.aborted) };
  }
}
