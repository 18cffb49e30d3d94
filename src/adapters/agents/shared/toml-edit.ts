/**
 * Small, format-preserving edits of a TOML document, for the few keys and tables an installer
 * owns: every other line — comments, blank lines, ordering, the user's own keys — stays
 * byte for byte. Callers re-parse the result and compare it with what they meant to write
 * (see `verifyToml`), so an edit this line-level view gets wrong is refused, never written.
 */
import toml from "toml";
import { fail, ok, type Result } from "../../../domain/errors.ts";
import { samePath, scanToml, startsWith, tomlKey, tomlPath, type Statement } from "../../shared/toml-scan.ts";

export class TomlText {
  private lines: string[];
  readonly newline: "\n" | "\r\n";

  constructor(text: string) {
    this.newline = text.includes("\r\n") ? "\r\n" : "\n";
    // A final newline leaves an empty last element: the marker of that newline. A stray `\r` in a
    // `\n` file stays on its line (the scanner ignores it), so untouched lines keep their bytes.
    this.lines = text === "" ? [] : text.split(this.newline);
  }

  toString(): string {
    return this.lines.join(this.newline);
  }

  private statements(): Statement[] {
    return scanToml(this.lines);
  }

  /** The statement assigning exactly `path`, if one does. */
  private keyAt(path: readonly string[]): Statement | undefined {
    return this.statements().find((s) => s.kind === "key" && samePath(s.path, path));
  }

  private header(path: readonly string[]): Statement | undefined {
    return this.statements().find((s) => s.kind === "table" && samePath(s.path, path));
  }

  /** The value of `path` as written (for putting it back later), if a single line assigns it. */
  rawValue(path: readonly string[]): string | undefined {
    const s = this.keyAt(path);
    if (!s) return undefined;
    if (s.valueStart === undefined) return this.lines.slice(s.firstLine, s.lastLine + 1).join("\n").replace(/^[^=]*=\s*/, "");
    return this.lines[s.firstLine]!.slice(s.valueStart, s.valueEnd);
  }

  /**
   * Sets `path` to `value` (TOML text): replaced in place when assigned already (a trailing
   * comment is kept), else added to its table, or as a new table at the end.
   */
  setKey(path: readonly string[], value: string): Result<void> {
    const existing = this.keyAt(path);
    if (existing) {
      if (existing.valueStart !== undefined) {
        const line = this.lines[existing.firstLine]!;
        this.lines[existing.firstLine] = line.slice(0, existing.valueStart) + value + line.slice(existing.valueEnd);
      } else {
        const indent = /^\s*/.exec(this.lines[existing.firstLine]!)![0];
        this.lines.splice(existing.firstLine, existing.lastLine - existing.firstLine + 1, `${indent}${tomlPath(existing.keyParts)} = ${value}`);
      }
      return ok(undefined);
    }
    const table = path.slice(0, -1);
    const statements = this.statements();
    // A value (an inline table) where a table should be: it cannot be extended line by line.
    const inline = statements.find((s) => s.kind === "key" && s.path.length < path.length && startsWith(path, s.path));
    if (inline) return fail("config_invalid", `${tomlPath(inline.path)} is written as an inline value on line ${inline.firstLine + 1}; write it as a [${tomlPath(inline.path)}] table so ${tomlPath(path)} can be added`);
    const header = statements.find((s) => s.kind === "table" && samePath(s.path, table));
    if (header || table.length === 0) {
      const inTable = statements.filter((s) => s.kind === "key" && samePath(s.table, table));
      const after = inTable.at(-1)?.lastLine ?? header?.firstLine;
      const line = `${tomlPath(path.slice(table.length))} = ${value}`;
      if (after !== undefined) this.lines.splice(after + 1, 0, line);
      else this.insertAtRootEnd(line, statements);
      return ok(undefined);
    }
    // Dotted keys already build this table somewhere (`features.plugins = false`): add beside them.
    const dotted = statements.filter((s) => s.kind === "key" && s.keyParts.length > 1 && startsWith(s.path, table) && startsWith(table, s.table) && !samePath(s.table, table)).at(-1);
    if (dotted) {
      this.lines.splice(dotted.lastLine + 1, 0, `${tomlPath(path.slice(dotted.table.length))} = ${value}`);
      return ok(undefined);
    }
    this.appendTable(table, [[path.at(-1)!, value]]);
    return ok(undefined);
  }

  /** Deletes the statement assigning `path`; true when there was one. */
  removeKey(path: readonly string[]): boolean {
    const s = this.keyAt(path);
    if (!s) return false;
    this.lines.splice(s.firstLine, s.lastLine - s.firstLine + 1);
    return true;
  }

  hasTable(path: readonly string[]): boolean {
    return this.header(path) !== undefined;
  }

  /** True when a `[path]` table has no key of its own. */
  tableIsEmpty(path: readonly string[]): boolean {
    return !this.statements().some((s) => s.kind === "key" && samePath(s.table, path));
  }

  /** Writes `[path]` with exactly `entries`, replacing the table if it exists, else appending it. */
  setTable(path: readonly string[], entries: ReadonlyArray<readonly [string, string]>): void {
    if (this.header(path)) this.removeTable(path);
    this.appendTable(path, entries);
  }

  /**
   * Removes the `[path]` header and its keys (not the comments or blank lines before the next
   * header, which belong to it), plus the blank line that separated the table; true when found.
   */
  removeTable(path: readonly string[]): boolean {
    const statements = this.statements();
    const header = statements.find((s) => s.kind === "table" && samePath(s.path, path));
    if (!header) return false;
    const next = statements.find((s) => s.firstLine > header.firstLine && s.kind !== "key");
    const own = statements.filter((s) => s.kind === "key" && s.firstLine > header.firstLine && (!next || s.firstLine < next.firstLine));
    this.removeBlock(header.firstLine, own.at(-1)?.lastLine ?? header.lastLine);
    return true;
  }

  /**
   * Each `[[path]]` entry, in order: its lines (header, keys, and sub-tables such as
   * `[[path.hooks]]`) and its text, up to its last statement.
   */
  arrayTableEntries(path: readonly string[]): Array<{ firstLine: number; lastLine: number; text: string }> {
    const statements = this.statements();
    const out: Array<{ firstLine: number; lastLine: number; text: string }> = [];
    statements.forEach((s, i) => {
      if (s.kind !== "array-table" || !samePath(s.path, path)) return;
      let last = s.lastLine;
      for (const t of statements.slice(i + 1)) {
        if (t.kind !== "key" && (samePath(t.path, path) || !startsWith(t.path, path) || t.path.length === path.length)) break;
        last = t.lastLine;
      }
      out.push({ firstLine: s.firstLine, lastLine: last, text: this.lines.slice(s.firstLine, last + 1).join("\n") });
    });
    return out;
  }

  /** Removes lines `first`–`last` (an entry from `arrayTableEntries`), with the blank line that set it apart. */
  removeBlock(first: number, last: number): void {
    const blank = (i: number) => i >= 0 && i < this.lines.length && this.lines[i]!.trim() === "";
    const atEnd = last + 1 >= this.lines.length || (last + 1 === this.lines.length - 1 && this.lines[last + 1] === "");
    const from = blank(first - 1) && (atEnd || blank(last + 1)) ? first - 1 : first;
    this.lines.splice(from, last - from + 1);
  }

  /** Appends one `[[path]]` entry with `entries` at the end. */
  appendArrayTable(path: readonly string[], entries: ReadonlyArray<readonly [string, string]>): void {
    this.appendTable(path, entries, true);
  }

  private appendTable(path: readonly string[], entries: ReadonlyArray<readonly [string, string]>, arrayEntry = false): void {
    const header = arrayEntry ? `[[${tomlPath(path)}]]` : `[${tomlPath(path)}]`;
    const body = [header, ...entries.map(([k, v]) => `${tomlKey(k)} = ${v}`)];
    if (this.lines.length === 0) {
      this.lines = [...body, ""];
      return;
    }
    if (this.lines.at(-1) !== "") this.lines.push(""); // the file did not end with a newline
    const lastContent = this.lines.length - 2;
    const separator = lastContent >= 0 && this.lines[lastContent]!.trim() !== "" ? [""] : [];
    this.lines.splice(this.lines.length - 1, 0, ...separator, ...body);
  }

  /** A root key goes after the last root key, else before the first table (and the comments above it). */
  private insertAtRootEnd(line: string, statements: readonly Statement[]): void {
    const firstHeader = statements.find((s) => s.kind !== "key");
    if (!firstHeader) {
      if (this.lines.length === 0) this.lines = [line, ""];
      else if (this.lines.at(-1) === "") this.lines.splice(this.lines.length - 1, 0, line);
      else this.lines.push(line, "");
      return;
    }
    let at = firstHeader.firstLine;
    while (at > 0 && this.lines[at - 1]!.trim().startsWith("#")) at--;
    if (at === 0) {
      this.lines.splice(0, 0, line, "");
      return;
    }
    this.lines.splice(at, 0, line, ...(this.lines[at - 1]!.trim() === "" ? [] : [""]));
  }
}

/** The document as data (plain objects), or a `config_invalid` error naming the file, line and column. */
export function parseToml(path: string, text: string): Result<Record<string, unknown>> {
  try {
    return ok(JSON.parse(JSON.stringify(toml.parse(text))) as Record<string, unknown>);
  } catch (error) {
    const e = error as { location?: { start?: { line?: number; column?: number } }; message: string };
    const where = e.location?.start;
    return fail("config_invalid", `${path}:${where?.line ?? "?"}:${where?.column ?? "?"}: invalid TOML: ${e.message}; nothing was changed`);
  }
}

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
};

/** Tables left empty carry nothing: `[a.b]` removed may leave `a` or not, depending on other headers. */
function pruneEmpty(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const pruned = pruneEmpty(v);
    if (typeof pruned === "object" && pruned !== null && !Array.isArray(pruned) && Object.keys(pruned).length === 0) continue;
    out[k] = pruned;
  }
  return out;
}

/**
 * Checks that `text` parses to exactly `expected` (empty tables aside when `ignoreEmptyTables`):
 * the guard every line-level edit goes through.
 */
export function verifyToml(path: string, text: string, expected: unknown, ignoreEmptyTables = false): Result<void> {
  const parsed = parseToml(path, text);
  if (!parsed.ok) return fail("config_invalid", `editing ${path} would break it (${parsed.error.message.replace(/; nothing was changed$/, "")}); nothing was changed`);
  const view = ignoreEmptyTables ? pruneEmpty : (v: unknown) => v;
  if (canonical(view(parsed.value)) !== canonical(view(expected))) return fail("config_invalid", `${path} is laid out in a way nemo-relay cannot edit safely; nothing was changed`);
  return ok(undefined);
}
