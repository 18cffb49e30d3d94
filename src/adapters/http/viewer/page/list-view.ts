/**
 * The session list: one row per recorded file or live session, newest first, with what a person
 * scans for (agent, model, when, how long, turns, calls, tokens, cost, open or ended, failures).
 */
import type { SessionRow } from "../session-row.ts";
import { count, duration, h, usd, when } from "./dom.ts";

const COLUMNS = ["status", "agent", "model", "started", "duration", "turns", "LLM calls", "tool calls", "tokens in / out", "cost", "failed"];

function rowView(row: SessionRow): HTMLElement {
  const s = row.summary;
  const link = h("a", { href: `?session=${encodeURIComponent(row.key)}` }, s.agent);
  return h(
    "tr",
    { "data-key": row.key, class: row.status },
    h("td", {}, h("span", { class: `badge ${row.status}` }, row.status)),
    h("td", { title: row.title }, link),
    h("td", {}, s.model ?? "—"),
    h("td", {}, when(s.startedAt)),
    h("td", {}, duration(s.durationMs)),
    h("td", { class: "num" }, count(s.turns)),
    h("td", { class: "num" }, count(s.totals.llmCalls)),
    h("td", { class: "num" }, count(s.totals.toolCalls)),
    h("td", { class: "num" }, `${count(s.totals.tokens.prompt)} / ${count(s.totals.tokens.completion)}`),
    h("td", { class: "num" }, usd(s.totals.costUsd)),
    h("td", { class: `num${s.totals.failedCalls > 0 ? " bad" : ""}` }, count(s.totals.failedCalls)),
  );
}

export class ListView {
  readonly element: HTMLElement;
  private readonly body = h("tbody");
  private rows: SessionRow[];

  constructor(rows: readonly SessionRow[], problems: readonly string[]) {
    this.rows = [...rows];
    this.element = h(
      "main",
      { class: "list" },
      h("h2", {}, "Sessions"),
      h("table", {}, h("thead", {}, h("tr", {}, ...COLUMNS.map((c) => h("th", {}, c)))), this.body),
      problems.length > 0 && h("details", { class: "problems" }, h("summary", {}, `${problems.length} files not shown`), h("ul", {}, ...problems.map((p) => h("li", {}, p)))),
    );
    this.render();
  }

  /** A live session changed or appeared. */
  upsert(row: SessionRow): void {
    const at = this.rows.findIndex((r) => r.key === row.key);
    if (at >= 0) this.rows[at] = row;
    else this.rows.unshift(row);
    this.render();
  }

  private render(): void {
    const sorted = [...this.rows].sort((a, b) => (b.summary.lastAt ?? 0) - (a.summary.lastAt ?? 0));
    this.body.replaceChildren(...sorted.map(rowView));
    if (sorted.length === 0) this.body.append(h("tr", {}, h("td", { colspan: String(COLUMNS.length) }, "No sessions yet.")));
  }
}
