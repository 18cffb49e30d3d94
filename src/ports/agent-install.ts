import type { Result } from "../domain/errors.ts";
import type { AgentName } from "./agent-hooks.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** What an install (or doctor) knows about where it puts things. */
export interface InstallContext {
  /** The persistent gateway, `http://127.0.0.1:47632` unless configured otherwise. */
  readonly gatewayUrl: string;
  /** Shell-ready absolute command that runs this nemo-relay. */
  readonly selfCommand: string;
  /** `--project`: the project's files instead of the user's. */
  readonly project: boolean;
  readonly cwd: string;
  readonly env: Env;
  /** The agent's version where it could be asked (`2.1.328`), else undefined. */
  readonly agentVersion?: string;
  /** Where the gateway forwards model calls, per sign-in (for doctor's account of each agent's sign-in). */
  readonly upstream?: UpstreamUrls;
  /** doctor: whether a command line still runs (`<argv> --version` exits 0). */
  readonly commandRuns?: (argv: readonly string[]) => boolean;
}

/** The gateway's upstreams: API keys to the OpenAI and Anthropic APIs, ChatGPT sign-ins to the ChatGPT backend. */
export interface UpstreamUrls {
  readonly openaiBaseUrl: string;
  readonly anthropicBaseUrl: string;
  readonly chatgptBaseUrl: string;
}

/** What an install wrote into a file, as far as taking it out again needs to know. */
export type EditMemo = Readonly<Record<string, unknown>>;

/**
 * One file of the agent's that an install edits. Both functions are pure text in, text out;
 * reading, backing up and writing is the caller's business.
 */
export interface ManagedFile {
  readonly path: string;
  /** What it is, for people: "Codex hooks", "Claude Code user settings". */
  readonly label: string;
  /**
   * `base` (undefined: no file) with our additions merged in. Idempotent; a malformed `base`
   * is a `config_invalid` error naming the file. `planned` gives the new text of the files
   * listed before this one (Codex trusts hooks by their place in `hooks.json`).
   */
  add(base: string | undefined, planned: (path: string) => string | undefined): Result<FileAddition>;
  /** `current` without our additions (previous values put back); undefined when the file should go. */
  remove(current: string, memo: EditMemo): Result<string | undefined>;
}

export interface FileAddition {
  readonly text: string;
  readonly memo: EditMemo;
  /** Things worth telling about this file (a setting of the user's that was replaced…). */
  readonly notes?: readonly string[];
}

export type CheckStatus = "ok" | "warn" | "error";

/** One doctor finding: one failing check never hides the others. */
export interface DoctorCheck {
  readonly id: string;
  readonly status: CheckStatus;
  readonly message: string;
  /** What to do about it; null when there is nothing to do. */
  readonly fix: string | null;
}

/** How one agent is wired to the persistent gateway through its own config files. */
export interface AgentIntegration {
  readonly agent: AgentName;
  /** The name people type (`claude`), also used in check ids. */
  readonly name: string;
  /** Executable names to look for on PATH. */
  readonly executables: readonly string[];
  /** The oldest version the installed hooks work with, if known. */
  readonly minimumVersion?: string;
  /** Whether `--project` has a meaning for this agent. */
  readonly projectScope: boolean;
  /** The files an install edits, given what they hold now (`read`: undefined when missing). */
  files(context: InstallContext, read: (path: string) => string | undefined): Result<ManagedFile[]>;
  /** Things to tell after an install (consent prompts, credentials…). */
  notes(context: InstallContext): string[];
  /** Checks of the installed integration, given the files' current text (undefined: missing). */
  check(context: InstallContext, read: (path: string) => string | undefined): DoctorCheck[];
  /**
   * Which sign-in the agent will use and where the gateway sends its model calls, from its own
   * files and the environment; never a secret's value. Absent where the agent's model calls do
   * not pass the gateway.
   */
  signIn?(context: InstallContext, read: (path: string) => string | undefined): DoctorCheck;
}
