/**
 * The processes the benchmark runs beside itself (mock provider, bare proxy, gateway): spawned
 * from their entry scripts, ready once they print their URL, stopped by their own pid.
 */
import type { Subprocess } from "bun";
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";

export const ROOT = join(import.meta.dir, "..");
export const BENCH = import.meta.dir;

/** Splits a byte stream into lines; `next()` waits for the next one (undefined at the end). */
export class LineReader {
  private readonly lines: string[] = [];
  private readonly waiters: Array<(line: string | undefined) => void> = [];
  private ended = false;
  /** Everything read so far, for error messages. */
  text = "";

  constructor(stream: ReadableStream<Uint8Array>) {
    void this.pump(stream);
  }

  next(): Promise<string | undefined> {
    const line = this.lines.shift();
    if (line !== undefined || this.ended) return Promise.resolve(line);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async pump(stream: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let partial = "";
    try {
      for await (const chunk of stream) {
        const text = decoder.decode(chunk, { stream: true });
        this.text += text;
        partial += text;
        let at: number;
        while ((at = partial.indexOf("\n")) >= 0) {
          this.deliver(partial.slice(0, at));
          partial = partial.slice(at + 1);
        }
      }
    } catch {
      // The process went away; whatever was read stays readable.
    }
    if (partial !== "") this.deliver(partial);
    this.ended = true;
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }

  private deliver(line: string): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(line);
    else this.lines.push(line);
  }
}

export interface Service {
  readonly url: string;
  readonly pid: number;
  /** Sends one control command (gateway `--control` only) and returns its JSON answer. */
  command(name: "settle" | "gc" | "stats" | "lag"): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** Waits for a line or the deadline; a process that dies or says nothing fails loudly. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Spawns `bun <script> ARGS` (a path under bench/, or an absolute one) and waits for its `{"url","pid"}` line. */
export async function startService(script: string, args: readonly string[] = [], options: { control?: boolean; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<Service> {
  const path = isAbsolute(script) ? script : join(BENCH, script);
  const proc: Subprocess<"pipe", "pipe", "pipe"> = Bun.spawn([process.execPath, path, ...args, ...(options.control ? ["--control"] : [])], {
    cwd: isAbsolute(script) ? dirname(dirname(script)) : ROOT,
    env: { ...process.env, ...options.env },
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
  });
  const out = new LineReader(proc.stdout);
  const err = new LineReader(proc.stderr);
  const first = await withDeadline(out.next(), options.timeoutMs ?? 10_000, `${script} did not start`).catch((error: Error) => {
    proc.kill();
    throw error;
  });
  if (first === undefined) throw new Error(`${script} exited before announcing its URL: ${err.text.slice(0, 500)}`);
  const announced = JSON.parse(first) as { url: string; pid: number };
  return {
    url: announced.url,
    pid: announced.pid,
    async command(name) {
      proc.stdin.write(`${name}\n`);
      proc.stdin.flush();
      const line = await withDeadline(out.next(), 60_000, `${script} ${name}`);
      if (line === undefined) throw new Error(`${script} exited: ${err.text.slice(0, 500)}`);
      return JSON.parse(line) as Record<string, number>;
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill("SIGTERM");
      const exited = await Promise.race([proc.exited.then(() => true), Bun.sleep(5_000).then(() => false)]);
      if (!exited) proc.kill("SIGKILL");
    },
  };
}

export interface Memory {
  /** Resident set size now, bytes. */
  readonly rss: number;
  /** Peak resident set size over the process's life (VmHWM), bytes. */
  readonly peak: number;
}

/** A process's RSS from /proc (Linux); `ps` elsewhere (without a peak). */
export function processMemory(pid: number): Memory {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1] ?? Number.NaN) * 1024;
    return { rss: kib("VmRSS"), peak: kib("VmHWM") };
  } catch {
    const ps = Bun.spawnSync(["ps", "-o", "rss=", "-p", String(pid)]);
    const rss = Number(ps.stdout.toString().trim()) * 1024;
    return { rss, peak: Number.NaN };
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the largest value seen. */
export function sampleMemory(pid: number, everyMs = 50): { stop(): number } {
  let max = processMemory(pid).rss;
  const timer = setInterval(() => (max = Math.max(max, processMemory(pid).rss)), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(max, processMemory(pid).rss);
    },
  };
}
