/** Doctor checks every agent's installed hooks share: are they all there, and does their command still run. */
import { existsSync } from "node:fs";
import { isAbsolute } from "node:path";
import type { CheckStatus, DoctorCheck } from "../../../ports/agent-install.ts";
import { temporaryCacheOf } from "../../shared/temporary-cache.ts";

export type Check = (id: string, status: CheckStatus, message: string, fix?: string | null) => DoctorCheck;

/** Hooks for every event, some of them, or none (not installed). */
export function hooksCheck(check: Check, path: string, events: readonly string[], covered: ReadonlySet<string>, fix: string): DoctorCheck {
  if (covered.size === 0) return check("hooks", "warn", `not installed: no nemo-relay hooks in ${path}`, fix);
  const missing = events.filter((e) => !covered.has(e));
  if (missing.length > 0) return check("hooks", "error", `${path} lacks nemo-relay hooks for ${missing.join(", ")}`, fix);
  return check("hooks", "ok", `hooks for all ${events.length} events in ${path}`);
}

/** The words of a shell command line as the installer quotes them (plain words and '…'). */
function shellWords(command: string): string[] {
  return [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll(`'\\''`, "'") : m[2]!));
}

/** The installed command must be the one this nemo-relay would write, or at least still run. */
export function commandCheck(check: Check, commands: readonly string[], expected: string, fix: string, runs?: (argv: readonly string[]) => boolean): DoctorCheck {
  const distinct = [...new Set(commands)];
  for (const command of distinct) {
    const cache = shellWords(command).map(temporaryCacheOf).find(Boolean);
    if (cache) return check("hook_command", "error", `hooks run nemo-relay out of ${cache}'s temporary package cache (${command}); they stop working once it is cleared`, `install nemo-relay (npm i -g nemo-relay, with Bun; or the compiled binary), then ${fix} from there`);
  }
  if (distinct.length === 1 && distinct[0] === expected) return check("hook_command", "ok", `hooks run ${expected}`);
  for (const command of distinct) {
    const words = shellWords(command);
    const end = words.indexOf("hook-forward");
    const nemoRelay = words.slice(0, end < 0 ? 1 : end);
    const missing = nemoRelay.filter((w) => isAbsolute(w) && !existsSync(w));
    if (missing.length > 0) return check("hook_command", "error", `hooks run ${missing.join(" ")}, which no longer exists`, fix);
    if (runs && !runs(nemoRelay)) return check("hook_command", "error", `hooks run ${nemoRelay.join(" ")}, which does not run (its --version failed)`, fix);
  }
  return check("hook_command", "warn", `hooks run ${distinct.join(" | ")}; this nemo-relay would install ${expected}`, `${fix} (to point them at this copy)`);
}
