/** The committed page bundle is what the page's sources build to today (else: bun run build:viewer). */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { bundlePage, PAGE_ASSETS_FILE } from "../../../../src/adapters/http/viewer/page-bundle.ts";

test("page-assets.generated.json is up to date with src/adapters/http/viewer/page (run `bun run build:viewer` if not)", async () => {
  const committed = JSON.parse(readFileSync(PAGE_ASSETS_FILE, "utf8")) as { script: string; style: string };
  const fresh = await bundlePage();
  expect(committed.style).toBe(fresh.style);
  expect(committed.script).toBe(fresh.script);
}, 30_000);
