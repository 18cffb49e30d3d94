/**
 * Local means local (SPEC §4): a real `nemo-relay serve` on loopback refuses what only a web page
 * sends — a foreign `Origin` (simple or preflighted), a `Host` that is not a loopback name (DNS
 * rebinding), a hook body that is not JSON — records and forwards nothing of it, and never lets a
 * hook's `cwd` choose or create a directory. Agents' own requests (no Origin, loopback Host, JSON)
 * are untouched, and the gateway stays up throughout.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { startFakeUpstream, type FakeUpstream } from "../support/fake-upstream.ts";
import { startGatewayProcess, type GatewayProcess } from "./support/gateway-process.ts";
import { tempDir } from "./support/test-gateway.ts";
import { until } from "./support/until.ts";

let gateway: GatewayProcess;
let upstream: FakeUpstream;
let root: string;
let dir: string;
const JSON_TYPE = { "content-type": "application/json" };
const RELATIVE_ATIF = `version = 1\n[[components]]\nkind = "observability"\n[components.config.atif]\noutput_directory = ".nemo-relay/atif"\n`;

beforeAll(async () => {
  root = tempDir("local-only");
  dir = join(root, "gateway");
  upstream = startFakeUpstream();
  upstream.handle(() => Response.json({ ok: true }));
  gateway = await startGatewayProcess({ dir, pluginsToml: RELATIVE_ATIF, env: { NEMO_RELAY_OPENAI_BASE_URL: `${upstream.url}/v1` } });
});

afterAll(async () => {
  if (gateway.proc.exitCode === null) gateway.proc.kill("SIGTERM");
  await gateway.exited();
  upstream.stop();
  rmSync(root, { recursive: true, force: true });
});

const hookBody = (session: string, event: string, extra: Record<string, unknown> = {}) => JSON.stringify({ session_id: session, hook_event_name: event, ...extra });
const errorCode = async (r: Response) => ((await r.json()) as { error: { code: string } }).error.code;
/** Every file under `path`, recursively (relative names). */
const filesUnder = (path: string): string[] => (existsSync(path) ? (readdirSync(path, { recursive: true }) as string[]) : []);

describe("browsers are not clients", () => {
  test("a cross-site simple request (text/plain, no preflight) to a hook is refused: 403, nothing recorded", async () => {
    const r = await fetch(`${gateway.url}/hooks/codex`, { method: "POST", headers: { origin: "http://attacker.example", "content-type": "text/plain" }, body: hookBody("xsite", "UserPromptSubmit", { prompt: "injected" }) });
    expect(r.status).toBe(403);
    expect(await errorCode(r)).toBe("forbidden_origin");
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("a preflight is refused, so a page's JSON request never follows", async () => {
    const r = await fetch(`${gateway.url}/hooks/codex`, { method: "OPTIONS", headers: { origin: "https://attacker.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    expect(r.status).toBe(403);
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("a provider call from a page is refused before anything is forwarded", async () => {
    const r = await fetch(`${gateway.url}/v1/responses`, { method: "POST", headers: { origin: "null", ...JSON_TYPE }, body: '{"model":"m","input":"hi"}' });
    expect(r.status).toBe(403);
    expect(upstream.received).toEqual([]);
  });

  test("a rebinding Host is refused on every route, so a page can read nothing", async () => {
    const port = new URL(gateway.url).port;
    for (const [path, init] of [["/healthz", {}], ["/hooks/codex", { method: "POST", headers: JSON_TYPE, body: hookBody("rebound", "UserPromptSubmit", { prompt: "x" }) }]] as const) {
      const r = await fetch(`${gateway.url}${path}`, { ...init, headers: { ...("headers" in init ? init.headers : {}), host: `attacker.example:${port}` } });
      expect(r.status).toBe(421);
      expect(await errorCode(r)).toBe("misdirected_host");
    }
  });

  test("a hook body that is not JSON is refused (415) even without an Origin", async () => {
    const r = await fetch(`${gateway.url}/hooks/codex`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: hookBody("form", "UserPromptSubmit", { prompt: "x" }) });
    expect(r.status).toBe(415);
    expect(await errorCode(r)).toBe("unsupported_media_type");
  });

  test("what agents send passes: no Origin, a loopback Host by any of its names, JSON; the gateway's own origin too", async () => {
    const port = new URL(gateway.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await fetch(`${gateway.url}/healthz`, { headers: { host } })).status).toBe(200);
    }
    const own = await fetch(`${gateway.url}/hooks/codex`, { method: "POST", headers: { origin: gateway.url, ...JSON_TYPE }, body: hookBody("own-page", "UserPromptSubmit", { prompt: "from the gateway's own page" }) });
    expect(own.status).toBe(200);
  });
});

describe("a hook never chooses a new directory", () => {
  test("non-existent, relative, symlinked and foreign-owned cwds: confined, nothing created outside an existing project", async () => {
    const project = join(root, "project");
    mkdirSync(project);
    symlinkSync(project, join(root, "project-link"));
    const foreign = join(root, "foreign");
    mkdirSync(foreign);
    if (process.getuid?.() === 0) chownSync(foreign, 65534, 65534);
    const foreignCwd = process.getuid?.() === 0 ? foreign : "/";
    const sessions: Record<string, string> = {
      "cwd-missing": join(root, "does", "not", "exist"),
      "cwd-relative": "some/relative/dir",
      "cwd-link": join(root, "project-link"),
      "cwd-foreign": foreignCwd,
    };
    for (const [session, cwd] of Object.entries(sessions)) {
      for (const event of ["SessionStart", "UserPromptSubmit", "Stop"]) {
        const r = await fetch(`${gateway.url}/hooks/codex`, { method: "POST", headers: JSON_TYPE, body: hookBody(session, event, { cwd, prompt: `prompt of ${session}`, source: "startup" }) });
        expect(r.status).toBe(200);
      }
    }
    const fallback = join(dir, ".nemo-relay/atif");
    await until("the confined records", () => ["cwd-missing", "cwd-relative", "cwd-foreign"].every((s) => existsSync(join(fallback, `${s}.atif.json`))));
    await until("the symlinked project's record", () => existsSync(join(project, ".nemo-relay/atif/cwd-link.atif.json")));
    expect(existsSync(join(root, "does"))).toBe(false);
    expect(filesUnder(foreign)).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(["foreign", "gateway", "project", "project-link"]);
    for (const session of ["cwd-missing", "cwd-relative", "cwd-foreign"]) expect(gateway.stderr()).toContain(`session "${session}": its cwd`);
    expect(gateway.stderr()).not.toContain('session "cwd-link"');
  });
});

describe("afterwards", () => {
  test("the gateway is up; nothing a page sent was recorded or forwarded; each refusal was one log line", async () => {
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    gateway.proc.kill("SIGTERM");
    expect(await gateway.exited()).toBe(0);
    const written = filesUnder(root).filter((f) => f.endsWith(".atif.json"));
    for (const refused of ["xsite", "rebound", "form"]) expect(written.some((f) => f.includes(refused))).toBe(false);
    expect(written.some((f) => f.endsWith("own-page.atif.json"))).toBe(true);
    expect(upstream.received).toEqual([]);
    const refusals = gateway.stderr().split("\n").filter((line) => line.includes("refused "));
    expect(refusals.length).toBe(5); // simple, preflight, provider call, two rebinding requests
    expect(gateway.stderr()).not.toContain("injected");
  });
});
