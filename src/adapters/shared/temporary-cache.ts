/**
 * Whether this nemo-relay runs from somewhere that lasts. `bunx` and `npx` run a package out of a
 * temporary cache that is cleared at any time; hooks installed to run from there would all fail
 * (silently, as hooks fail open) once it is gone.
 */
const TEMPORARY_CACHES = [
  { pattern: /\/bunx-[^/]*\//, by: "bunx" },
  { pattern: /\/\.bun\/install\/cache\//, by: "bunx" },
  { pattern: /\/_npx\//, by: "npx" },
] as const;

/** The launcher whose temporary cache `path` is in, or undefined for a path that lasts. */
export function temporaryCacheOf(path: string): "bunx" | "npx" | undefined {
  return TEMPORARY_CACHES.find((cache) => cache.pattern.test(path))?.by;
}
