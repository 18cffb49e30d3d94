/**
 * The top of a session page: its totals, the subagent tree (own and rolled-up tokens and cost,
 * folded per level), and the waterfall, one bar per LLM call and tool call, each a link to its step.
 */
import type { SessionSummary, SubagentNode } from "../../../../domain/view/session-summary.ts";
import { subagentAnchor, type TimelineBar } from "../../../../domain/view/timeline.ts";
import type { Totals } from "../../../../domain/view/trajectory-totals.ts";
import { count, duration, h, usd, when } from "./dom.ts";

/** Beyond this many bars the waterfall shows the first ones and offers the rest on demand. */
const BARS_AT_ONCE = 100;

const tokensText = (t: Totals) => `${count(t.tokens.prompt)} in · ${count(t.tokens.completion)} out · ${count(t.tokens.cached)} cached`;

/** The session's totals as labelled figures. */
export function totalsView(row: SessionSummary, status: string): HTMLElement {
  const figure = (label: string, value: string, name: string) => h("div", { class: "figure", "data-figure": name }, h("span", { class: "label" }, label), h("span", { class: "value" }, value));
  return h(
    "section",
    { class: "totals", "aria-label": "session totals" },
    figure("status", status, "status"),
    figure("agent", `${row.agent} ${row.agentVersion}`, "agent"),
    figure("model", row.model ?? "—", "model"),
    figure("started", when(row.startedAt), "started"),
    figure("duration", duration(row.durationMs), "duration"),
    figure("turns", count(row.turns), "turns"),
    figure("LLM calls", count(row.totals.llmCalls), "llm-calls"),
    figure("tool calls", count(row.totals.toolCalls), "tool-calls"),
    figure("failed calls", count(row.totals.failedCalls), "failed-calls"),
    figure("tokens", tokensText(row.totals), "tokens"),
    figure("cost", usd(row.totals.costUsd), "cost"),
  );
}

function treeNode(node: SubagentNode, root: boolean): HTMLElement {
  const line = h(
    "span",
    { class: "node" },
    root ? h("strong", {}, node.name) : h("a", { href: `#${subagentAnchor(node.trajectoryId)}` }, node.name),
    h("span", { class: "own", "data-tokens": String(node.own.tokens.prompt + node.own.tokens.completion) }, `own ${tokensText(node.own)} · ${usd(node.own.costUsd)}`),
    node.children.length > 0 && h("span", { class: "rolled" }, `with subagents ${tokensText(node.rolledUp)} · ${usd(node.rolledUp.costUsd)}`),
  );
  if (node.children.length === 0) return h("li", { "data-agent": node.trajectoryId }, line);
  return h("li", { "data-agent": node.trajectoryId }, h("details", { open: "" }, h("summary", {}, line), h("ul", {}, ...node.children.map((c) => treeNode(c, false)))));
}

/** The agent and its subagents, foldable, each with its own and rolled-up share. */
export function treeView(tree: SubagentNode): HTMLElement {
  return h("section", { class: "tree", "aria-label": "agents" }, h("h2", {}, "Agents"), h("ul", {}, treeNode(tree, true)));
}

/** The waterfall: bars placed on the session's time axis; a hover title gives exact times. */
export function waterfallView(bars: readonly TimelineBar[]): HTMLElement {
  const section = h("section", { class: "waterfall", "aria-label": "timeline" }, h("h2", {}, "Timeline"));
  if (bars.length === 0) return section;
  const t0 = Math.min(...bars.map((b) => b.start));
  const span = Math.max(1, Math.max(...bars.map((b) => b.end)) - t0);
  const list = h("ol", { class: "bars" });
  let turn = -1;
  // A heading row where a new turn begins, so the waterfall reads as the session's turns.
  const rows = (batch: readonly TimelineBar[]) =>
    batch.flatMap((bar) => {
      const row = h(
        "li",
        { class: `bar-row ${bar.kind}${bar.failed ? " failed" : ""}`, "data-kind": bar.kind, "data-turn": String(bar.turn) },
        h("a", { class: "bar-label", href: `#${bar.anchor}` }, `${"· ".repeat(bar.depth)}${bar.kind === "llm" ? "LLM" : "tool"} ${bar.label}`),
        h("span", { class: "track" }, barElement(bar, t0, span)),
        h("span", { class: "bar-time" }, `${duration(bar.end - bar.start)}${bar.measured ? "" : " (est.)"}`),
      );
      if (bar.turn === turn) return [row];
      turn = bar.turn;
      return [h("li", { class: "turn-row" }, bar.turn === 0 ? "before the first prompt" : `turn ${bar.turn}`), row];
    });
  list.append(...rows(bars.slice(0, BARS_AT_ONCE)));
  section.appendChild(list);
  if (bars.length > BARS_AT_ONCE) {
    const more = h("button", { type: "button" }, `show all ${count(bars.length)} calls`);
    more.addEventListener("click", () => {
      list.append(...rows(bars.slice(BARS_AT_ONCE)));
      more.remove();
    });
    section.appendChild(more);
  }
  return section;
}

/** Positioned through the CSSOM (allowed by the CSP's style-src), never through a style attribute string. */
function barElement(bar: TimelineBar, t0: number, span: number): HTMLElement {
  const el = h("span", { class: "bar", title: `${new Date(bar.start).toISOString()} → ${new Date(bar.end).toISOString()}` });
  el.style.left = `${((bar.start - t0) / span) * 100}%`;
  el.style.width = `max(2px, ${((bar.end - bar.start) / span) * 100}%)`;
  return el;
}
