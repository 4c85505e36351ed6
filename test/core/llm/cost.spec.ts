import { addUsage, costOf, formatCost, priceFor, priced, readPriceTable, totalUsage } from '../../../src/core/llm/cost';

const TABLE = {
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 }
};

describe('cost', () => {
  describe('#priceFor()', () => {
    it('should take the exact entry, else the longest name the model starts with', () => {
      expect(priceFor(TABLE, 'gpt-4o-mini')).toBe(TABLE['gpt-4o-mini']);
      expect(priceFor(TABLE, 'gpt-4o-mini-2024-07-18')).toBe(TABLE['gpt-4o-mini']);
      expect(priceFor(TABLE, 'gpt-4o-2024-08-06')).toBe(TABLE['gpt-4o']);
    });

    it('should not price a different model that only shares a prefix', () => {
      expect(priceFor(TABLE, 'gpt-4ox')).toBeUndefined();
      expect(priceFor(TABLE, 'llama3')).toBeUndefined();
      expect(priceFor(undefined, 'gpt-4o')).toBeUndefined();
    });
  });

  describe('#costOf()', () => {
    it('should charge cached input at its own price and the rest at the input price', () => {
      // 1,000,000 in of which 400,000 cached, 100,000 out.
      const usage = { calls: 1, inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 100_000 };
      expect(costOf(usage, TABLE['gpt-4o'])).toBeCloseTo(0.6 * 2.5 + 0.4 * 1.25 + 0.1 * 10, 10);
      // Without a cached price, cached input costs what input costs.
      expect(costOf(usage, TABLE['gpt-4o-mini'])).toBeCloseTo(0.15 + 0.1 * 0.6, 10);
    });
  });

  describe('#priced()', () => {
    it('should price a call, leave an unpriced model unknown and make a cache hit free', () => {
      expect(priced({ calls: 1, inputTokens: 1000, outputTokens: 100 }, TABLE, 'gpt-4o').costUsd).toBeCloseTo(0.0035, 10);
      expect(priced({ calls: 1, inputTokens: 1000, outputTokens: 100 }, TABLE, 'llama3').costUsd).toBeUndefined();
      expect(priced({ calls: 0, inputTokens: 0, outputTokens: 0, cacheHits: 1 }, undefined, 'llama3').costUsd).toBe(0);
    });
  });

  describe('#addUsage()', () => {
    it('should add tokens, reused answers and cost', () => {
      const sum = addUsage(
        { calls: 1, inputTokens: 100, cachedInputTokens: 40, outputTokens: 10, costUsd: 0.002 },
        { calls: 0, inputTokens: 0, outputTokens: 0, cacheHits: 1, costUsd: 0 }
      );
      expect(sum).toEqual({ calls: 1, inputTokens: 100, cachedInputTokens: 40, outputTokens: 10, cacheHits: 1, costUsd: 0.002 });
    });

    it('should leave the cost unknown when a side made calls without a price', () => {
      const unpriced = { calls: 2, inputTokens: 100, outputTokens: 10 };
      expect(addUsage({ calls: 1, inputTokens: 1, outputTokens: 1, costUsd: 1 }, unpriced).costUsd).toBeUndefined();
      expect(totalUsage([undefined, unpriced]).costUsd).toBeUndefined();
      expect(totalUsage([]).costUsd).toBeUndefined();
    });
  });

  describe('#formatCost()', () => {
    it('should show enough digits to tell cells apart', () => {
      expect([0, 0.00004, 0.00123, 0.5, 12.345].map(formatCost)).toEqual(['$0', '<$0.0001', '$0.0012', '$0.5000', '$12.35']);
    });
  });

  describe('#readPriceTable()', () => {
    it('should keep good entries and name the bad ones', () => {
      const { table, problems } = readPriceTable({ good: { input: 1, output: 2 }, bad: { input: -1, output: 2 }, worse: 3 });
      expect(table).toEqual({ good: { input: 1, output: 2 } });
      expect(problems).toEqual([
        '"bad" needs input and output prices in USD per million tokens (and optionally cachedInput).',
        '"worse" needs input and output prices in USD per million tokens (and optionally cachedInput).'
      ]);
      expect(readPriceTable([1]).problems).toEqual(['The price table must be an object of model names.']);
    });
  });
});
