import { isObject, type JsonObject } from "../../../domain/json.ts";
import { asString, indexOf, objectsOf } from "../shared/json.ts";

/** What the stream said about one output item: the item itself and the deltas that fill it. */
interface Slot {
  readonly order: number;
  item?: JsonObject;
  readonly texts: Map<number, string>;
  readonly summaries: Map<number, string>;
  readonly reasoningTexts: Map<number, string>;
  /** Concatenated `function_call` arguments or `custom_tool_call` input. */
  args: string;
  /** The complete arguments from a `.done` event, which win over the concatenation. */
  finalArgs?: string;
}

/** Items with no usable `output_index` come after the indexed ones, in arrival order. */
const UNINDEXED_ORDER = 1_000_000;

const ordered = (parts: Map<number, string>): string[] => [...parts.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);

const hasText = (parts: unknown, field = "text"): boolean => objectsOf(parts).some((part) => asString(part[field]) || asString(part.text));

const append = (parts: Map<number, string>, index: number, delta: unknown): void => {
  if (typeof delta === "string") parts.set(index, (parts.get(index) ?? "") + delta);
};

const replace = (parts: Map<number, string>, index: number, text: unknown): void => {
  if (typeof text === "string") parts.set(index, text);
};

/**
 * The output items of a Responses stream, rebuilt from `response.output_item.added|done` and the
 * delta events. Minimal servers (Codex's own test mocks among them) send `output_item.done` and a
 * `response.completed` whose snapshot has no `output`, or only deltas; each item is therefore
 * taken from its latest `output_item` event and completed from the deltas where it lacks text.
 */
export class OutputSlots {
  readonly #slots = new Map<string, Slot>();
  /** `item_id` → slot key, so deltas that only name their item find it. */
  readonly #byItemId = new Map<string, string>();
  /** The slot of the latest item that had neither index nor id, and whether it is still open. */
  #anonymous: string | undefined;
  #anonymousOpen = false;

  /** Feeds one stream event; events that concern no output item are ignored. */
  push(type: string | undefined, event: JsonObject): void {
    switch (type) {
      case "response.output_item.added":
      case "response.output_item.done":
        if (isObject(event.item)) this.#slot(event, type).item = event.item;
        return;
      case "response.output_text.delta":
      case "response.refusal.delta":
        return append(this.#slot(event).texts, indexOf(event.content_index) ?? 0, event.delta);
      case "response.output_text.done":
        return replace(this.#slot(event).texts, indexOf(event.content_index) ?? 0, event.text);
      case "response.refusal.done":
        return replace(this.#slot(event).texts, indexOf(event.content_index) ?? 0, event.refusal);
      case "response.reasoning_summary_text.delta":
        return append(this.#slot(event).summaries, indexOf(event.summary_index) ?? 0, event.delta);
      case "response.reasoning_summary_text.done":
        return replace(this.#slot(event).summaries, indexOf(event.summary_index) ?? 0, event.text);
      case "response.reasoning_text.delta":
        return append(this.#slot(event).reasoningTexts, indexOf(event.content_index) ?? 0, event.delta);
      case "response.reasoning_text.done":
        return replace(this.#slot(event).reasoningTexts, indexOf(event.content_index) ?? 0, event.text);
      case "response.function_call_arguments.delta":
      case "response.custom_tool_call_input.delta":
        if (typeof event.delta === "string") this.#slot(event).args += event.delta;
        return;
      case "response.function_call_arguments.done":
        return this.#finalArgs(event, event.arguments);
      case "response.custom_tool_call_input.done":
        return this.#finalArgs(event, event.input);
    }
  }

  /** The items in output order, each completed from its deltas. */
  items(): JsonObject[] {
    return [...this.#slots.values()].sort((a, b) => a.order - b.order).map(rebuild);
  }

  #finalArgs(event: JsonObject, text: unknown): void {
    if (typeof text === "string") this.#slot(event).finalArgs = text;
  }

  /**
   * The slot an event is about: by `output_index`, else by the item id. An event with neither
   * (Codex's own test mocks send bare `output_item.done` items) is about the item being
   * streamed, and an item event that cannot be that one starts a new item.
   */
  #slot(event: JsonObject, itemEvent?: string): Slot {
    const itemId = asString(event.item_id) ?? (isObject(event.item) ? asString(event.item.id) : undefined);
    const index = indexOf(event.output_index);
    const key =
      index !== undefined ? `#${index}` : itemId !== undefined ? (this.#byItemId.get(itemId) ?? `id:${itemId}`) : this.#anonymousKey(itemEvent);
    if (itemId !== undefined && !this.#byItemId.has(itemId)) this.#byItemId.set(itemId, key);
    let slot = this.#slots.get(key);
    if (slot === undefined) {
      slot = { order: index ?? UNINDEXED_ORDER + this.#slots.size, texts: new Map(), summaries: new Map(), reasoningTexts: new Map(), args: "" };
      this.#slots.set(key, slot);
    }
    return slot;
  }

  /**
   * Deltas continue the open item; `.added` always starts one; `.done` closes the open item (one
   * begun by `.added` or by bare deltas) or, if none is open, is a whole item of its own.
   */
  #anonymousKey(itemEvent: string | undefined): string {
    const continues = this.#anonymous !== undefined && this.#anonymousOpen && itemEvent !== "response.output_item.added";
    const key = continues && this.#anonymous !== undefined ? this.#anonymous : `anon:${this.#slots.size}`;
    this.#anonymous = key;
    this.#anonymousOpen = itemEvent !== "response.output_item.done";
    return key;
  }
}

/** The item as its latest event gave it, with whatever it lacks taken from the deltas. */
function rebuild(slot: Slot): JsonObject {
  const item = slot.item ?? {};
  const args = slot.finalArgs ?? slot.args;
  const type = item.type ?? (args !== "" ? "function_call" : slot.summaries.size + slot.reasoningTexts.size > 0 ? "reasoning" : "message");
  switch (type) {
    case "message":
      if (hasText(item.content, "refusal") || slot.texts.size === 0) return { ...item, type };
      return { role: "assistant", ...item, type, content: ordered(slot.texts).map((text) => ({ type: "output_text", text })) };
    case "function_call":
      return asString(item.arguments) ? item : { ...item, type, arguments: args };
    case "custom_tool_call":
      return asString(item.input) ? item : { ...item, input: args };
    case "reasoning":
      if (hasText(item.summary) || hasText(item.content)) return item;
      return {
        ...item,
        type,
        summary: ordered(slot.summaries).map((text) => ({ type: "summary_text", text })),
        content: ordered(slot.reasoningTexts).map((text) => ({ type: "reasoning_text", text })),
      };
    default:
      return item;
  }
}
