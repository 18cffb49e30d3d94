/** Small builders shared by the agent adapters' event mappings. */
/**
 * A tool call id for a hook that names none: stable across the start and end hooks of one
 * call (same scope, same tool), so the two still pair up when only one such call is in flight.
 */
export function syntheticToolCallId(scope: string | undefined, toolName: string | undefined): string {
  return `unidentified:${scope ?? "no-scope"}:${toolName ?? "tool"}`;
}
