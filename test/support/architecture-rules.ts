/**
 * The house rules of ARCHITECTURE.md as a checker over a set of source files, so that the
 * architecture test can run it both on the real tree and on made-up trees that must fail.
 */
import { dirname, join, normalize } from "node:path";

export interface ArchitectureViolation {
  readonly file: string;
  readonly rule: string;
  readonly detail: string;
}

/** Source files by repository-relative path (`src/domain/events.ts`); `test/`, `bench/` and `bin/` files count as users of `src`. */
export type SourceTree = ReadonlyMap<string, string>;

/** The command that runs once per hook event and must stay lean. */
export const HOOK_FORWARD_ENTRY = "src/app/cli/hook-forward.ts";
const HOOK_FORWARD_BANNED = ["elysia", "consola", "@sinclair/typebox/compiler"];

const IMPORT_PATTERNS = [
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?[^'";]*?\sfrom\s+["']([^"']+)["']/g,
  /(?:^|[\s;])import\s+["']([^"']+)["']/g,
  /import\(\s*["']([^"']+)["']\s*\)/g,
  /require\(\s*["']([^"']+)["']\s*\)/g,
];

/** Every module specifier a file imports, type-only imports included. */
export function importsOf(source: string): string[] {
  const found = new Set<string>();
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  for (const pattern of IMPORT_PATTERNS) for (const m of code.matchAll(pattern)) found.add(m[1]!);
  return [...found];
}

/** A relative specifier resolved to a tree path; bare packages stay as they are. */
function resolve(from: string, spec: string): string {
  return spec.startsWith(".") ? normalize(join(dirname(from), spec)) : spec;
}

const packageOf = (spec: string) => (spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
const adapterFolder = (path: string) => path.split("/").slice(0, path.startsWith("src/adapters/agents/") || path.startsWith("src/adapters/providers/") ? 4 : 3).join("/");

export function checkArchitecture(tree: SourceTree): ArchitectureViolation[] {
  const out: ArchitectureViolation[] = [];
  for (const [file, source] of tree) {
    for (const spec of importsOf(source)) {
      const target = resolve(file, spec);
      const local = spec.startsWith(".");
      const v = (rule: string) => out.push({ file, rule, detail: spec });
      if (under(file, "src/domain")) {
        if (local ? !under(target, "src/domain") : packageOf(spec) !== "@sinclair/typebox") v("domain_imports_only_domain");
      } else if (under(file, "src/ports")) {
        if (local ? !under(target, "src/domain") && !under(target, "src/ports") : packageOf(spec) !== "@sinclair/typebox") v("ports_import_only_domain");
      } else if (under(file, "src/adapters") && local) {
        if (under(target, "src/app")) v("adapter_imports_app");
        else if (under(target, "src/adapters") && adapterFolder(target) !== adapterFolder(file) && !target.split("/").includes("shared")) v("adapter_imports_other_adapter");
      }
      if (!under(file, "src")) continue; // tests, bench and bin are read only to see what they use
      if (!local && packageOf(spec) === "elysia" && !under(file, "src/adapters/http")) v("elysia_only_in_http_adapter");
      if (!local && ["citty", "consola"].includes(packageOf(spec)) && !under(file, "src/app/cli")) v("cli_libraries_only_in_cli");
    }
    out.push(...checkLogging(file, source), ...checkExhaustiveSwitches(file, source), ...checkWireNames(file, source));
  }
  out.push(...checkHookForwardGraph(tree), ...checkCycles(tree), ...checkUnusedExports(tree), ...checkAgentNames(tree));
  return out;
}

/** The local files a file imports, resolved to tree paths. */
const localImports = (tree: SourceTree, file: string): string[] =>
  importsOf(tree.get(file) ?? "")
    .filter((spec) => spec.startsWith("."))
    .map((spec) => resolve(file, spec))
    .filter((target) => tree.has(target));

/** No import cycles under src (type-only imports count: they tie the files' designs together all the same). */
function checkCycles(tree: SourceTree): ArchitectureViolation[] {
  const out: ArchitectureViolation[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const target of localImports(tree, file)) {
      if (state.get(target) === "open") out.push({ file: target, rule: "no_import_cycles", detail: [...stack.slice(stack.indexOf(target)), target].join(" -> ") });
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of tree.keys()) if (under(file, "src") && !state.has(file)) visit(file);
  return out;
}

/** Every switch over an event's kind ends in `assertNever`, so a new kind is a compile error wherever it is not handled. */
function checkExhaustiveSwitches(file: string, source: string): ArchitectureViolation[] {
  if (!under(file, "src")) return [];
  const out: ArchitectureViolation[] = [];
  for (const m of source.matchAll(/switch \((\w+)\.kind\) \{/g)) {
    // The switch's body: up to the brace that closes it.
    let depth = 0;
    let end = m.index! + m[0].length - 1;
    for (; end < source.length; end++) {
      if (source[end] === "{") depth++;
      else if (source[end] === "}" && --depth === 0) break;
    }
    if (!/default:\s*(?:return\s+)?assertNever\(/.test(source.slice(m.index!, end))) out.push({ file, rule: "exhaustive_event_switch", detail: m[0] });
  }
  return out;
}

const EXPORTED_VALUE = /^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/gm;

/**
 * Every exported value under src is used by another file (src, the public entry, tests, bench,
 * bin): an export nobody imports is dead code or should not be an export. Types are left out:
 * they document signatures that callers spell out.
 */
function checkUnusedExports(tree: SourceTree): ArchitectureViolation[] {
  // In how many files each word appears: an export is used when a file besides its own names it.
  const filesNaming = new Map<string, number>();
  const wordsOf = new Map<string, Set<string>>();
  for (const [file, source] of tree) {
    const words = new Set(source.match(/[A-Za-z_$][\w$]*/g) ?? []);
    wordsOf.set(file, words);
    for (const word of words) filesNaming.set(word, (filesNaming.get(word) ?? 0) + 1);
  }
  // `export * from` hands every export on: the re-exporting file decides what is used.
  const reExported = new Set([...tree].flatMap(([file, source]) => [...source.matchAll(/export \* from ["']([^"']+)["']/g)].map((m) => resolve(file, m[1]!))));
  const out: ArchitectureViolation[] = [];
  for (const [file, source] of tree) {
    if (!under(file, "src") || reExported.has(file)) continue;
    for (const m of source.matchAll(EXPORTED_VALUE)) {
      const name = m[1]!;
      if ((filesNaming.get(name) ?? 0) - (wordsOf.get(file)!.has(name) ? 1 : 0) === 0) out.push({ file, rule: "no_unused_exports", detail: name });
    }
  }
  return out;
}

const LOG_CALL = /\b(?:console\.(?:log|info|warn|error|debug)|consola\.\w+|logger\.\w+|log\.\w+)\(([^)]*)\)/g;
const SENSITIVE = /\b(payload|headers|body|argv|authorization|apiKey|api_key|token|cookie|password|secret)\b/i;

/** Nothing logs payloads, headers, credentials or argv. */
function checkLogging(file: string, source: string): ArchitectureViolation[] {
  if (!under(file, "src")) return [];
  return [...source.matchAll(LOG_CALL)]
    .filter((m) => SENSITIVE.test(m[1]!))
    .map((m) => ({ file, rule: "no_logging_of_sensitive_values", detail: m[0].slice(0, 120) }));
}

/** The one module that spells the headers and environment variables crossing process boundaries. */
export const WIRE_NAMES = "src/ports/wire-names.ts";

/** A header or variable name written out in code (not in a comment or a message's text) anywhere but WIRE_NAMES. */
function checkWireNames(file: string, source: string): ArchitectureViolation[] {
  if (!under(file, "src") || file === WIRE_NAMES) return [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  const spelled = /["']x-nemo-relay-[a-z]+(?:-[a-z]+)*["']|\.NEMO_RELAY_[A-Z_]+\b|\bNEMO_RELAY_[A-Z_]+\s*:|["']NEMO_RELAY_[A-Z_]+["']/g;
  return [...code.matchAll(spelled)].map((m) => ({ file, rule: "wire_names_in_one_module", detail: m[0] }));
}

/** Where the agents are listed: the only file besides an agent's own folder that may name it. */
export const AGENT_LIST = "src/app/agents.ts";

/** Each agent folder's names (name, cliName, aliases), read from its identity.ts. */
function agentNames(tree: SourceTree): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [file, source] of tree) {
    const m = /^src\/adapters\/agents\/([^/]+)\/identity\.ts$/.exec(file);
    if (!m) continue;
    const names = [...source.matchAll(/(?:name|cliName):\s*"([^"]+)"|aliases:\s*\[([^\]]*)\]/g)].flatMap((n) => (n[1] ? [n[1]] : [...n[2]!.matchAll(/"([^"]+)"/g)].map((a) => a[1]!)));
    out.set(`src/adapters/agents/${m[1]}`, [...new Set(names)]);
  }
  return out;
}

/**
 * An agent is one module: no file names it (a string literal equal to one of its names) outside
 * its own folder and the one list. Comments are free to mention agents.
 */
function checkAgentNames(tree: SourceTree): ArchitectureViolation[] {
  const out: ArchitectureViolation[] = [];
  const agents = agentNames(tree);
  for (const [file, source] of tree) {
    if (!under(file, "src") || file === AGENT_LIST) continue;
    const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
    for (const [folder, names] of agents) {
      if (under(file, folder) || names.length === 0) continue;
      const literal = new RegExp(`["'](${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})["']`, "g");
      for (const m of code.matchAll(literal)) out.push({ file, rule: "agent_named_outside_its_module", detail: m[0] });
    }
  }
  return out;
}

/** hook-forward runs once per hook event: its whole import graph must stay free of heavy libraries. */
function checkHookForwardGraph(tree: SourceTree): ArchitectureViolation[] {
  if (!tree.has(HOOK_FORWARD_ENTRY)) return [];
  const out: ArchitectureViolation[] = [];
  const seen = new Set<string>();
  const visit = (file: string, via: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(tree.get(file) ?? "")) {
      if (!spec.startsWith(".")) {
        if (HOOK_FORWARD_BANNED.some((b) => spec === b || packageOf(spec) === b)) {
          out.push({ file: HOOK_FORWARD_ENTRY, rule: "hook_forward_stays_lean", detail: [...via, file, spec].join(" -> ") });
        }
        continue;
      }
      const target = resolve(file, spec);
      if (tree.has(target)) visit(target, [...via, file]);
    }
  };
  visit(HOOK_FORWARD_ENTRY, []);
  return out;
}
