/**
 * The `default` of a switch that must handle every case of a union (every event kind): when a
 * new case is added, the compiler names each switch that does not handle it yet, here.
 *
 * @example
 * switch (event.kind) { case "a": return 1; case "b": return 2; default: return assertNever(event); }
 */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)?.slice(0, 200)}`);
}
