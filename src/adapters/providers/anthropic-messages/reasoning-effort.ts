import { isObject } from "../../../domain/json.ts";
import { asId } from "../shared/json.ts";

/**
 * How hard the request asks Claude to think: `output_config.effort` (`"low"`…`"max"`) when given,
 * else the extended-thinking budget in tokens (`thinking: {type:"enabled", budget_tokens}`), else
 * a thinking mode such as `"adaptive"`. Disabled thinking says nothing.
 *
 * @example
 * reasoningEffortOf({ thinking: { type: "enabled", budget_tokens: 8000 } }); // 8000
 * reasoningEffortOf({ output_config: { effort: "high" }, thinking: { type: "adaptive" } }); // "high"
 */
export function reasoningEffortOf(body: Record<string, unknown>): string | number | undefined {
  const effort = isObject(body.output_config) ? asId(body.output_config.effort) : undefined;
  if (effort !== undefined) return effort;
  const thinking = isObject(body.thinking) ? body.thinking : {};
  const budget = thinking.budget_tokens;
  if (thinking.type === "enabled" && typeof budget === "number" && Number.isFinite(budget)) return budget;
  const mode = asId(thinking.type);
  return mode === "disabled" || mode === "enabled" ? undefined : mode;
}
