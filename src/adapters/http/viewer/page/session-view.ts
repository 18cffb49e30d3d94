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
import { paced } from "./paced.ts";
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

/**
 * A subagent's folded section on the page, and the trajectory it shows. Its steps are built the
 * first time it opens (a click, a link, find): a folded subagent of thousands of steps costs
 * the page nothing while it grows.
 */
interface SubagentSection {
  child: Trajectory;
  readonly element: HTMLDetailsElement;
  readonly body: HTMLElement;
  built: boolean;
}

/**
 * The overview (totals, tree, waterfall) is rebuilt from the whole session. Live, it waits this
 * many times its last rebuild's cost before the next, so on a long session it takes at most a
 * small share of the page's time (on a short one it still follows every frame).
 */
const OVERVIEW_WAIT = 8;

const summaryText = (child: Trajectory) => `subagent ${child.agent.name} · ${child.steps.length} steps`;

export class SessionView {
  readonly element: HTMLElement;
  private overview: HTMLElement;
  private subagentSections: HTMLElement;
  private readonly steps: LazySteps;
  private subagents: Map<string, Trajectory>;
  /** Each subagent's section, with the trajectory it was drawn from. */
  private readonly sections = new Map<string, SubagentSection>();
  /** The overview rebuilt from the session as it is then: now, or once due (OVERVIEW_WAIT). */
  private readonly refreshOverview = paced(() => {
    const overview = this.renderOverview();
    this.overview.replaceWith(overview);
    this.overview = overview;
  }, OVERVIEW_WAIT);

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

  /**
   * A live snapshot: changed steps replaced, new ones appended, the overview rebuilt (paced by its
   * cost, see OVERVIEW_WAIT). A subagent whose changed steps are named in `changedSubagentSteps`
   * gets only those redrawn.
   */
  update(next: Trajectory, changedSteps: readonly number[], status: string, changedSubagentSteps?: ReadonlyMap<string, readonly number[]>): void {
    this.trajectory = next;
    this.status = status;
    this.subagents = subagentsOf(next);
    this.refreshOverview();
    const sections = this.renderSubagents(changedSubagentSteps);
    this.subagentSections.replaceWith(sections);
    this.subagentSections = sections;
    this.steps.update(next.steps, changedSteps);
  }

  /** Brings the element of `anchor` on screen (rendering or unfolding what hides it); false if there is none. */
  reveal(anchor: string): HTMLElement | undefined {
    const root = /^step-(\d+)$/.exec(anchor);
    if (root) this.steps.ensure(Number(root[1]) - 1);
    const section = this.sectionNamed(anchor);
    if (section) this.buildSteps(...section);
    const el = document.getElementById(anchor);
    if (!el) return undefined;
    for (let p: HTMLElement | null = el; p; p = p.parentElement) if (p instanceof HTMLDetailsElement) p.open = true;
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

  private renderSubagents(changed?: ReadonlyMap<string, readonly number[]>): HTMLElement {
    const sections = [...this.subagents].map(([id, child]) => {
      // A live delta leaves an unchanged subagent the same object: its section is kept as it is (open or folded).
      const kept = this.sections.get(id);
      if (kept?.child === child) return kept.element;
      const steps = changed?.get(id);
      if (kept && (steps || !kept.built)) return this.redrawSteps(id, child, kept, steps ?? []);
      const body = h("div", { class: "steps" });
      const element = h("details", { class: "subagent", id: subagentAnchor(id) }, h("summary", {}, summaryText(child)), body) as HTMLDetailsElement;
      const section: SubagentSection = { child, element, body, built: false };
      this.sections.set(id, section);
      element.addEventListener("toggle", () => element.open && this.buildSteps(id, section));
      if (kept?.element.open) {
        this.buildSteps(id, section);
        element.open = true;
      }
      return element;
    });
    return h("section", { class: "subagents" }, sections.length > 0 && h("h2", {}, "Subagents"), ...sections);
  }

  /** The section's steps, built once (see SubagentSection). */
  private buildSteps(id: string, section: SubagentSection): void {
    if (section.built) return;
    section.built = true;
    section.body.append(...section.child.steps.map((s) => stepView(s, id, this.subagents)));
  }

  /** The subagent section that `anchor` names, itself (`agent-<id>`) or one of its steps (`agent-<id>-step-<n>`). */
  private sectionNamed(anchor: string): [string, SubagentSection] | undefined {
    for (const [id, section] of this.sections) {
      const prefix = subagentAnchor(id);
      if (anchor.startsWith(prefix) && /^(-step-\d+)?$/.test(anchor.slice(prefix.length))) return [id, section];
    }
    return undefined;
  }

  /** A grown subagent's section: its changed steps replaced, its new ones appended (a long one is not drawn again whole); one never opened only gets its new summary. */
  private redrawSteps(id: string, child: Trajectory, section: SubagentSection, changed: readonly number[]): HTMLDetailsElement {
    section.child = child;
    section.element.querySelector("summary")!.textContent = summaryText(child);
    if (!section.built) return section.element;
    for (const index of changed) {
      const step = child.steps[index];
      if (!step) continue;
      const view = stepView(step, id, this.subagents);
      const old = section.body.children[index];
      if (old) old.replaceWith(view);
      else section.body.append(view);
    }
    return section.element;
  }
}
