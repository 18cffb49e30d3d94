/**
 * The viewer's page. Two ways in: an exported file carries its session as JSON in the page
 * (`#session-data`, read as data, never run); the served viewer fetches from its own origin
 * (`data-api` on <body>) and follows live sessions by server-sent events.
 */
import type { Trajectory } from "../../../../domain/trajectory/schema.ts";
import { applyTrajectoryDelta, type SubagentDelta } from "../../../../domain/view/trajectory-delta.ts";
import { LIVE_SESSION_KEY_PREFIX } from "../../../../ports/wire-names.ts";
import type { SessionMessage, SessionPayload, SessionRow } from "../session-row.ts";
import { h } from "./dom.ts";
import { bindKeys, findBox } from "./find-and-keys.ts";
import { ListView } from "./list-view.ts";
import { SessionView } from "./session-view.ts";

let view: SessionView | undefined;

function mount(content: HTMLElement, toolbar: HTMLElement[] = []): void {
  const home = document.body.dataset.api ? h("a", { href: location.pathname, class: "home" }, "nemo-relay") : h("span", { class: "home" }, "nemo-relay");
  document.body.replaceChildren(h("header", { class: "topbar" }, home, ...toolbar), content);
}

function showSession(trajectory: Trajectory, status: string): SessionView {
  view = new SessionView(trajectory, status);
  mount(view.element, [h("span", { class: "title" }, trajectory.session_id ?? trajectory.trajectory_id ?? ""), findBox(() => view!)]);
  return view;
}

/** Brings the step the address names (`#step-…`) on screen; false while the page does not have it (yet). */
const revealAddressed = (v: SessionView): boolean => location.hash.length <= 1 || v.reveal(location.hash.slice(1)) !== undefined;

function showError(message: string): void {
  mount(h("main", { class: "error" }, h("p", {}, message)));
}

async function getJson<T>(url: string): Promise<T> {
  // No custom headers: the served page preloads a session's data, and only a plain fetch reuses it.
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status}: ${((await res.json().catch(() => ({}))) as { error?: { message?: string } }).error?.message ?? res.statusText}`);
  return (await res.json()) as T;
}

/** Which steps of which subagents (at any depth) a delta changed. */
function noteSubagentSteps(subagents: readonly SubagentDelta[], into: Map<string, number[]>): void {
  for (const sub of subagents) {
    const list = into.get(sub.key) ?? [];
    list.push(...sub.steps.map((s) => s.index));
    into.set(sub.key, list);
    noteSubagentSteps(sub.subagents, into);
  }
}

async function served(api: string): Promise<void> {
  const key = new URLSearchParams(location.search).get("session");
  if (key === null) {
    const { rows, problems, live } = await getJson<{ rows: SessionRow[]; problems: string[]; live: boolean }>(`${api}/sessions`);
    const list = new ListView(rows, problems);
    mount(list.element);
    if (!live) return;
    const events = new EventSource(`${api}/events`);
    events.addEventListener("row", (e) => list.upsert(JSON.parse((e as MessageEvent<string>).data) as SessionRow));
    return;
  }
  if (!key.startsWith(LIVE_SESSION_KEY_PREFIX)) {
    const payload = await getJson<SessionPayload>(`${api}/sessions/${encodeURIComponent(key)}`);
    revealAddressed(showSession(payload.trajectory as Trajectory, payload.row.status));
    return;
  }
  await follow(api, key);
}

/**
 * A live session's page. Its event stream alone brings it: the session whole first (in slices,
 * applied by position, shown as they come), then what changes; a `GET` of the session as well
 * would cost the gateway a second serialisation of it. If the stream fails before it brings
 * anything (a session the gateway no longer holds, an old gateway), the page asks the `GET`,
 * which shows the session or says why it cannot.
 */
function follow(api: string, key: string): Promise<void> {
  const events = new EventSource(`${api}/sessions/${encodeURIComponent(key)}/events`);
  let current: Trajectory | undefined;
  let v: SessionView | undefined;
  // Deltas are applied as they come and drawn once a frame: a long session's redraw costs more
  // than a message, and a page drawing every message would fall ever further behind.
  let changed: number[] | undefined;
  const changedSubagents = new Map<string, number[]>();
  let latest = "";
  // A link to a step of a long session may name one that a later slice brings: tried until the session is whole.
  let revealed = false;
  let whole = false;
  const draw = () => {
    if (!v) v = showSession(current!, latest);
    else v.update(current!, changed!, latest, changedSubagents);
    if (!revealed) revealed = revealAddressed(v) || whole;
    document.body.dataset.status = latest;
    changed = undefined;
    changedSubagents.clear();
  };
  return new Promise((resolve, reject) => {
    events.addEventListener("delta", (e) => {
      const { delta, status, more } = JSON.parse((e as MessageEvent<string>).data) as SessionMessage;
      current = applyTrajectoryDelta(current, delta);
      latest = status;
      whole ||= !more;
      if (!changed) requestAnimationFrame(draw);
      (changed ??= []).push(...delta.steps.map((s) => s.index));
      noteSubagentSteps(delta.subagents, changedSubagents);
      if (status === "ended" && !more) events.close();
      resolve();
    });
    events.addEventListener("error", () => {
      if (current) return; // it reconnects by itself, and starts again with the session whole
      events.close();
      getJson<SessionPayload>(`${api}/sessions/${encodeURIComponent(key)}`).then((payload) => {
        revealAddressed(showSession(payload.trajectory as Trajectory, payload.row.status));
        resolve();
      }, reject);
    });
  });
}

function start(): void {
  bindKeys(() => view);
  window.addEventListener("hashchange", () => view?.reveal(location.hash.slice(1)));
  const embedded = document.getElementById("session-data");
  if (embedded) {
    revealAddressed(showSession(JSON.parse(embedded.textContent ?? "null") as Trajectory, "recorded"));
    return;
  }
  const api = document.body.dataset.api;
  if (!api) return showError("This page has no session in it.");
  served(api).catch((error: unknown) => showError(`Could not load: ${(error as Error).message}`));
}

start();
