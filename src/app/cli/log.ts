import { createConsola } from "consola";

/** Human status and warnings: always on stderr, so stdout stays for what scripts read. */
export const log = createConsola({
  stdout: process.stderr,
  stderr: process.stderr,
  // consola shows the time only on a terminal; elsewhere skip formatting it (ICU's first use costs ~9 ms of every start).
  formatOptions: { date: Boolean(process.stderr.isTTY) },
});
