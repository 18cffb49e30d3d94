/**
 * Find-in-session and the keyboard: `/` finds, Enter and Shift+Enter go to the next and previous
 * match, `j` and `k` the next and previous step, Escape leaves the find box. The location hash
 * follows the step in view, so every position can be linked.
 */
import { h } from "./dom.ts";
import type { SessionView } from "./session-view.ts";

/** The find box, wired to the view; returns its element for the page's toolbar. */
export function findBox(view: () => SessionView): HTMLElement {
  const input = h("input", { type: "search", id: "find", placeholder: "find in session  ( / )", "aria-label": "find in session", autocomplete: "off" });
  const status = h("span", { class: "find-status", "aria-live": "polite" });
  let matches: string[] = [];
  let at = -1;
  const search = () => {
    const q = input.value.trim().toLowerCase();
    matches = q === "" ? [] : [...view().searchable()].filter((s) => s.text.includes(q)).map((s) => s.anchor);
    at = -1;
    status.textContent = q === "" ? "" : `${matches.length} steps`;
  };
  const go = (delta: number) => {
    if (matches.length === 0) return;
    at = (at + delta + matches.length) % matches.length;
    document.querySelector(".current-match")?.classList.remove("current-match");
    const el = view().reveal(matches[at]!);
    el?.classList.add("current-match");
    input.focus({ preventScroll: true });
    status.textContent = `${at + 1} of ${matches.length}`;
    history.replaceState(null, "", `#${matches[at]}`);
  };
  input.addEventListener("input", search);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") go(e.shiftKey ? -1 : 1);
    if (e.key === "Escape") input.blur();
  });
  return h("div", { class: "find" }, input, status);
}

/** j/k between the rendered steps (the lazy list renders more as focus moves down). */
export function bindKeys(view: () => SessionView | undefined): void {
  document.addEventListener("keydown", (e) => {
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA") || e.ctrlKey || e.metaKey || e.altKey) return;
    const v = view();
    if (!v) return;
    if (e.key === "/") {
      e.preventDefault();
      document.getElementById("find")?.focus();
      return;
    }
    if (e.key !== "j" && e.key !== "k") return;
    const steps = [...document.querySelectorAll<HTMLElement>("main.session > .steps > .step")];
    if (steps.length === 0) return;
    const current = steps.findIndex((s) => s === document.activeElement || s.contains(document.activeElement));
    const next = current < 0 ? 0 : Math.max(0, Math.min(steps.length - 1, current + (e.key === "j" ? 1 : -1)));
    const el = v.reveal(steps[next]!.id);
    if (el) history.replaceState(null, "", `#${el.id}`);
  });
}
