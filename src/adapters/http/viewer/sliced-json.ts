import { stepBytes } from "../../../domain/trajectory/rendered-step.ts";
import type { Trajectory } from "../../../domain/trajectory/schema.ts";

/** Parts per read of the body (a step and its comma are two: ~200 steps): a long session goes out over many event-loop turns. */
const PARTS_PER_READ = 400;

/**
 * A JSON body whose trajectory (`trajectory`, in `{"row":…,"trajectory":…}`-like envelopes:
 * `before` + trajectory + `after`) is serialised a few hundred steps at a time, as the client
 * reads it: a page opening a long live session (tens of MB) never holds the gateway's loop for
 * the whole of it. The same JSON value as `JSON.stringify` gives (a trajectory's `steps` come
 * first among its keys, then its subagents).
 */
export function slicedJson(before: string, trajectory: Trajectory, after: string): ReadableStream<Uint8Array> {
  const parts = chunks(before, trajectory, after);
  const encoder = new TextEncoder();
  let reads = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // The server asks for the next part as soon as it has sent one: each waits its own turn of the loop.
      if (reads++ > 0) await new Promise((resolve) => setImmediate(resolve));
      let text = "";
      const flush = () => {
        if (text !== "") controller.enqueue(encoder.encode(text));
        text = "";
      };
      for (let count = 0; count < PARTS_PER_READ; count++) {
        const next = parts.next();
        if (next.done) {
          flush();
          return controller.close();
        }
        if (typeof next.value === "string") text += next.value;
        else {
          flush();
          controller.enqueue(next.value);
        }
      }
      flush();
    },
  });
}

function* chunks(before: string, trajectory: Trajectory, after: string): Generator<string | Uint8Array> {
  yield before;
  yield* trajectoryChunks(trajectory);
  yield after;
}

/** A trajectory's JSON: one chunk per step (the bytes a file write already made for it, where there are some), its subagents the same way. */
function* trajectoryChunks(trajectory: Trajectory): Generator<string | Uint8Array> {
  const { steps, subagent_trajectories: subagents, ...rest } = trajectory;
  yield '{"steps":[';
  for (let i = 0; i < steps.length; i++) {
    if (i > 0) yield ",";
    yield stepBytes(steps[i]!) ?? JSON.stringify(steps[i]);
  }
  yield "]";
  if (subagents) {
    yield ',"subagent_trajectories":[';
    for (let i = 0; i < subagents.length; i++) {
      if (i > 0) yield ",";
      yield* trajectoryChunks(subagents[i]!);
    }
    yield "]";
  }
  const others = JSON.stringify(rest);
  yield others === "{}" ? "}" : `,${others.slice(1)}`;
}
