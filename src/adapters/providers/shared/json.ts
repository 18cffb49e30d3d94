/**
 * Defensive readers for provider JSON. Bodies and stream events come from whatever the upstream
 * (or a misbehaving mock) sent, so nothing here trusts a field's presence or type.
 */
import { isObject, type JsonObject } from "../../../domain/json.ts";


/**
 * The value if it is a string.
 *
 * @example
 * asString("gpt-5"); // "gpt-5"
 * asString(5);       // undefined
 */
export const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * A trimmed, non-empty string: ids padded with whitespace or left blank identify nothing.
 *
 * @example
 * asId("  sess-1 "); // "sess-1"
 * asId("   ");       // undefined
 */
export const asId = (value: unknown): string | undefined => {
  const text = typeof value === "string" ? value.trim() : "";
  return text === "" ? undefined : text;
};

/**
 * The object elements of an array; anything else gives an empty list.
 *
 * @example
 * objectsOf([{ a: 1 }, null, 3]); // [{ a: 1 }]
 * objectsOf("nope");              // []
 */
export const objectsOf = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

/**
 * A non-negative integer index (`output_index`, `index`…), or undefined.
 *
 * @example
 * indexOf(2);   // 2
 * indexOf("2"); // undefined
 */
export const indexOf = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;

/**
 * JSON.parse that reports failure as undefined instead of throwing.
 *
 * @example
 * parseJson('{"a":1}'); // { a: 1 }
 * parseJson('{"a":');   // undefined
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A body as a JSON object: objects as they are, and JSON text parsed, since a caller may hand
 * over the raw text of a body it could not or did not parse.
 *
 * @example
 * asJsonObject('{"id":"r1"}'); // { id: "r1" }
 * asJsonObject("Bad Gateway"); // undefined
 */
export function asJsonObject(body: unknown): JsonObject | undefined {
  if (isObject(body)) return body;
  if (typeof body !== "string") return undefined;
  const parsed = parseJson(body);
  return isObject(parsed) ? parsed : undefined;
}
