/**
 * A long list of steps rendered a screenful at a time: the first batch at once, the next when a
 * sentinel below the last rendered step comes near the viewport. A 5,000-step session paints its
 * first screen without building 5,000 elements, and memory grows only as far as the reader goes.
 */
import type { Step } from "../../../../domain/trajectory/schema.ts";

// A laptop screen shows well under 20 steps: the rest can follow the first paint.
const FIRST_BATCH = 20;
const BATCH = 120;

export class LazySteps {
  private rendered = 0;
  private readonly sentinel: HTMLElement;
  private readonly observer: IntersectionObserver;

  constructor(
    private readonly container: HTMLElement,
    private steps: readonly Step[],
    private readonly render: (step: Step) => HTMLElement,
  ) {
    this.sentinel = document.createElement("div");
    this.sentinel.className = "sentinel";
    container.after(this.sentinel);
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.renderUpTo(this.rendered + BATCH);
    }, { rootMargin: "1200px 0px" });
    this.renderUpTo(FIRST_BATCH);
    this.observer.observe(this.sentinel);
  }

  /** Renders every step up to `index` (so an anchor or a find result can be shown). */
  ensure(index: number): void {
    this.renderUpTo(index + 1);
  }

  /** The session grew or a step was filled in: replace what is shown, append what is next. */
  update(steps: readonly Step[], changed: readonly number[]): void {
    this.steps = steps;
    for (const index of changed) {
      if (index >= this.rendered) continue;
      const old = this.container.children[index];
      if (old) old.replaceWith(this.render(steps[index]!));
    }
    // A reader at the end of a live session sees new steps as they come.
    if (this.rendered >= steps.length - changed.length) this.renderUpTo(steps.length);
  }

  private renderUpTo(limit: number): void {
    const end = Math.min(limit, this.steps.length);
    if (end <= this.rendered) return;
    const batch = document.createDocumentFragment();
    for (let i = this.rendered; i < end; i++) batch.appendChild(this.render(this.steps[i]!));
    this.container.appendChild(batch);
    this.rendered = end;
    this.sentinel.hidden = this.rendered >= this.steps.length;
  }
}
