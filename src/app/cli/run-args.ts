import { isJsonObject } from "./json-object.ts";

/** Splits a wrapper's command line: our options before `--`, the agent's command line after it. */
export interface RunArgs {
  readonly agent?: string;
  readonly dryRun: boolean;
  readonly print: boolean;
  readonly config?: string;
  readonly openaiBaseUrl?: string;
  readonly anthropicBaseUrl?: string;
  readonly chatgptBaseUrl?: string;
  readonly sessionMetadata?: string;
  readonly rest: readonly string[];
}

const VALUE_FLAGS: Record<string, keyof RunArgs> = {
  "--agent": "agent",
  "--config": "config",
  "--openai-base-url": "openaiBaseUrl",
  "--anthropic-base-url": "anthropicBaseUrl",
  "--chatgpt-base-url": "chatgptBaseUrl",
  "--session-metadata": "sessionMetadata",
};

/**
 * Our options come first; everything after `--` (or from the first word that is not one of our
 * options) belongs to the agent, untouched.
 */
export function parseRunArgs(raw: readonly string[]): RunArgs | string {
  const out: Record<string, unknown> = { dryRun: false, print: false };
  let i = 0;
  for (; i < raw.length; i++) {
    const word = raw[i]!;
    if (word === "--") {
      i++;
      break;
    }
    const [flag, inline] = word.includes("=") ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)] : [word, undefined];
    if (flag === "--dry-run") out.dryRun = true;
    else if (flag === "--print") out.print = true;
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
