import { brotliDecompressSync, inflateSync } from "node:zlib";

/** Stateless for whole buffers: one decoder serves every request. */
const utf8 = new TextDecoder();

/**
 * The JSON a (possibly compressed) body carries, for observation only: the bytes forwarded are
 * always the bytes received. Codex sends `content-encoding: zstd`. Undefined when the body is
 * not JSON or cannot be decoded; never throws.
 */
export function decodeJsonBody(bytes: Uint8Array, contentEncoding: string | null): unknown {
  const plain = decodeBytes(bytes, contentEncoding);
  if (!plain || plain.byteLength === 0) return undefined;
  try {
    return JSON.parse(utf8.decode(plain));
  } catch {
    return undefined;
  }
}

/** The body with its content-encoding undone; undefined for an unknown or corrupt encoding. */
export function decodeBytes(bytes: Uint8Array, contentEncoding: string | null): Uint8Array | undefined {
  try {
    return decompress(bytes, contentEncoding?.trim().toLowerCase());
  } catch {
    return undefined;
  }
}

function decompress(bytes: Uint8Array, encoding: string | undefined): Uint8Array | undefined {
  switch (encoding) {
    case undefined:
    case "":
    case "identity":
      return bytes;
    case "zstd":
      return Bun.zstdDecompressSync(bytes);
    case "gzip":
    case "x-gzip":
      return Bun.gunzipSync(bytes as Uint8Array<ArrayBuffer>);
    case "br":
      return brotliDecompressSync(bytes);
    case "deflate":
      return inflateSync(bytes);
    default:
      return undefined;
  }
}
