/**
 * JSON settings files as people keep them: parsed with an error that names the file, written
 * back with the file's own indentation, line endings and final newline, keys in their order
 * (JSON has no comments to keep).
 */
import { fail, ok, type Result } from "../../../domain/errors.ts";
import { isObject } from "../../../domain/json.ts";

export interface JsonLayout {
  /** `"  "`, `"\t"`, … or `""` for a file kept on one line. */
  readonly indent: string;
  readonly newline: "\n" | "\r\n";
  readonly finalNewline: boolean;
}

const DEFAULT_LAYOUT: JsonLayout = { indent: "  ", newline: "\n", finalNewline: true };

export interface JsonDocument {
  readonly value: Record<string, unknown>;
  readonly layout: JsonLayout;
}

function layoutOf(text: string): JsonLayout {
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const indented = /\n([ \t]+)["{[\]}]/.exec(text);
  const multiline = text.trim().includes("\n");
  return { indent: indented ? indented[1]! : multiline ? DEFAULT_LAYOUT.indent : "", newline, finalNewline: /\n$/.test(text) };
}

/** A JSON object file; a missing or empty file is `{}` in the default layout. */
export function parseJsonObject(path: string, text: string | undefined): Result<JsonDocument> {
  if (text === undefined || text.trim() === "") return ok({ value: {}, layout: DEFAULT_LAYOUT });
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return fail("config_invalid", `${path} is not valid JSON (${(error as Error).message}); nothing was changed`);
  }
  if (!isObject(value)) return fail("config_invalid", `${path}: expected a JSON object at the top level, found ${Array.isArray(value) ? "an array" : typeof value}; nothing was changed`);
  return ok({ value, layout: layoutOf(text) });
}

export function formatJson(value: unknown, layout: JsonLayout): string {
  const text = JSON.stringify(value, null, layout.indent);
  return (layout.newline === "\n" ? text : text.replaceAll("\n", "\r\n")) + (layout.finalNewline ? layout.newline : "");
}

/**
 * `after` written in `current`'s layout, or `current` itself, byte for byte, when nothing
 * changed: removing additions that are not there must not reformat the user's file.
 */
export function formatIfChanged(before: unknown, after: unknown, current: string, layout: JsonLayout): string {
  return JSON.stringify(before) === JSON.stringify(after) ? current : formatJson(after, layout);
}

/** `{}` or an object under `key`, else an error naming the file and key. */
export function objectAt(path: string, root: Record<string, unknown>, key: string): Result<Record<string, unknown>> {
  const value = root[key];
  if (value === undefined) return ok({});
  if (!isObject(value)) return fail("config_invalid", `${path}: "${key}" must be an object, found ${Array.isArray(value) ? "an array" : typeof value}; nothing was changed`);
  return ok(value);
}
