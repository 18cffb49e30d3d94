/**
 * Defensive readers for an untrusted, parsed JSON document. The semantic rules run even when
 * the structure is broken (so one bad field never hides the others), hence nothing here trusts
 * the `Trajectory` type.
 */

import { isObject, type JsonObject } from "../json.ts";


/** Present and not null: ATIF treats `null` like an absent field. */
export const isSet = (value: unknown): boolean => value !== undefined && value !== null;

const asNumber = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

/** A usable token count or cost; negative ones are the schema's to report, not to sum. */
export const asAmount = (value: unknown): number | undefined => {
  const number = asNumber(value);
  return number !== undefined && number >= 0 ? number : undefined;
};

export const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** A string with something other than whitespace in it. */
export const isNonBlank = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

/** The object entries of an array, with their original indexes (non-objects are skipped). */
export const objectsIn = (value: unknown): Array<[number, JsonObject]> => {
  if (!Array.isArray(value)) return [];
  const out: Array<[number, JsonObject]> = [];
  value.forEach((item: unknown, index) => {
    if (isObject(item)) out.push([index, item]);
  });
  return out;
};
