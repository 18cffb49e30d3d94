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
  const body = bodyOf(text);
  if (body === undefined) return undefined;
  const steps = [...stepsFrom(text, body)];
  if (steps.length === 0) return undefined;
  return { ...body.head, agent: { name: "unknown", version: "unknown" }, steps, final_metrics: stepsTotals(steps) } as Trajectory;
}

/** Reading a file back hands the event loop back this often (ms). */
const TURN_MS = 4;

/**
 * The steps of an appended file, torn or whole, parsed a line at a time, the event loop handed
 * back every few milliseconds: a long session's file is read back for a page (the live viewer)
 * without holding the gateway for long, where one JSON.parse of it would. Stops at the first
 * line that is not the next step (the end of the array, or a tear); undefined when the text is
 * not an appended file.
 */
export async function appendedSteps(text: string): Promise<Trajectory["steps"] | undefined> {
  const body = bodyOf(text);
  if (body === undefined) return undefined;
  const steps: Trajectory["steps"] = [];
  let turn = performance.now();
  for (const step of stepsFrom(text, body)) {
    steps.push(step);
    if (performance.now() - turn < TURN_MS) continue;
    await new Promise((resolve) => setImmediate(resolve));
    turn = performance.now();
  }
  return steps;
}

/** An appended file's head (its ids) and where its step lines begin; undefined for any other text. */
function bodyOf(text: string): { head: Record<string, unknown>; start: number } | undefined {
  const end = text.indexOf("\n");
  const head = end < 0 ? undefined : parseHead(text.slice(0, end));
  return head && { head, start: end + 1 };
}

/** The step lines after the head, parsed, in order, up to the first that is not the next step. */
function* stepsFrom(text: string, body: { start: number }): Generator<Trajectory["steps"][number]> {
  let count = 0;
  for (let start = body.start, end = start; start < text.length; start = end + 1) {
    end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const step = parseLine(text.charCodeAt(end - 1) === COMMA ? text.slice(start, end - 1) : text.slice(start, end));
    if (!isObject(step) || step.step_id !== ++count) return;
    yield step as unknown as Trajectory["steps"][number];
  }
}
const COMMA = ",".charCodeAt(0);

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
