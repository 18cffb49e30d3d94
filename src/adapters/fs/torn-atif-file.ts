import { isObject } from "../../domain/json.ts";
import { stepsTotals } from "../../domain/trajectory/continuation.ts";
import type { Trajectory } from "../../domain/trajectory/schema.ts";

/**
 * What an appended ATIF file (appended-atif-file.ts) still holds when a kill in the very middle
 * of a write tore its end: its steps stand one a line, so every whole step line before the tear
 * is there. Gives back the document those steps make — the head's ids, the steps in order, totals
 * recounted from them; the agent and whatever followed the steps are lost with the tear — or
 * undefined when the text is not such a file. A resumed session continues from it instead of
 * losing its earlier part.
 */
export function recoverAppended(text: string): Trajectory | undefined {
  const lines = text.split("\n");
  const head = parseHead(lines[0] ?? "");
  if (!head) return undefined;
  const steps: Trajectory["steps"] = [];
  for (const line of lines.slice(1)) {
    const step = parseLine(line.endsWith(",") ? line.slice(0, -1) : line);
    if (!isObject(step) || step.step_id !== steps.length + 1) break;
    steps.push(step as unknown as Trajectory["steps"][number]);
  }
  if (steps.length === 0) return undefined;
  return { ...head, agent: { name: "unknown", version: "unknown" }, steps, final_metrics: stepsTotals(steps) } as Trajectory;
}

/** `{"schema_version":…,"session_id":…,"trajectory_id":…,"steps":[` as an object of those ids. */
function parseHead(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{"schema_version":') || !line.endsWith('"steps":[')) return undefined;
  const head = parseLine(`${line.slice(0, -'"steps":['.length)}"steps":[]}`);
  if (!isObject(head)) return undefined;
  const { steps: _none, ...ids } = head;
  return ids;
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
