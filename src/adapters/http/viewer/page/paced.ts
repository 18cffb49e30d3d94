/**
 * Work that is redone from the whole of something that keeps changing (a live session's
 * overview), paced by its own cost: after a run that took `t`, the next waits until `wait × t`
 * has passed. Cheap work follows every request; costly work takes at most about 1/(wait+1) of
 * the time. A request that comes too soon is not dropped: one run follows when it is due.
 */
export interface Clock {
  now(): number;
  later(run: () => void, ms: number): void;
}

const realClock: Clock = { now: () => performance.now(), later: (run, ms) => void setTimeout(run, ms) };

/**
 * @example
 * const refresh = paced(() => redrawOverview(), 8);
 * refresh(); // now, or once due
 */
export function paced(work: () => void, wait: number, clock: Clock = realClock): () => void {
  let due = 0;
  let waiting = false;
  const run = (): void => {
    const start = clock.now();
    if (start < due) {
      if (!waiting) clock.later(() => ((waiting = false), run()), due - start);
      waiting = true;
      return;
    }
    work();
    const end = clock.now();
    due = end + wait * (end - start);
  };
  return run;
}
