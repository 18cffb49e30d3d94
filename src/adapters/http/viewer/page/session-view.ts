/**
 * A whole session page: totals, agents tree, waterfall, the steps (lazily), and one folded
 * section per subagent. Knows where every step anchor lives, so a link, a find result or a
 * keypress can bring any step on screen; takes live deltas without losing the reader's place.
 */
import type { Step, Trajectory } from "../../../../domain/trajectory/schema.ts";
import { subagentTree, summarizeSession } from "../../../../domain/view/session-summary.ts";
import { stepAnchor, subagentAnchor, timeline } from "../../../../domain/view/timeline.ts";
import { h } from "./dom.ts";
import { LazySteps } from "./lazy-steps.ts";
import { totalsView, treeView, waterfallView } from "./overview.ts";
import { stepView } from "./step-view.ts";

/** Every subagent trajectory, at any depth, by id. */
function subagentsOf(t: Trajectory, into = new Map<string, Trajectory>()): Map<string, Trajectory> {
  for (const child of t.subagent_trajectories ?? []) {
    if (child.trajectory_id) into.set(child.trajectory_id, child);
    subagentsOf(child, into);
  }
  return into;
}

export class SessionView {
  readonly element: HTMLElement;
  private overview: HTMLElement;
  private subagentSections: HTMLElement;
  private readonly steps: LazySteps;
  private subagents: Map<string, Trajectory>;

  constructor(
    private trajectory: Trajectory,
    private status: string,
  ) {
    this.subagents = subagentsOf(trajectory);
    this.overview = this.renderOverview();
    const list = h("div", { class: "steps", role: "list", "aria-label": "steps" });
    this.subagentSections = this.renderSubagents();
    this.element = h("main", { class: "session" }, this.overview, h("h2", {}, "Steps"), list, this.subagentSections);
    this.steps = new LazySteps(list, trajectory.steps, (step) => stepView(step, undefined, this.subagents));
  }

  get current(): Trajectory {
    return this.trajectory;
  }

  /** A live snapshot: changed steps replaced, new ones appended, the rest redrawn (it is small). */
  update(next: Trajectory, changedSteps: readonly number[], status: string): void {
    this.trajectory = next;
    this.status = status;
    this.subagents = subagentsOf(next);
    const overview = this.renderOverview();
    this.overview.replaceWith(overview);
    this.overview = overview;
    const sections = this.renderSubagents();
    this.subagentSections.replaceWith(sections);
    this.subagentSections = sections;
    this.steps.update(next.steps, changedSteps);
  }

  /** Brings the element of `anchor` on screen (rendering or unfolding what hides it); false if there is none. */
  reveal(anchor: string): HTMLElement | undefined {
    const root = /^step-(\d+)$/.exec(anchor);
    if (root) this.steps.ensure(Number(root[1]) - 1);
    let el = document.getElementById(anchor);
    if (!el) return undefined;
    for (let p: HTMLElement | null = el; p; p = p.parentElement) if (p instanceof HTMLDetailsElement) p.open = true;
    // A subagent's steps are built when its section first opens.
    el = document.getElementById(anchor) ?? el;
    el.scrollIntoView({ block: "start" });
    el.focus({ preventScroll: true });
    return el;
  }

  /** Every step anchor with its searchable text, in page order (subagents after the session). */
  *searchable(): Generator<{ anchor: string; text: string }> {
    const text = (s: Step) => [typeof s.message === "string" ? s.message : JSON.stringify(s.message), s.reasoning_content ?? "", JSON.stringify(s.tool_calls ?? []), JSON.stringify(s.observation ?? "")].join("\n").toLowerCase();
    for (const s of this.trajectory.steps) yield { anchor: stepAnchor(undefined, s.step_id), text: text(s) };
    for (const [id, child] of this.subagents) for (const s of child.steps) yield { anchor: stepAnchor(id, s.step_id), text: text(s) };
  }

  private renderOverview(): HTMLElement {
    const tree = subagentTree(this.trajectory);
    return h("div", { class: "overview" }, totalsView(summarizeSession(this.trajectory, tree), this.status), treeView(tree), waterfallView(timeline(this.trajectory)));
  }

  private renderSubagents(): HTMLElement {
    const sections = [...this.subagents].map(([id, child]) => {
      const body = h("div", { class: "steps" });
      // Eager: subagents are small, and their step anchors must exist for links and find.
      body.append(...child.steps.map((s) => stepView(s, id, this.subagents)));
      return h("details", { class: "subagent", id: subagentAnchor(id) }, h("summary", {}, `subagent ${child.agent.name} · ${child.steps.length} steps`), body);
    });
    return h("section", { class: "subagents" }, sections.length > 0 && h("h2", {}, "Subagents"), ...sections);
  }
}
