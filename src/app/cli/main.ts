import { renderUsage, runCommand, type CommandDef } from "citty";
import { AGENT_IDENTITIES, namesOf } from "../agents.ts";
import { VERSION } from "../version.ts";
import { CliFailure, formatError } from "./fail.ts";
import { unknownArgument } from "./strict-args.ts";

interface CommandModule {
  default: CommandDef<any>;
  examples: string[];
  /** A command with its own help text instead of citty's rendering. */
  help?: string;
  /** The command parses its own arguments (as strictly), so citty's table is for help only. */
  ownParser?: boolean;
}

/** Subcommands load on demand, so a command pays only for what it imports. */
const commands: Record<string, () => Promise<CommandModule>> = {
  demo: () => import("./demo.ts"),
  "hook-forward": () => import("./hook-forward-command.ts"),
  serve: () => import("./serve.ts"),
  run: () => import("./run.ts"),
  // `nemo-relay codex|claude|…`: one shortcut per name each agent answers to.
  ...Object.fromEntries(AGENT_IDENTITIES.flatMap((agent) => namesOf(agent).map((name) => [name, () => import("./run.ts").then((m) => m.agentShortcut(agent))]))),
  plugins: () => import("./plugins.ts"),
  validate: () => import("./validate.ts"),
  view: () => import("./view.ts"),
  install: () => import("./install.ts"),
  uninstall: () => import("./uninstall.ts"),
  doctor: () => import("./doctor.ts"),
};

const rootExamples = ["nemo-relay codex -- exec 'fix the failing test'", "nemo-relay claude -- -p 'explain this repo'", "nemo-relay serve", "nemo-relay demo", "nemo-relay validate .nemo-relay/atif/*.atif.json", "nemo-relay view", "nemo-relay validate --help"];

const root: CommandDef = {
  meta: { name: "nemo-relay", version: VERSION, description: "See what coding agents actually do: hooks and LLM traffic recorded as ATIF trajectories" },
  subCommands: Object.fromEntries(Object.entries(commands).map(([name, load]) => [name, () => load().then((m) => m.default)])),
};

/** citty colours its usage text; honour NO_COLOR and never colour a pipe. */
function plain(text: string): string {
  const colour = process.stdout.isTTY && !process.env.NO_COLOR;
  return colour ? text : text.replace(/\x1b\[[0-9;]*m/g, "");
}

async function help(command: CommandDef<any>, examples: string[], parent?: CommandDef): Promise<string> {
  const usage = await renderUsage(command, parent);
  return plain(`${usage}\n\nEXAMPLES\n\n${examples.map((e) => `  ${e}`).join("\n")}\n`);
}

/** Runs the CLI and returns the process exit code; user mistakes never print a stack trace. */
export async function main(argv: string[]): Promise<number> {
  // Bare `nemo-relay --bind HOST:PORT` is the long-running gateway, as `serve --bind` is.
  if (argv[0] === "--bind" || argv[0]?.startsWith("--bind=")) argv = ["serve", ...argv];
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-v") {
    process.stdout.write(`nemo-relay ${VERSION}\n`);
    return 0;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(await help(root, rootExamples));
    return 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`${formatError({ code: "unknown_command", message: `unknown command "${name}"; run nemo-relay --help for the list` })}\n`);
    return 2;
  }
  const module = await load();
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(module.help ?? (await help(module.default, module.examples, root)));
    return 0;
  }
  const args = typeof module.default.args === "function" ? await module.default.args() : module.default.args;
  const unknown = module.ownParser ? undefined : unknownArgument(name, args ?? {}, rest);
  if (unknown) {
    process.stderr.write(`${formatError({ code: "invalid_argument", message: unknown })}\n`);
    return 2;
  }
  try {
    await runCommand(module.default, { rawArgs: rest });
    // A command that passes on another process's exit code (run, codex…) leaves it here.
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CliFailure) {
      process.stderr.write(`${formatError(error.error)}\n`);
      return error.exitCode;
    }
    // citty's own argument errors (missing positional, bad enum) are user mistakes too.
    if (error instanceof Error && error.name === "CLIError") {
      process.stderr.write(`${formatError({ code: "invalid_argument", message: error.message })}\n`);
      return 2;
    }
    throw error;
  }
}
