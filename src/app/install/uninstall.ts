/**
 * `nemo-relay uninstall AGENT`: each file the install edited gets back the exact bytes it had
 * (or goes, with the directories the install created) when nobody changed it since; a file
 * the user changed keeps their changes and loses only our additions, and the report says so.
 * Everything is planned before anything is written.
 */
import { InstallRecords } from "../../adapters/fs/install-records.ts";
import { readManaged, readText, removeManaged, sha256, writeManaged, type FileBytes } from "../../adapters/fs/managed-files.ts";
import { ok, type Result } from "../../domain/errors.ts";
import type { AgentIntegration, InstallContext, ManagedFile } from "../../ports/agent-install.ts";
import type { FileOutcome, InstallReport } from "./install.ts";

type Step =
  | { readonly kind: "write"; readonly bytes: Uint8Array; readonly mode: number }
  | { readonly kind: "delete"; readonly dirs: readonly string[] }
  | { readonly kind: "none" };

interface Planned {
  readonly path: string;
  readonly outcome: FileOutcome;
  readonly step: Step;
}

const encode = (text: string) => new TextEncoder().encode(text);

function planFile(path: string, label: string, file: ManagedFile | undefined, current: FileBytes | undefined, records: InstallRecords): Result<Planned> {
  const record = records.get(path);
  const none = (action: FileOutcome["action"], note?: string): Planned => ({ path, outcome: { path, label, action, note }, step: { kind: "none" } });
  if (!current) return ok(none(record ? "deleted" : "not installed", record ? "already gone" : undefined));
  if (record && sha256(current.bytes) === record.writtenSha256) {
    const original = records.original(path);
    if (record.existed && original) return ok({ path, outcome: { path, label, action: "restored" }, step: { kind: "write", bytes: original, mode: record.mode } });
    return ok({ path, outcome: { path, label, action: "deleted", note: "the install created it" }, step: { kind: "delete", dirs: record.createdDirs } });
  }
  if (!file) return ok(none("unchanged", "changed since the install and not a file this uninstall knows how to clean; remove the nemo-relay entries by hand"));
  const cleaned = file.remove(current.text, record?.memo ?? {});
  if (!cleaned.ok) return cleaned;
  if (cleaned.value === undefined) return ok({ path, outcome: { path, label, action: "deleted" }, step: { kind: "delete", dirs: record?.createdDirs ?? [] } });
  const bytes = encode(cleaned.value);
  if (sha256(bytes) === sha256(current.bytes)) return ok(none(record ? "unchanged" : "not installed", record ? "no nemo-relay additions left in it" : undefined));
  const note = record ? "changed since the install: removed only nemo-relay's additions, your changes stay" : "no backup found: removed only nemo-relay's additions";
  return ok({ path, outcome: { path, label, action: "cleaned", note }, step: { kind: "write", bytes, mode: current.mode } });
}

export interface UninstallOptions {
  readonly integration: AgentIntegration;
  readonly context: InstallContext;
  readonly records: InstallRecords;
  readonly dryRun: boolean;
}

export async function uninstall({ integration, context, records, dryRun }: UninstallOptions): Promise<Result<InstallReport>> {
  const files = integration.files(context, readText);
  if (!files.ok) return files;
  // The files this context names, then any other file an install of this agent recorded (CODEX_HOME moved…).
  const known = new Map<string, { label: string; file?: ManagedFile }>(files.value.map((f) => [f.path, { label: f.label, file: f }]));
  if (!context.project) for (const r of records.list(integration.agent, "user")) if (!known.has(r.path)) known.set(r.path, { label: r.label });
  const planned: Planned[] = [];
  // Reverse order: Codex's config.toml trusts hooks by their place in hooks.json, cleaned after it.
  for (const [path, { label, file }] of [...known].reverse()) {
    const current = readManaged(path);
    if (!current.ok) return current;
    const step = planFile(path, label, file, current.value, records);
    if (!step.ok) return step;
    planned.push(step.value);
  }
  if (!dryRun) {
    for (const item of planned) {
      const done = item.step.kind === "write" ? await writeManaged(item.path, item.step.bytes, item.step.mode) : item.step.kind === "delete" ? removeManaged(item.path, item.step.dirs) : ok(undefined);
      if (!done.ok) return done;
      records.remove(item.path);
    }
  }
  return ok({ files: planned.map((p) => p.outcome).reverse(), notes: [] });
}
