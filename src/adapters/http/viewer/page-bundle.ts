/**
 * Builds the viewer page's script and style (`bun run build:viewer`) into
 * `page-assets.generated.json`, which viewer-assets.ts imports: a plain JSON import works from
 * the sources, from the npm package (Bun runs no macros from node_modules) and inside the
 * compiled binary alike. A test rebuilds it and fails when the committed file is stale.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const PAGE = join(import.meta.dir, "page");

/** The output file, beside this one. */
export const PAGE_ASSETS_FILE = join(import.meta.dir, "page-assets.generated.json");

/**
 * The page bundled for browsers as one classic script (it is inlined into exported files), and its stylesheet.
 *
 * @example
 * const { script, style } = await bundlePage();
 */
export async function bundlePage(): Promise<{ script: string; style: string }> {
  const built = await Bun.build({ entrypoints: [join(PAGE, "main.ts")], target: "browser", format: "iife", minify: true });
  if (!built.success) throw new Error(`bundling the viewer page failed: ${built.logs.map(String).join("\n")}`);
  return { script: await built.outputs[0]!.text(), style: await readFile(join(PAGE, "styles.css"), "utf8") };
}

if (import.meta.main) {
  await writeFile(PAGE_ASSETS_FILE, `${JSON.stringify(await bundlePage())}\n`);
  console.error(`wrote ${PAGE_ASSETS_FILE}`);
}
