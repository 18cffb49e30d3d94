/**
 * One ATIF step as a person reads it: who spoke, when, the message (Markdown, safely), the
 * reasoning folded, each tool call with its arguments and, right under it, its result (output,
 * failure and exit status shown as such), tokens and cost, and the correlation details folded.
 */
import type { ContentPart, Step, Trajectory } from "../../../../domain/trajectory/schema.ts";
import { isFailedResult, resultOf } from "../../../../domain/view/trajectory-totals.ts";
import { stepAnchor, subagentAnchor } from "../../../../domain/view/timeline.ts";
import { count, h, usd } from "./dom.ts";
import { markdown } from "./markdown.ts";

/** A message or result: text as is, image and audio parts by their path (never loaded). */
export function contentText(content: string | readonly ContentPart[] | null | undefined): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  return content.map((p) => (p.type === "text" ? p.text : `[${p.type}: ${p.source.path}]`)).join("\n");
}

/** Pretty JSON when the text is JSON (tool outputs often are), else the text. */
function readable(text: string): string {
  const t = text.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return text;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return text;
  }
}

function metricsLine(step: Step): HTMLElement | undefined {
  const m = step.metrics;
  if (!m) return undefined;
  const parts = [`${count(m.prompt_tokens ?? 0)} in`, `${count(m.completion_tokens ?? 0)} out`, `${count(m.cached_tokens ?? 0)} cached`];
  if (m.cost_usd != null) parts.push(usd(m.cost_usd));
  return h("span", { class: "tokens", title: "prompt (cached included) / completion / cached tokens, cost" }, parts.join(" · "));
}

/** Extras that say how a step was attributed: kept, but folded away. */
function correlation(step: Step): HTMLElement | undefined {
  const extra = step.extra;
  if (!extra || Object.keys(extra).length === 0) return undefined;
  return h("details", { class: "meta" }, h("summary", {}, "details"), h("pre", {}, JSON.stringify(extra, null, 2)));
}

function toolCall(step: Step, index: number, subagentsById: ReadonlyMap<string, Trajectory>): HTMLElement {
  const call = step.tool_calls![index]!;
  const result = resultOf(step, call);
  const failed = isFailedResult(result);
  const status = result ? (failed ? `failed${typeof result.extra?.error === "string" ? `: ${result.extra.error}` : ""}` : "done") : "no result";
  const output = contentText(result?.content);
  const refs = (result?.subagent_trajectory_ref ?? []).map((ref) => {
    const child = ref.trajectory_id ? subagentsById.get(ref.trajectory_id) : undefined;
    const label = child ? `subagent ${child.agent.name} · ${child.steps.length} steps` : `subagent ${ref.trajectory_id ?? ref.trajectory_path ?? ""}`;
    return child ? h("a", { class: "subagent-link", href: `#${subagentAnchor(child.trajectory_id!)}` }, `→ ${label}`) : h("span", { class: "subagent-link" }, label);
  });
  return h(
    "div",
    { class: `call${failed ? " failed" : ""}` },
    h("div", { class: "call-head" }, h("span", { class: "fn" }, call.function_name), h("span", { class: `status${failed ? " bad" : ""}` }, status)),
    h("pre", { class: "args", "aria-label": "arguments" }, JSON.stringify(call.arguments, null, 2)),
    output !== "" && h("pre", { class: "output", "aria-label": "output" }, readable(output)),
    ...refs,
  );
}

/** Results no call of the step asked for (system steps, uncorrelated outputs). */
function looseResults(step: Step): HTMLElement[] {
  const ids = new Set((step.tool_calls ?? []).map((c) => c.tool_call_id));
  return (step.observation?.results ?? []).filter((r) => r.source_call_id == null || !ids.has(r.source_call_id)).map((r) => h("pre", { class: "output" }, readable(contentText(r.content))));
}

/**
 * The step's element, with the anchor a link to it points at.
 *
 * @example
 * list.append(stepView(trajectory.steps[0], undefined, new Map()));
 */
export function stepView(step: Step, subagentId: string | undefined, subagentsById: ReadonlyMap<string, Trajectory>): HTMLElement {
  const anchor = stepAnchor(subagentId, step.step_id);
  const message = contentText(step.message);
  const failed = step.extra?.llm_status === "failed";
  const time = step.timestamp ? new Date(step.timestamp).toLocaleTimeString() : "";
  return h(
    "article",
    { class: `step ${step.source}${failed ? " failed" : ""}`, id: anchor, tabindex: "-1", "data-step": String(step.step_id) },
    h(
      "header",
      {},
      h("a", { class: "anchor", href: `#${anchor}`, title: "link to this step" }, `#${step.step_id}`),
      h("span", { class: "source" }, step.source),
      step.model_name && h("span", { class: "model" }, step.model_name),
      failed && h("span", { class: "status bad" }, `LLM call failed${typeof step.extra?.llm_error === "string" ? `: ${step.extra.llm_error}` : ""}`),
      metricsLine(step),
      h("time", { datetime: step.timestamp ?? undefined }, time),
    ),
    step.reasoning_content && h("details", { class: "reasoning" }, h("summary", {}, "reasoning"), h("pre", {}, step.reasoning_content)),
    message !== "" && h("div", { class: "message" }, step.source === "agent" ? markdown(message) : h("pre", { class: "plain" }, message)),
    ...(step.tool_calls ?? []).map((_, i) => toolCall(step, i, subagentsById)),
    ...looseResults(step),
    correlation(step),
  );
}
