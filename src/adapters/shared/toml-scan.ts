/**
 * A line-level map of a TOML document: which lines are table headers, which start a
 * `key = value` statement (and where a value spanning lines ends), and which are comments or
 * blank. Strings (all four kinds, multi-line included), arrays and inline tables are followed
 * character by character, so a `[1]` inside a multi-line array is never taken for a header.
 * It reads syntax only; whether the document is valid TOML is the parser's business.
 */

export interface Statement {
  readonly kind: "table" | "array-table" | "key";
  /** For headers the table's path; for keys the key's full path (its table's path, then its own parts). */
  readonly path: readonly string[];
  /** For keys, the dotted key as written, split (`a."b.c"` → `["a", "b.c"]`). */
  readonly keyParts: readonly string[];
  /** The path of the table the statement sits in (`[]` for the root). */
  readonly table: readonly string[];
  readonly firstLine: number;
  readonly lastLine: number;
  /** For single-line key statements: where the value starts and ends on its line (comment excluded). */
  readonly valueStart?: number;
  readonly valueEnd?: number;
}

const BARE_OR_QUOTED = String.raw`(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')`;
const DOTTED = String.raw`${BARE_OR_QUOTED}(?:[ \t]*\.[ \t]*${BARE_OR_QUOTED})*`;
const ARRAY_HEADER = new RegExp(String.raw`^[ \t]*\[\[[ \t]*(${DOTTED})[ \t]*\]\][ \t]*(?:#.*)?$`);
const TABLE_HEADER = new RegExp(String.raw`^[ \t]*\[[ \t]*(${DOTTED})[ \t]*\][ \t]*(?:#.*)?$`);
const KEY_START = new RegExp(String.raw`^[ \t]*(${DOTTED})[ \t]*=[ \t]*`);

/** `a."b.c".d` → `["a", "b.c", "d"]`. */
function splitDottedKey(dotted: string): string[] {
  const parts = dotted.match(new RegExp(BARE_OR_QUOTED, "g")) ?? [];
  return parts.map((p) => (p.startsWith('"') ? (JSON.parse(p) as string) : p.startsWith("'") ? p.slice(1, -1) : p));
}

/** A key as TOML writes it: bare when it can be, else a basic string. */
export const tomlKey = (key: string): string => (/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key));
export const tomlPath = (path: readonly string[]): string => path.map(tomlKey).join(".");

interface ValueState {
  /** Open multi-line string delimiter, if any. */
  multi?: '"""' | "'''";
  /** Open `[` and `{` not yet closed. */
  depth: number;
}

/** Follows one line's worth of value text; returns where a comment starts (or the line's end). */
function scanValue(line: string, from: number, state: ValueState): number {
  let i = from;
  while (i < line.length) {
    if (state.multi) {
      const close = state.multi === '"""' ? findClosingBasic(line, i, '"""') : line.indexOf("'''", i);
      if (close < 0) return line.length;
      i = close + 3;
      while (line[i] === state.multi[0]) i++; // up to two quotes may end the content
      state.multi = undefined;
      continue;
    }
    const c = line[i]!;
    if (line.startsWith('"""', i) || line.startsWith("'''", i)) {
      state.multi = line.slice(i, i + 3) as '"""' | "'''";
      i += 3;
    } else if (c === '"') {
      const close = findClosingBasic(line, i + 1, '"');
      i = close < 0 ? line.length : close + 1;
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      i = close < 0 ? line.length : close + 1;
    } else if (c === "#") {
      return i;
    } else {
      if (c === "[" || c === "{") state.depth++;
      else if (c === "]" || c === "}") state.depth = Math.max(0, state.depth - 1);
      i++;
    }
  }
  return line.length;
}

function findClosingBasic(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line.startsWith(quote, i)) return i;
  }
  return -1;
}

/** Every statement of the document, in order; `lines` is the text split on `\n`. */
export function scanToml(lines: readonly string[]): Statement[] {
  const out: Statement[] = [];
  let table: string[] = [];
  const state: ValueState = { depth: 0 };
  let open: { start: number; keyParts: string[]; path: string[]; table: string[] } | undefined;
  lines.forEach((raw, index) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (open) {
      scanValue(line, 0, state);
      if (!state.multi && state.depth === 0) {
        out.push({ kind: "key", path: open.path, keyParts: open.keyParts, table: open.table, firstLine: open.start, lastLine: index });
        open = undefined;
      }
      return;
    }
    const arrayHeader = ARRAY_HEADER.exec(line);
    const tableHeader = arrayHeader ? null : TABLE_HEADER.exec(line);
    if (arrayHeader || tableHeader) {
      table = splitDottedKey((arrayHeader ?? tableHeader)![1]!);
      out.push({ kind: arrayHeader ? "array-table" : "table", path: table, keyParts: [], table: [], firstLine: index, lastLine: index });
      return;
    }
    const key = KEY_START.exec(line);
    if (!key) return; // blank, comment, or something the parser will reject
    const keyParts = splitDottedKey(key[1]!);
    const path = [...table, ...keyParts];
    const commentAt = scanValue(line, key[0].length, state);
    if (state.multi || state.depth > 0) {
      open = { start: index, keyParts, path, table };
      return;
    }
    const valueEnd = line.slice(0, commentAt).trimEnd().length;
    out.push({ kind: "key", path, keyParts, table, firstLine: index, lastLine: index, valueStart: key[0].length, valueEnd });
  });
  if (open) out.push({ kind: "key", path: open.path, keyParts: open.keyParts, table: open.table, firstLine: open.start, lastLine: lines.length - 1 });
  return out;
}

export const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((p, i) => p === b[i]);
export const startsWith = (path: readonly string[], prefix: readonly string[]) => prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
