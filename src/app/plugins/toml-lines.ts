/**
 * The TOML parser reports where the syntax breaks, but a schema error only knows a path in the
 * parsed document (`/components/0/config/atif/enabled`). To tell a person which line to fix,
 * this follows the document's statements (the one TOML scanner, shared/toml-scan.ts) the way TOML
 * builds it: `[table]` and `[[array.of.tables]]` headers (counting the array elements) and
 * `key = value` lines, dotted and quoted keys included. An error inside a value spanning lines
 * points at the line of its key.
 */
import { scanToml } from "../../adapters/shared/toml-scan.ts";

/** JSON-pointer segments (`~1` is `/`, `~0` is `~`). */
const segmentsOf = (pointer: string) => pointer.split("/").slice(1).map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));

/**
 * The 1-based line that defines `pointer` in `text`, else the line of the deepest table or key
 * that contains it (a missing required key points at its table's header); undefined when nothing
 * in the file leads to it.
 *
 * @example
 * lineOfPath('version = 1\n[[components]]\nkind = "x"\n[components.config.atif]\nenabled = "yes"\n', "/components/0/config/atif/enabled"); // 5
 */
export function lineOfPath(text: string, pointer: string): number | undefined {
  const target = segmentsOf(pointer);
  const arrays = new Map<string, number>();
  let best: { line: number; depth: number } | undefined;

  /** A path with the current element index put after every array of tables it passes. */
  const resolve = (keys: readonly string[]) => {
    const path: string[] = [];
    for (const key of keys) {
      path.push(key);
      const index = arrays.get(path.join("\u0000"));
      if (index !== undefined) path.push(String(index));
    }
    return path;
  };
  const consider = (path: readonly string[], line: number) => {
    if (path.length > target.length || path.some((p, i) => p !== target[i])) return;
    if (!best || path.length > best.depth) best = { line, depth: path.length };
  };

  for (const statement of scanToml(text.split("\n"))) {
    const line = statement.firstLine + 1;
    if (statement.kind === "array-table") {
      const parent = resolve(statement.path.slice(0, -1));
      const id = [...parent, statement.path.at(-1)!].join("\u0000");
      const index = (arrays.get(id) ?? -1) + 1;
      arrays.set(id, index);
      consider([...parent, statement.path.at(-1)!, String(index)], line);
    } else if (statement.kind === "table") {
      consider(resolve(statement.path), line);
    } else {
      consider([...resolve(statement.table), ...statement.keyParts], line);
    }
  }
  return best?.line;
}
