/**
 * `nemo-relay install AGENT`: every file the agent's integration edits is planned first (a
 * malformed one stops everything, nothing written), then backed up, then written atomically.
 * Installing again changes nothing; installing from another path or port updates our entries
 * in place. If the user edited a file since the last install, our old additions are taken out
 * of their version first, and their version becomes the one uninstall gives back.
 */
import { InstallRecords as Records, type InstallRecord } from "../../adapters/fs/install-records.ts";
import { missingDirs, readManaged, readText, removeManaged, sha256, writeManaged, type FileBytes } from "../../adapters/fs/managed-files.ts";
import { fail, ok, type Result } from "../../domain/errors.ts";
import type { AgentIntegration, FileAddition, InstallContext, ManagedFile } from "../../ports/agent-install.ts";

export interface FileOutcome {
  readonly path: string;
  readonly label: string;
  readonly action: "created" | "updated" | "unchanged" | "restored" | "cleaned" | "deleted" | "not installed";
  readonly note?: string;
}

export interface InstallReport {
  readonly files: readonly FileOutcome[];
  readonly notes: readonly string[];
}

interface Planned {
  readonly file: ManagedFile;
  readonly current?: FileBytes;
  readonly original?: Uint8Array;
  readonly existed: boolean;
  readonly addition: FileAddition;
  readonly note?: string;
  /** Directories writing the file creates. */
  readonly newDirs: readonly string[];
  /** The record and backup before this install, to put back if it fails half-way. */
  readonly previous?: { readonly record: InstallRecord; readonly original?: Uint8Array };
}

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/** The file as it was before any install of ours, as far as it can be known. */
function baseOf(file: ManagedFile, current: FileBytes | undefined, records: Records): Result<{ base?: Uint8Array; note?: string }> {
  const record = records.get(file.path);
  if (!current) return ok({});
  if (!record) {
    // No backup record (a first install, or the state directory was lost): take out anything
    // unmistakably ours, so that what is kept as "the original" is the user's alone.
    const cleaned = file.remove(current.text, {});
    return ok({ base: cleaned.ok && cleaned.value !== undefined ? encode(cleaned.value) : current.bytes });
  }
  if (sha256(current.bytes) === record.writtenSha256) return ok({ base: record.existed ? records.original(file.path) : undefined });
  const removed = file.remove(current.text, record.memo);
  if (!removed.ok) return removed;
  return ok({ base: removed.value === undefined ? undefined : encode(removed.value), note: "changed since the last install: updated your version" });
}

async function plan(files: readonly ManagedFile[], records: Records): Promise<Result<Planned[]>> {
  const planned: Planned[] = [];
  const texts = new Map<string, string>();
  for (const file of files) {
    const current = readManaged(file.path);
    if (!current.ok) return current;
    const base = baseOf(file, current.value, records);
    if (!base.ok) return base;
    const addition = file.add(base.value.base === undefined ? undefined : decode(base.value.base), (path) => texts.get(path));
    if (!addition.ok) return addition;
    texts.set(file.path, addition.value.text);
    const record = records.get(file.path);
    const previous = record ? { record, original: records.original(file.path) } : undefined;
    planned.push({ file, current: current.value, original: base.value.base, existed: base.value.base !== undefined, addition: addition.value, note: base.value.note, previous, newDirs: missingDirs(file.path) });
  }
  return ok(planned);
}

export interface InstallOptions {
  readonly integration: AgentIntegration;
  readonly context: InstallContext;
  readonly records: Records;
  readonly dryRun: boolean;
}

export async function install({ integration, context, records, dryRun }: InstallOptions): Promise<Result<InstallReport>> {
  const files = integration.files(context, readText);
  if (!files.ok) return files;
  const planned = await plan(files.value, records);
  if (!planned.ok) return planned;
  const outcomes: FileOutcome[] = [];
  const written: Planned[] = [];
  for (const item of planned.value) {
    const bytes = encode(item.addition.text);
    const action = sameBytes(item.current?.bytes, bytes) ? "unchanged" : item.current ? "updated" : "created";
    outcomes.push({ path: item.file.path, label: item.file.label, action, note: item.note });
    if (dryRun || (action === "unchanged" && records.get(item.file.path))) continue;
    const mode = item.current?.mode ?? 0o600;
    const saved = records.save(
      { path: item.file.path, agent: integration.agent, label: item.file.label, scope: context.project ? "project" : "user", existed: item.existed, mode, writtenSha256: sha256(bytes), memo: item.addition.memo, createdDirs: item.previous?.record.createdDirs ?? item.newDirs, installedAt: new Date().toISOString() },
      item.original,
    );
    if (!saved.ok) return rollback(written, records, saved.error.message);
    written.push(item);
    if (action === "unchanged") continue;
    const wrote = await writeManaged(item.file.path, bytes, mode);
    if (!wrote.ok) return rollback(written, records, wrote.error.message);
  }
  const notes = [...planned.value.flatMap((p) => p.addition.notes ?? []), ...integration.notes(context)];
  return ok({ files: outcomes, notes });
}

/** Puts back the files (and records) this install already wrote, so a failure leaves everything as it was. */
async function rollback(written: readonly Planned[], records: Records, message: string): Promise<Result<never>> {
  const left: string[] = [];
  for (const item of [...written].reverse()) {
    const restored = item.current ? await writeManaged(item.file.path, item.current.bytes, item.current.mode) : removeManaged(item.file.path, item.newDirs);
    if (!restored.ok) left.push(item.file.path);
    if (item.previous) records.save(item.previous.record, item.previous.original);
    else records.remove(item.file.path);
  }
  return fail("write_failed", `${message}${left.length > 0 ? `; could not put back ${left.join(", ")}` : "; every file was left as it was"}`);
}
