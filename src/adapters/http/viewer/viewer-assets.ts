/**
 * The viewer page's script and style, bundled ahead of time (see page-bundle.ts), and the two
 * HTML documents around them: the served page, which loads them from its own origin, and the
 * exported file, which inlines them and its session, each allowed by hash in its own CSP.
 */
import { createHash } from "node:crypto";
import type { Trajectory } from "../../../domain/trajectory/schema.ts";
import { LIVE_SESSION_KEY_PREFIX } from "../../../ports/wire-names.ts";
import ASSETS from "./page-assets.generated.json";

/** A script inside <script> must not close it early; the bundle never needs the literal. */
export const VIEWER_SCRIPT = ASSETS.script.replace(/<\/script/gi, "<\\/script");
export const VIEWER_STYLE = ASSETS.style;

/** Nothing from elsewhere, no inline code, no framing, no form posts: the page only reads its own origin. */
export const SERVED_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

const escapeAttr = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * The served viewer's page under `base` (`/ui`): assets and data from the same origin. For a
 * recorded session's page the browser starts fetching the session at once, alongside the script
 * (a live one comes by its event stream, see main.ts).
 */
export function servedPage(base: string, sessionKey?: string): string {
  const preload = sessionKey === undefined || sessionKey.startsWith(LIVE_SESSION_KEY_PREFIX) ? "" : `<link rel="preload" as="fetch" crossorigin="anonymous" href="${escapeAttr(`${base}/api/sessions/${encodeURIComponent(sessionKey)}`)}">`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>nemo-relay viewer</title><link rel="icon" href="data:,">${preload}<link rel="stylesheet" href="${escapeAttr(base)}/app.css"><script src="${escapeAttr(base)}/app.js" defer></script></head>
<body data-api="${escapeAttr(base)}/api"><p>Loading…</p></body></html>
`;
}

/**
 * One self-contained HTML file showing `trajectory`: no network, no external asset. The session
 * travels as JSON in a non-executable script element (every `<` escaped, so it cannot end it).
 *
 * @example
 * await Bun.write("session.html", exportPage(trajectory));
 */
export function exportPage(trajectory: Trajectory): string {
  const data = JSON.stringify(trajectory).replace(/</g, "\\u003c");
  const csp = `default-src 'none'; script-src ${sha256(VIEWER_SCRIPT)}; style-src ${sha256(VIEWER_STYLE)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = `nemo-relay · ${trajectory.agent.name} · ${trajectory.session_id ?? trajectory.trajectory_id ?? "session"}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeAttr(title)}</title><link rel="icon" href="data:,">
<style>${VIEWER_STYLE}</style></head>
<body><script type="application/json" id="session-data">${data}</script><script>${VIEWER_SCRIPT}</script></body></html>
`;
}
