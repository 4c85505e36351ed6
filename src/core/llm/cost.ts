/**
 * What the LLM costs: a price table (USD per million input, cached-input and
 * output tokens, per model), the cost of one call, and token usage added up
 * over calls, cells, notebooks and batches. Answers from the answer cache
 * count as cache hits and cost nothing.
 */
import type { ITokenUsage } from './patchagent';

/** USD per million tokens. */
export interface IModelPrice {
  input: number;
  /** Input tokens the endpoint served from its prompt cache; default: the input price. */
  cachedInput?: number;
  output: number;
}

/** Prices by model name; a name also prices its dated variants (`gpt-4o` prices `gpt-4o-2024-08-06`). */
export type PriceTable = Record<string, IModelPrice>;

export const ZERO_USAGE: ITokenUsage = Object.freeze({ calls: 0, inputTokens: 0, outputTokens: 0 });

/** The price of a model: its own entry, else the longest entry its name starts with. */
export function priceFor(table: PriceTable | undefined, model: string): IModelPrice | undefined {
  if (!table) {
    return undefined;
  }
  if (table[model]) {
    return table[model];
  }
  const prefix = Object.keys(table)
    .filter(name => name && model.startsWith(name) && /^[-_.:@/]/.test(model.slice(name.length)))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : table[prefix];
}

/** USD for what one or more calls read and wrote at this price. */
export function costOf(usage: ITokenUsage, price: IModelPrice): number {
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const fresh = usage.inputTokens - cached;
  return (fresh * price.input + cached * (price.cachedInput ?? price.input) + usage.outputTokens * price.output) / 1_000_000;
}

/** The usage with its cost, when the table prices the model; calls without a price leave the cost unknown. */
export function priced(usage: ITokenUsage, table: PriceTable | undefined, model: string): ITokenUsage {
  if (usage.calls === 0) {
    // Nothing was sent (a cache hit): free whatever the table says.
    return { ...usage, costUsd: 0 };
  }
  const price = priceFor(table, model);
  return price ? { ...usage, costUsd: costOf(usage, price) } : { ...usage, costUsd: undefined };
}

/**
 * Two usages added up. The cost is known only when it is known on both
 * sides, or a side made no call.
 */
export function addUsage(a: ITokenUsage | undefined, b: ITokenUsage | undefined): ITokenUsage {
  const x = a ?? ZERO_USAGE;
  const y = b ?? ZERO_USAGE;
  const known = (u: ITokenUsage) => u.costUsd !== undefined || u.calls === 0;
  const sum: ITokenUsage = {
    calls: x.calls + y.calls,
    inputTokens: x.inputTokens + y.inputTokens,
    outputTokens: x.outputTokens + y.outputTokens
  };
  const cached = (x.cachedInputTokens ?? 0) + (y.cachedInputTokens ?? 0);
  if (cached > 0) {
    sum.cachedInputTokens = cached;
  }
  const hits = (x.cacheHits ?? 0) + (y.cacheHits ?? 0);
  if (hits > 0) {
    sum.cacheHits = hits;
  }
  if (known(x) && known(y) && (x.costUsd !== undefined || y.costUsd !== undefined)) {
    sum.costUsd = (x.costUsd ?? 0) + (y.costUsd ?? 0);
  }
  return sum;
}

/** Usages added up (undefined ones skipped). */
export function totalUsage(usages: Iterable<ITokenUsage | undefined>): ITokenUsage {
  let total: ITokenUsage = { ...ZERO_USAGE };
  for (const usage of usages) {
    if (usage) {
      total = addUsage(total, usage);
    }
  }
  return total;
}

/** True when the usage spent tokens (or reused answers): worth a line. */
export function hasUsage(usage: ITokenUsage | undefined): boolean {
  return !!usage && (usage.calls > 0 || (usage.cacheHits ?? 0) > 0);
}

/** `$0.0123`, `$1.24`, `<$0.0001`: enough digits to tell cells apart. */
export function formatCost(usd: number): string {
  if (usd === 0) {
    return '$0';
  }
  if (usd < 0.0001) {
    return '<$0.0001';
  }
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/**
 * A price table read from settings or a file, checked: entries that are not
 * `{input, output[, cachedInput]}` with non-negative numbers are left out and
 * named in `problems`.
 */
export function readPriceTable(value: unknown): { table: PriceTable; problems: string[] } {
  const table: PriceTable = {};
  const problems: string[] = [];
  if (value === undefined || value === null) {
    return { table, problems };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { table, problems: ['The price table must be an object of model names.'] };
  }
  const isPrice = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  for (const [model, entry] of Object.entries(value as Record<string, unknown>)) {
    const price = entry as Partial<IModelPrice> | null;
    if (
      !price ||
      typeof price !== 'object' ||
      !isPrice(price.input) ||
      !isPrice(price.output) ||
      (price.cachedInput !== undefined && !isPrice(price.cachedInput))
    ) {
      problems.push(`"${model}" needs input and output prices in USD per million tokens (and optionally cachedInput).`);
      continue;
    }
    table[model] = {
      input: price.input!,
      output: price.output!,
      ...(price.cachedInput !== undefined ? { cachedInput: price.cachedInput } : {})
    };
  }
  return { table, problems };
}
