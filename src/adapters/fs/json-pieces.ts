import { Buffer } from "node:buffer";
import { stepBytes } from "../../domain/trajectory/rendered-step.ts";

/**
 * A JSON value serialised as `JSON.stringify` would, in pieces of UTF-8. The rendered steps in
 * it (a subagent's, which the file carries whole in every write) go in as the bytes made once in
 * their life (stepBytes), and the pieces go to the file as they are (writev), never joined: a
 * long subagent costs a write a walk over its steps, not megabytes serialised and encoded again
 * on the event loop.
 *
 * @example
 * Buffer.concat(jsonPieces({ a: [1, "x"] })).toString(); // '{"a":[1,"x"]}'
 */
export function jsonPieces(value: object): Uint8Array[] {
  const writer = new PieceWriter();
  writer.value(value);
  return writer.finish();
}

/** What JSON.stringify leaves out of an object, and writes as `null` in an array. */
const omitted = (value: unknown) => value === undefined || typeof value === "function" || typeof value === "symbol";

class PieceWriter {
  private readonly pieces: Uint8Array[] = [];
  private text = "";

  finish(): Uint8Array[] {
    this.flush();
    return this.pieces;
  }

  value(value: unknown): void {
    if (omitted(value)) this.text += "null";
    else if (value === null || typeof value !== "object" || typeof (value as { toJSON?: unknown }).toJSON === "function") this.text += JSON.stringify(value);
    else if (Array.isArray(value)) this.array(value);
    else this.object(value as Record<string, unknown>);
  }

  private array(items: readonly unknown[]): void {
    this.text += "[";
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.text += ",";
      const item = items[i];
      const bytes = item !== null && typeof item === "object" ? stepBytes(item) : undefined;
      if (bytes) this.piece(bytes);
      else this.value(item);
    }
    this.text += "]";
  }

  private object(members: Record<string, unknown>): void {
    this.text += "{";
    let first = true;
    for (const key of Object.keys(members)) {
      const member = members[key];
      if (omitted(member)) continue;
      this.text += `${first ? "" : ","}${JSON.stringify(key)}:`;
      first = false;
      this.value(member);
    }
    this.text += "}";
  }

  private piece(bytes: Uint8Array): void {
    this.flush();
    this.pieces.push(bytes);
  }

  private flush(): void {
    if (this.text === "") return;
    this.pieces.push(Buffer.from(this.text));
    this.text = "";
  }
}
