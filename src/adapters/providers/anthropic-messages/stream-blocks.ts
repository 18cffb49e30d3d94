import { isObject, type JsonObject } from "../../../domain/json.ts";
import { asString, indexOf, parseJson } from "../shared/json.ts";

interface BlockDraft {
  block: JsonObject;
  text: string;
  thinking: string;
  /** `input_json_delta` pieces, parsed once the stream is over. */
  json: string;
}

/** A delta for a block whose start was never seen still says what kind of block it was. */
const TYPE_OF_DELTA = new Map([
  ["text_delta", "text"],
  ["thinking_delta", "thinking"],
  ["input_json_delta", "tool_use"],
]);

/**
 * The content blocks of a Messages stream, by `index`: `content_block_start` gives the skeleton
 * (a `tool_use` block's id and name), `content_block_delta` fills it in.
 */
export class StreamBlocks {
  readonly #drafts = new Map<number, BlockDraft>();

  start(event: JsonObject): void {
    const block = isObject(event.content_block) ? event.content_block : {};
    this.#drafts.set(indexOf(event.index) ?? 0, { block, text: "", thinking: "", json: "" });
  }

  delta(event: JsonObject): void {
    const delta = isObject(event.delta) ? event.delta : {};
    const draft = this.#draft(indexOf(event.index) ?? 0, asString(delta.type));
    if (delta.type === "text_delta") draft.text += asString(delta.text) ?? "";
    else if (delta.type === "thinking_delta") draft.thinking += asString(delta.thinking) ?? "";
    else if (delta.type === "input_json_delta") draft.json += asString(delta.partial_json) ?? "";
  }

  /** The blocks in index order, shaped like a buffered response's `content`. */
  blocks(): JsonObject[] {
    return [...this.#drafts.entries()].sort(([a], [b]) => a - b).map(([, draft]) => complete(draft));
  }

  #draft(index: number, deltaType: string | undefined): BlockDraft {
    let draft = this.#drafts.get(index);
    if (draft === undefined) {
      const type = deltaType === undefined ? undefined : TYPE_OF_DELTA.get(deltaType);
      draft = { block: type === undefined ? {} : { type }, text: "", thinking: "", json: "" };
      this.#drafts.set(index, draft);
    }
    return draft;
  }
}

/**
 * The start block with its deltas applied. Tool input is the concatenated JSON parsed; a stream
 * cut off mid-input leaves text that does not parse, which is kept as the raw string rather
 * than lost. A tool with no input deltas keeps the start's `input` (`{}`).
 */
function complete(draft: BlockDraft): JsonObject {
  const { block } = draft;
  if (block.type === "text") return { ...block, text: (asString(block.text) ?? "") + draft.text };
  if (block.type === "thinking") return { ...block, thinking: (asString(block.thinking) ?? "") + draft.thinking };
  if (block.type === "tool_use" && draft.json.trim() !== "") {
    const parsed = parseJson(draft.json);
    return { ...block, input: parsed === undefined ? draft.json : parsed };
  }
  return block;
}
