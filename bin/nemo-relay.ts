#!/usr/bin/env bun
// The CLI runs on Bun; under Node (`node dist/cli/nemo-relay.js`) it says so, as the sh launcher does.
if (typeof Bun === "undefined") {
  console.error("nemo-relay: needs Bun (https://bun.sh) on PATH: npm i -g bun, or use the compiled binary (bun run build) [bun_missing]");
  process.exit(2);
}
// hook-forward runs once per agent event: it skips the CLI framework to start fast.
if (process.argv[2] === "hook-forward") {
  const { hookForward } = await import("../src/app/cli/hook-forward.ts");
  process.exitCode = await hookForward(process.argv.slice(3));
} else {
  const { main } = await import("../src/app/cli/main.ts");
  process.exitCode = await main(process.argv.slice(2));
}
export {};
