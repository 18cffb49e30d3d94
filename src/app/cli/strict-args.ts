/**
 * citty ignores what it does not know (`serve --frob` started a gateway); a user's typo must be an
 * error instead, with a suggestion. Checked against the command's own argument table, before it
 * runs; `run`, the agent shortcuts and hook-forward parse their arguments themselves, as strictly.
 */
import type { ArgsDef } from "citty";
import { closest } from "../nearest-name.ts";

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The first problem with `rawArgs` for a command whose arguments are `args`: an unknown option
 * (with the nearest known one) or a word where the command takes none; undefined when fine.
 *
 * @example
 * unknownArgument("serve", { bind: { type: "string" } }, ["--bnd", "x"]); // 'unknown option --bnd for serve; did you mean --bind?'
 */
export function unknownArgument(command: string, args: ArgsDef, rawArgs: readonly string[]): string | undefined {
  const options = Object.entries(args).filter(([, def]) => def.type !== "positional");
  const names = new Map<string, string>(); // every accepted spelling -> its type
  for (const [name, def] of options) {
    const aliases = "alias" in def && def.alias !== undefined ? [def.alias].flat() : [];
    for (const spelling of [name, kebab(name), ...aliases]) names.set(spelling, def.type ?? "string");
    if (def.type === "boolean") names.set(`no-${kebab(name)}`, "boolean");
  }
  names.set("help", "boolean").set("h", "boolean");
  const takesWords = Object.values(args).some((def) => def.type === "positional");
  for (let i = 0; i < rawArgs.length; i++) {
    const word = rawArgs[i]!;
    if (word === "--") break;
    if (!word.startsWith("-") || word === "-") {
      if (!takesWords) return `unexpected argument ${JSON.stringify(word)} for ${command}; see nemo-relay ${command} --help`;
      continue;
    }
    const name = word.replace(/^--?/, "").split("=")[0]!;
    const type = names.get(name);
    if (type === undefined) {
      const near = closest(name, [...names.keys()].filter((n) => n.length > 1));
      return `unknown option ${word.split("=")[0]} for ${command}${near ? `; did you mean --${near}?` : `; see nemo-relay ${command} --help`}`;
    }
    if (type === "string" && !word.includes("=")) i++; // its value
  }
  return undefined;
}
