import { defineCommand } from "citty";
import { stat, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { AtifFiles, readAtifFile } from "../../adapters/fs/atif-files.ts";
import { exportPage } from "../../adapters/http/viewer/viewer-assets.ts";
import { GatewayRelay } from "../../adapters/http/viewer/gateway-relay.ts";
import { startViewerServer } from "../../adapters/http/viewer/viewer-server.ts";
import { ENV } from "../../ports/wire-names.ts";
import { loadConfig } from "../config/load-config.ts";
import { persistentGatewayUrl } from "../launch/persistent-paths.ts";
import { openInBrowser } from "../launch/open-browser.ts";
import { CliFailure } from "./fail.ts";
import { log } from "./log.ts";

export const examples = [
  "nemo-relay view",
  "nemo-relay view .nemo-relay/atif/019a….atif.json --no-open",
  "nemo-relay view ~/runs/ --port 8090",
  "nemo-relay view --html session.html .nemo-relay/atif/019a….atif.json",
];

/** The project's ATIF directory, as configured (relative to here), when it exists. */
async function configuredDirectory(configPath: string | undefined): Promise<string[]> {
  const config = loadConfig({ configPath });
  if (!config.ok) throw new CliFailure(config.error);
  const dir = resolve(config.value.atif.outputDirectory);
  return (await stat(dir).catch(() => undefined))?.isDirectory() ? [dir] : [];
}

/** Paths split into directories to scan and files to show; a missing path is the user's mistake. */
async function sortPaths(paths: readonly string[]): Promise<{ dirs: string[]; files: string[] }> {
  const dirs: string[] = [];
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new CliFailure({ code: "file_not_found", message: `no such file or directory: ${path}` }, 2);
    (info.isDirectory() ? dirs : files).push(path);
  }
  return { dirs, files };
}

/** `--html OUT [FILE]`: the file given, else the newest recorded session. */
async function exportHtml(out: string, paths: readonly string[], configPath: string | undefined): Promise<void> {
  if (paths.length > 1) throw new CliFailure({ code: "invalid_argument", message: "--html writes one session: give one file" }, 2);
  let file = paths[0];
  if (file === undefined || (await stat(file).catch(() => undefined))?.isDirectory()) {
    const listed = await new AtifFiles(file === undefined ? await configuredDirectory(configPath) : [file], []).list();
    file = listed.sessions[0]?.title;
    if (file === undefined) throw new CliFailure({ code: "file_not_found", message: "no recorded session found to export; name an ATIF file" });
  }
  const read = await readAtifFile(file);
  if (!read.ok) throw new CliFailure(read.error);
  await writeFile(out, exportPage(read.value));
  log.info(`wrote ${out} (${read.value.steps.length} steps of ${file}; opens without network)`);
}

async function gatewayAnswers(url: string): Promise<boolean> {
  const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(500) }).catch(() => undefined);
  return res?.ok === true;
}

export default defineCommand({
  meta: { name: "view", description: "Look at sessions in the browser (recorded files, and a running gateway's live ones; a local viewer on 127.0.0.1), or export one as a self-contained HTML file" },
  args: {
    paths: { type: "positional", required: false, description: "ATIF files or directories (default: the project's configured output directory)" },
    html: { type: "string", description: "Write one session as a self-contained HTML file here instead of serving" },
    port: { type: "string", description: "Port on 127.0.0.1 (default: any free one)" },
    open: { type: "boolean", default: true, description: "Open the browser (skipped without a display)", negativeDescription: "Only print the address" },
    "gateway-url": { type: "string", description: "A running gateway whose live sessions to show too (default: the persistent one, when it answers)" },
    config: { type: "string", description: "Read only this config.toml (and the plugins.toml beside it)" },
  },
  async run({ args }) {
    const paths = args._.map(String);
    if (args.html !== undefined) return exportHtml(args.html, paths, args.config);
    const port = args.port === undefined ? 0 : Number(args.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliFailure({ code: "invalid_argument", message: `--port needs a port number (got ${JSON.stringify(args.port)})` }, 2);
    const { dirs, files } = await sortPaths(paths);
    // A file named outright must be a session (a directory may hold other files: those are listed as problems).
    for (const file of files) {
      const read = await readAtifFile(file);
      if (!read.ok) throw new CliFailure(read.error);
    }
    const recorded = new AtifFiles(paths.length === 0 ? await configuredDirectory(args.config) : dirs, files);
    const gateway = (args["gateway-url"] ?? persistentGatewayUrl(process.env)).replace(/\/+$/, "");
    const live = await gatewayAnswers(gateway);
    if (!live && args["gateway-url"] !== undefined) log.warn(`no gateway answers at ${gateway}; showing recorded files only`);
    let server;
    try {
      server = startViewerServer(recorded, port, live ? new GatewayRelay(gateway, process.env[ENV.authToken] || undefined) : undefined);
    } catch (error) {
      throw new CliFailure({ code: "invalid_argument", message: `cannot listen on 127.0.0.1:${port}: ${(error as Error).message}` });
    }
    // On stdout, plainly: scripts (and the tests) read the address from here.
    process.stdout.write(`nemo-relay viewer on ${server.url} (Ctrl-C to stop)\n`);
    if (live) log.info(`with the live sessions of the gateway at ${gateway}`);
    if (args.open) openInBrowser(server.url, (message) => log.info(message));
    await new Promise<void>((done) => {
      const stop = () => void server.stop().then(done);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  },
});
