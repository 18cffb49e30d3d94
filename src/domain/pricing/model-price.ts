/**
 * What one model costs, in US dollars per million tokens. `cachedInput` is the price of input
 * tokens read from the provider's prompt cache, `cacheWrite` the price of input tokens written
 * to it (Anthropic's cache creation; OpenAI bills none). Either one missing means "billed as
 * plain input".
 */
export interface ModelPrice {
  readonly input: number;
  readonly cachedInput?: number;
  readonly cacheWrite?: number;
  readonly output: number;
}

/** A price table: model ids (as the provider names them, e.g. `gpt-5.1`, `claude-sonnet-4-5`) to prices. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/** Finds a model's price, or undefined when it is not known. */
export type PriceLookup = (model: string) => ModelPrice | undefined;

/**
 * A dated variant of a listed id still names the same model at the same price: a snapshot date
 * (`-20250929`, `-2025-04-14`, `@20250929`), `-latest`, a `-v1:0` revision. Anything else
 * (`-mini`, `-pro`, `-4-6`) is another model, whose price must not be guessed.
 */
const SAME_MODEL_SUFFIX = /^(?:[-@]\d{4}-?\d{2}-?\d{2}|-latest)?(?:-v\d+(?::\d+)?)?$/;

/** Routing prefixes some clients put before the provider's id (`openai/`, `us.anthropic.`). */
const ROUTING_PREFIX = /^(?:[\w.-]+\/)+|^(?:(?:us|eu|apac|global)\.)?anthropic\./;

/**
 * A lookup over one or more tables, the first table that knows the model winning (so a
 * user's overrides go before the shipped defaults). A table knows a model by its exact id
 * (case-insensitive), or by a listed id followed only by a snapshot suffix.
 *
 * @example
 * const lookup = priceLookup({ "my-model": { input: 1, output: 2 } }, DEFAULT_PRICES);
 * lookup("gpt-4o-2024-08-06"); // the gpt-4o price
 * lookup("gpt-4o-mystery");    // undefined
 */
export function priceLookup(...tables: readonly PriceTable[]): PriceLookup {
  const lowered = tables.map((table) => new Map(Object.entries(table).map(([id, price]) => [id.toLowerCase(), price] as const)));
  const find = (model: string): ModelPrice | undefined => {
    const id = model.trim().toLowerCase().replace(ROUTING_PREFIX, "");
    if (id === "") return undefined;
    for (const table of lowered) {
      const price = table.get(id) ?? dated(table, id);
      if (price) return price;
    }
    return undefined;
  };
  // Every priced step asks, and an unlisted model means a scan of every table: remember the
  // answers for the few models a gateway sees (bounded, so a stream of made-up names cannot grow it).
  const known = new Map<string, ModelPrice | undefined>();
  return (model) => {
    if (known.has(model)) return known.get(model);
    if (known.size >= REMEMBERED_MODELS) known.clear();
    const price = find(model);
    known.set(model, price);
    return price;
  };
}

/** How many models' prices a lookup remembers. */
const REMEMBERED_MODELS = 256;

function dated(table: ReadonlyMap<string, ModelPrice>, id: string): ModelPrice | undefined {
  let best: [string, ModelPrice] | undefined;
  for (const entry of table) {
    const [listed] = entry;
    if (id.startsWith(listed) && SAME_MODEL_SUFFIX.test(id.slice(listed.length)) && listed.length > (best?.[0].length ?? 0)) best = entry;
  }
  return best?.[1];
}
