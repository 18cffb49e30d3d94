import { Buffer } from "node:buffer";
import { open } from "node:fs/promises";
import type { TrajectoryIncrement } from "../../domain/trajectory/sealed-steps.ts";
import type { AppendedFile } from "../../ports/trajectory-sink.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { jsonPieces } from "./json-pieces.ts";

const SYNC_INTERVAL_MS = 1_000;

/** The document's fields written before `steps`: they never change for a session. */
const HEAD_FIELDS = ["schema_version", "session_id", "trajectory_id"] as const;

/**
 * An ATIF file kept valid by appending: its steps come one a line, before the fields that change
 * (agent, final_metrics, subagents, extra):
 *
 *     {"schema_version":…,"session_id":…,"trajectory_id":…,"steps":[
 *     {"step_id":1,…},
 *     {"step_id":2,…}
 *     ],"agent":…,"final_metrics":…}
 *
 * A sealed step is written once. Each later write is one positioned write of what follows the
 * sealed steps: the newly sealed ones, the open ones and the rest of the document; a shorter
 * result is padded with spaces, so the file is never truncated and is a whole JSON document
 * after every write. The cost of a write is what changed, not the file's size. The first write
 * of a file creates it atomically (temp file + rename), replacing any earlier one.
 */
export async function writeAppended(path: string, update: TrajectoryIncrement, file: AppendedFile | undefined): Promise<AppendedFile> {
  const sealedSteps = file?.sealedSteps ?? 0;
  const sealed = Buffer.from(stepLines(update.sealed, sealedSteps));
  // What follows the sealed steps, in pieces (see jsonPieces): the open steps, then the rest of the document.
  const rest = [Buffer.from(`${stepLines(update.open, sealedSteps + update.sealed.length)}\n]`), ...tailOf(update.rest)];
  const restLength = rest.reduce((sum, piece) => sum + piece.byteLength, 0);
  if (!file) {
    const head = Buffer.from(headOf(update.rest));
    await writeFileAtomic(path, Buffer.concat([head, sealed, ...rest, NEWLINE]));
    const sealedEnd = head.length + sealed.length;
    return { path, sealedEnd, length: sealedEnd + restLength + 1, sealedSteps: sealedSteps + update.sealed.length, syncedAt: Date.now() };
  }
  // Written in one call, in pieces: no copy of the whole and no second pass to count bytes.
  const padding = Math.max(0, file.length - file.sealedEnd - sealed.length - restLength - 1);
  const parts = [sealed, ...rest, Buffer.from(`${" ".repeat(padding)}\n`)];
  // A kill -9 loses nothing the kernel has; a sync is for power loss, at most once a second: a
  // sync per write made each cost tens of ms on a busy disk, and the file lagged that far behind.
  const now = Date.now();
  const synced = now - file.syncedAt >= SYNC_INTERVAL_MS;
  const handle = await open(path, "r+");
  let written = 0;
  try {
    written = (await handle.writev(parts, file.sealedEnd)).bytesWritten;
    if (synced) await handle.datasync();
  } finally {
    await handle.close();
  }
  return { path, sealedEnd: file.sealedEnd + sealed.length, length: file.sealedEnd + written, sealedSteps: sealedSteps + update.sealed.length, syncedAt: synced ? now : file.syncedAt };
}

const NEWLINE = Buffer.from("\n");
const COMMA = Buffer.from(",");

/** Steps as lines of the array, numbered on from `before` (a comma separates them from earlier ones). */
function stepLines(steps: readonly string[], before: number): string {
  let out = "";
  for (let i = 0; i < steps.length; i++) out += `${before + i === 0 ? "\n" : ",\n"}${steps[i]}`;
  return out;
}

function headOf(rest: TrajectoryIncrement["rest"]): string {
  const head = HEAD_FIELDS.filter((k) => rest[k] !== undefined).map((k) => `${JSON.stringify(k)}:${JSON.stringify(rest[k])},`);
  return `{${head.join("")}"steps":[`;
}

/** `,"agent":…}` — the rest of the document after the steps array, in pieces (a subagent's steps among them). */
function tailOf(rest: TrajectoryIncrement["rest"]): Uint8Array[] {
  const tail: Record<string, unknown> = { ...rest };
  for (const k of HEAD_FIELDS) delete tail[k];
  const pieces = jsonPieces(tail);
  if (pieces.length === 1 && pieces[0]!.byteLength === 2) return [Buffer.from("}")];
  // `{"agent":…}` goes on as `,"agent":…}` after the steps. The first piece is always the writer's own text (an object opens with text, never with a step).
  pieces[0] = Buffer.concat([COMMA, pieces[0]!.subarray(1)]);
  return pieces;
}
