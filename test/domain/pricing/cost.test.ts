import { describe, expect, test } from "bun:test";
import { costOf, costOfUsage } from "../../../src/domain/pricing/cost.ts";
import { DEFAULT_PRICES, PRICES_SOURCE } from "../../../src/domain/pricing/default-prices.ts";
import { priceLookup } from "../../../src/domain/pricing/model-price.ts";

describe("costOf", () => {
  test("cached input at the cached price, cache writes at the cache-write price, the rest as input; output as output", () => {
    const price = { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 };
    // 1000 input = 100 plain + 600 cache hits + 300 cache writes.
    expect(costOfUsage(price, { inputTokens: 1000, cachedTokens: 600, cacheWriteTokens: 300, outputTokens: 100 })).toBeCloseTo((100 * 3 + 600 * 0.3 + 300 * 3.75 + 100 * 15) / 1e6, 12);
    // Without cache prices, cached and written tokens are billed as plain input.
    expect(costOfUsage({ input: 2, output: 8 }, { inputTokens: 1000, cachedTokens: 600, cacheWriteTokens: 300, outputTokens: 100 })).toBeCloseTo((1000 * 2 + 100 * 8) / 1e6, 12);
  });

  test("inconsistent counts never bill a negative number of tokens", () => {
    expect(costOfUsage({ input: 1, cachedInput: 0.1, cacheWrite: 2, output: 1 }, { inputTokens: 10, cachedTokens: 8, cacheWriteTokens: 5, outputTokens: 0 })).toBeCloseTo((8 * 0.1 + 2 * 2) / 1e6, 12);
  });

  test("known models from the shipped table, their dated snapshots too; unknown models get no cost", () => {
    const million = { inputTokens: 1_000_000, cachedTokens: 0, outputTokens: 1_000_000 };
    expect(costOf("gpt-4o-mini", million)).toBeCloseTo(0.15 + 0.6, 12);
    expect(costOf("gpt-4o-2024-08-06", million)).toBeCloseTo(2.5 + 10, 12);
    expect(costOf("claude-sonnet-4-5-20250929", million)).toBeCloseTo(3 + 15, 12);
    expect(costOf("claude-opus-4-5-20251101", million)).toBeCloseTo(5 + 25, 12);
    expect(costOf("claude-opus-4-20250514", million)).toBeCloseTo(15 + 75, 12);
    expect(costOf("openai/gpt-5", million)).toBeCloseTo(1.25 + 10, 12);
    // A different model of a known family is not guessed at.
    expect(costOf("claude-opus-4-9", million)).toBeUndefined();
    expect(costOf("gpt-4o-ultra", million)).toBeUndefined();
    expect(costOf("mock-model", million)).toBeUndefined();
    expect(costOf(undefined, million)).toBeUndefined();
  });

  test("a cost the provider reported wins", () => {
    expect(costOf("gpt-4o", { inputTokens: 10, cachedTokens: 0, outputTokens: 1, costUsd: 0.5 })).toBe(0.5);
    expect(costOf("unknown", { inputTokens: 10, cachedTokens: 0, outputTokens: 1, costUsd: 0.5 })).toBe(0.5);
  });

  test("overrides go before the shipped table", () => {
    const lookup = priceLookup({ "gpt-4o": { input: 1, output: 1 }, "my-model": { input: 10, output: 20 } }, DEFAULT_PRICES);
    expect(costOf("gpt-4o", { inputTokens: 1_000_000, cachedTokens: 0, outputTokens: 0 }, lookup)).toBeCloseTo(1, 12);
    expect(costOf("My-Model", { inputTokens: 0, cachedTokens: 0, outputTokens: 1_000_000 }, lookup)).toBeCloseTo(20, 12);
    expect(costOf("gpt-4o-mini", { inputTokens: 1_000_000, cachedTokens: 0, outputTokens: 0 }, lookup)).toBeCloseTo(0.15, 12);
  });
});

describe("the shipped price table", () => {
  test("says where it comes from and is sane: positive prices, cache hits cheaper than input", () => {
    expect(PRICES_SOURCE.as_of).toMatch(/^\d{4}-\d{2}$/);
    expect(Object.keys(DEFAULT_PRICES).length).toBeGreaterThan(20);
    for (const [model, p] of Object.entries(DEFAULT_PRICES)) {
      expect({ model, ok: p.input > 0 && p.output > 0 && (p.cachedInput ?? 0) < p.input && (p.cacheWrite ?? p.input) >= p.input }).toEqual({ model, ok: true });
    }
  });
});

describe("a lookup remembers its answers, within a bound", () => {
  test("asked again, and after hundreds of made-up names, it answers as a fresh lookup does", () => {
    const lookup = priceLookup({ "my-model": { input: 1, output: 2 } }, DEFAULT_PRICES);
    const fresh = () => priceLookup({ "my-model": { input: 1, output: 2 } }, DEFAULT_PRICES);
    const names = ["gpt-4o-2024-08-06", "claude-sonnet-4-5-20250929", "my-model", "mock-model", "gpt-4o-mystery"];
    for (const name of names) expect(lookup(name)).toEqual(fresh()(name));
    for (let i = 0; i < 1_000; i++) expect(lookup(`made-up-${i}`)).toBeUndefined();
    for (const name of names) expect(lookup(name)).toEqual(fresh()(name));
    expect(lookup("gpt-4o")).toBe(DEFAULT_PRICES["gpt-4o"]);
  });
});
