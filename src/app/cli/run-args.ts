import { GATEWAY_OPTIONS } from "./gateway-options.ts";
import { isJsonObject } from "./json-object.ts";

/** Splits a wrapper's command line: our options before `--`, the agent's command line after it. */
export interface RunArgs {
  readonly agent?: string;
  readonly dryRun: boolean;
  readonly print: boolean;
  readonly view: boolean;
  readonly config?: string;
  readonly openaiBaseUrl?: string;
  readonly anthropicBaseUrl?: string;
  readonly chatgptBaseUrl?: string;
  readonly sessionMetadata?: string;
  readonly rest: readonly string[];
}

/** The wrapper's options, for citty's help and for the parser below: one table. */
export const RUN_OPTIONS = {
  "dry-run": { type: "boolean", description: "Print the plan (with --print) and launch nothing" },
  print: { type: "boolean", description: "Print the plan: agent, gateway, upstreams, exporters, argv, injected env, notes" },
  view: { type: "boolean", description: "Watch the session live: open the run's gateway viewer (/ui) in the browser" },
  ...GATEWAY_OPTIONS,
  "session-metadata": { type: "string", description: "JSON object recorded with the session" },
} as const;

/** `run` alone also takes the agent (the shortcuts know theirs). */
export const AGENT_OPTION = { agent: { type: "string", description: "codex | claude | cursor | hermes (default: from the command's name)" } } as const;

const camel = (flag: string) => flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const flagsOf = (type: "string" | "boolean"): Record<string, keyof RunArgs> =>
  Object.fromEntries(
    Object.entries({ ...AGENT_OPTION, ...RUN_OPTIONS })
      .filter(([, option]) => option.type === type)
      .map(([name]) => [`--${name}`, camel(name) as keyof RunArgs]),
  );
const VALUE_FLAGS = flagsOf("string");
const SWITCHES = flagsOf("boolean");

/**
 * Our options come first; everything after `--` (or from the first word that is not one of our
 * options) belongs to the agent, untouched.
 */
export function parseRunArgs(raw: readonly string[]): RunArgs | string {
  const out: Record<string, unknown> = Object.fromEntries(Object.values(SWITCHES).map((key) => [key, false]));
  let i = 0;
  for (; i < raw.length; i++) {
    const word = raw[i]!;
    if (word === "--") {
      i++;
      break;
    }
    const [flag, inline] = word.includes("=") ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)] : [word, undefined];
    if (SWITCHES[flag]) out[SWITCHES[flag]!] = true;
    else if (VALUE_FLAGS[flag]) {
      const value = inline ?? raw[++i];
      if (value === undefined || value === "") return `${shown(flag)} needs a value`;
      out[VALUE_FLAGS[flag]!] = value;
    } else if (word.startsWith("-")) return `unknown option ${shown(word)}; options for the agent go after --`;
    else break;
  }
  if (typeof out.sessionMetadata === "string" && !isJsonObject(out.sessionMetadata)) return `--session-metadata must be a JSON object, got: ${shown(out.sessionMetadata.slice(0, 80))}`;
  return { ...(out as Omit<RunArgs, "rest">), rest: raw.slice(i) };
}

/** User text inside a one-line error: control characters (a newline in an argument) escaped. */
function shown(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
