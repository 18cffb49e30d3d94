import { fail, ok, type Result } from "../../domain/errors.ts";

/**
 * The request body as bytes, refusing anything over `limit` with a precise error: by the
 * declared length before reading a byte, or while reading a chunked body that runs over. A
 * client that goes away mid-body (a hook process killed while it sends) is an error value too.
 */
export async function readBodyLimited(request: Request, limit: number): Promise<Result<Uint8Array>> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) return tooLarge(declared, limit);
  try {
    // With a declared length Bun reads the body natively; touching `request.body` would make a JS stream of it.
    if (Number.isFinite(declared)) {
      const bytes = await request.bytes();
      return bytes.byteLength > limit ? tooLarge(bytes.byteLength, limit) : ok(bytes);
    }
    if (!request.body) return ok(new Uint8Array(0));
    return await readChunked(request.body, limit);
  } catch (error) {
    return fail("request_incomplete", `the request body could not be read to its end: ${(error as Error).message}`);
  }
}

async function readChunked(body: ReadableStream<Uint8Array>, limit: number): Promise<Result<Uint8Array>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return tooLarge(size, limit);
    }
    chunks.push(value);
  }
  return ok(Buffer.concat(chunks));
}

function tooLarge(size: number, limit: number): Result<Uint8Array> {
  return fail("payload_too_large", `request body of ${size} bytes exceeds the limit of ${limit} bytes`);
}
