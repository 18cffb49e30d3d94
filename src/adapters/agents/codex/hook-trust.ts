/**
 * Codex 0.169 runs a non-managed hook only once it is trusted, and skips an untrusted one
 * silently. Hooks given with `-c hooks.<Event>=…` are trusted by a `-c hooks.state={…}` inline
 * table keyed `/<session-flags>/config.toml:<event_snake>:<group>:<handler>`, whose
 * `trusted_hash` is `"sha256:" + hex(sha256(J))`, J being the compact, key-sorted JSON of the
 * handler with its event and its group's matcher (verified against Codex's own `hooks/list`).
 * So a wrapper trusts exactly its own hooks, and not the user's untrusted ones.
 */

export interface CommandHook {
  readonly command: string;
  readonly timeout: number;
  readonly matcher?: string;
}

export const snakeCase = (event: string) => event.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function trustedHash(event: string, hook: CommandHook): string {
  const group: Record<string, unknown> = { event_name: snakeCase(event), hooks: [{ type: "command", command: hook.command, timeout: hook.timeout, async: false }] };
  if (hook.matcher !== undefined) group.matcher = hook.matcher;
  return `sha256:${Bun.SHA256.hash(sortedJson(group), "hex")}`;
}

/**
 * `-c` overrides declaring one command hook per event, then the `hooks.state` inline table that
 * trusts exactly them (the dotted form of that key is ignored by Codex; the inline table works).
 *
 * @example
 * codexHookOverrides(new Map([["Stop", { command: "/usr/bin/nemo-relay hook-forward codex", timeout: 30 }]]));
 */
export function codexHookOverrides(hooks: ReadonlyMap<string, CommandHook>): string[] {
  const args: string[] = [];
  const state: string[] = [];
  for (const [event, hook] of hooks) {
    const matcher = hook.matcher !== undefined ? `matcher=${JSON.stringify(hook.matcher)},` : "";
    args.push("-c", `hooks.${event}=[{${matcher}hooks=[{type="command",command=${JSON.stringify(hook.command)},timeout=${hook.timeout}}]}]`);
    state.push(`${JSON.stringify(`/<session-flags>/config.toml:${snakeCase(event)}:0:0`)}={trusted_hash=${JSON.stringify(trustedHash(event, hook))}}`);
  }
  args.push("-c", `hooks.state={${state.join(",")}}`);
  return args;
}
