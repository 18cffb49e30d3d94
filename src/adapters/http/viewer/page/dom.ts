/**
 * The page's only way to make elements: children are nodes or text, and text always goes in as
 * a text node. Nothing the agent or model wrote is ever parsed as HTML (no innerHTML anywhere).
 */

type Child = Node | string | number | false | null | undefined;

/**
 * An element with attributes (strings only; `on*` handlers are never set this way) and children.
 *
 * @example
 * h("a", { href: "#step-3" }, "#3");
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && !name.startsWith("on")) el.setAttribute(name, value);
  }
  append(el, children);
  return el;
}

/** Appends children, text as text nodes. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

const integer = new Intl.NumberFormat("en-US");

/** 12,345 */
export const count = (n: number): string => integer.format(n);

/** $0.0123, or "—" when unknown (an unpriced model is not free). */
export const usd = (n: number | undefined): string => (n === undefined ? "—" : `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`);

/** 850 ms, 12.3 s, 4 min 05 s */
export function duration(ms: number | undefined): string {
  if (ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

/** A local date and time, to the second. */
export const when = (ms: number | undefined): string => (ms === undefined ? "—" : new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }));
