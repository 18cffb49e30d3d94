/**
 * A deliberately small Markdown renderer for model messages that builds DOM nodes itself:
 * paragraphs, headings, bullet and numbered lists, fenced code, inline code, bold and italic.
 * Everything else stays literal text, links included (shown, not made clickable), so no
 * message can inject markup, script or a `javascript:` URL.
 */
import { append, h } from "./dom.ts";

/** Inline spans: `code`, **bold**, *italic*; the rest as text. */
function inline(text: string): Node[] {
  const out: Node[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index! > last) out.push(document.createTextNode(text.slice(last, m.index)));
    if (m[1] !== undefined) out.push(h("code", {}, m[1]));
    else if (m[2] !== undefined) out.push(h("strong", {}, m[2]));
    else out.push(h("em", {}, m[3]!));
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

/**
 * The message as a fragment of safe nodes.
 *
 * @example
 * el.append(markdown("Ran `ls`: **2 files**"));
 */
export function markdown(source: string): DocumentFragment {
  const root = document.createDocumentFragment();
  const lines = source.split("\n");
  let paragraph: string[] = [];
  let list: HTMLElement | undefined;
  const flush = () => {
    if (paragraph.length > 0) root.appendChild(h("p", {}, ...inline(paragraph.join("\n"))));
    paragraph = [];
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!); i++) code.push(lines[i]!);
      root.appendChild(h("pre", {}, h("code", {}, code.join("\n"))));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      root.appendChild(h(`h${Math.min(6, heading[1]!.length + 2)}` as "h3", {}, ...inline(heading[2]!)));
    } else if (item) {
      if (paragraph.length > 0) flush();
      const tag = item[1] === undefined ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== tag) root.appendChild((list = h(tag)));
      append(list, [h("li", {}, ...inline(item[2]!))]);
    } else if (line.trim() === "") flush();
    else {
      list = undefined;
      paragraph.push(line);
    }
  }
  flush();
  return root;
}
