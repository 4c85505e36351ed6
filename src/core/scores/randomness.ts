/**
 * Randomness, measured. A cell whose numbers drift and which (or whose
 * inputs) draws random numbers without a seed is run again a few times:
 * the numbers that move by themselves get their run-to-run spread, and the
 * stored figure is compared with a tolerance made from that spread, not
 * with a calibration guess.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { withoutMagics } from '../python/magics';
import { PythonSource } from '../python/syntax';
import { RANDOM_STATE_CALLS } from '../rules/defaults';
import { relativeChange, withinTolerance } from './types';
import type { INumberPair, ITolerance } from './types';

/** A call that draws random numbers without a seed. */
export interface IRandomCall {
  /** The callee as written: `train_test_split`, `np.random.rand`. */
  call: string;
  /** 1-based line in its cell. */
  line: number;
}

/** numpy / Python module-level draws: seeded only by a global seed call. */
const GLOBAL_DRAW = /(^|\.)random\.(?!seed$|RandomState$|default_rng$|get_state$|set_state$|SeedSequence$|Generator$)\w+$/;
/** Calls that seed the global generators every unseeded estimator falls back on. */
const GLOBAL_SEED = /(^|\.)(random\.seed|set_random_seed|random\.set_seed|manual_seed|seed_everything)$/;
/** Draws and models whose weights start random unless a global seed is set (torch, Keras). */
const FRAMEWORK_DRAW = /(^|\.)(torch\.(rand|randn|randint|randperm|normal|bernoulli|multinomial)|Sequential)$/;
/** Generators built without a seed. */
const UNSEEDED_GENERATOR = /(^|\.)random\.(RandomState|default_rng)$/;

/** True when the source seeds a global random generator. */
export function seedsGlobally(source: string): boolean {
  return Private.read(source).calls.some(call => GLOBAL_SEED.test(call.callee));
}

/**
 * The unseeded random draws of a cell, read on its syntax tree. With a
 * global seed set earlier (`globallySeeded`), draws that fall back on the
 * global generator are repeatable in a run from the top and do not count.
 */
export function unseededCalls(text: string, globallySeeded = false): IRandomCall[] {
  const { source, calls } = Private.read(text);
  const found: IRandomCall[] = [];
  for (const call of calls) {
    const name = call.callee.slice(call.callee.lastIndexOf('.') + 1);
    const line = source.lineAt(call.node.from);
    if (call.starred || globallySeeded) {
      continue;
    }
    const keywordSeeded = call.keywords.has('random_state') || call.keywords.has('seed');
    if (RANDOM_STATE_CALLS.includes(name) && !keywordSeeded) {
      found.push({ call: call.callee, line });
    } else if (name === 'sample' && call.callee.includes('.') && !call.callee.includes('random.') && !keywordSeeded) {
      // DataFrame.sample without random_state.
      found.push({ call: call.callee, line });
    } else if (UNSEEDED_GENERATOR.test(call.callee) && call.positional === 0 && !keywordSeeded) {
      found.push({ call: call.callee, line });
    } else if (GLOBAL_DRAW.test(call.callee) || FRAMEWORK_DRAW.test(call.callee)) {
      found.push({ call: call.callee, line });
    }
  }
  return found;
}

/** `train_test_split` (cell 4, line 2), … for a message. */
export function describeCalls(calls: readonly (IRandomCall & { cell: number })[]): string {
  const names = calls.slice(0, 3).map(c => `${c.call} (cell ${c.cell + 1}, line ${c.line})`);
  return names.join(', ') + (calls.length > 3 ? `, +${calls.length - 3} more` : '');
}

/** How often a drifting unseeded cell is run again, when no stability runs are asked for. */
export const DEFAULT_RERUNS = 3;

/**
 * Run again (`rerun` gives the cell's new outputs, or null when it cannot),
 * pair each run's numbers with the stored ones, and give every pair the
 * spread of the values it took. `first` are the pairs of the run already done.
 */
export async function measureSpread(options: {
  first: readonly INumberPair[];
  runs: number;
  rerun: () => Promise<nbformat.IOutput[] | null>;
  pair: (outputs: nbformat.IOutput[]) => INumberPair[];
  tolerance: ITolerance;
}): Promise<{ pairs: INumberPair[]; runs: number; moved: boolean }> {
  const samples = new Map<string, number[]>();
  const keyed = (pairs: readonly INumberPair[]) => Private.keyed(pairs);
  for (const [key, pair] of keyed(options.first)) {
    samples.set(key, [pair.now]);
  }
  let runs = 0;
  for (; runs < options.runs; runs++) {
    const outputs = await options.rerun();
    if (!outputs) {
      break;
    }
    for (const [key, pair] of keyed(options.pair(outputs))) {
      samples.get(key)?.push(pair.now);
    }
  }
  let moved = false;
  const pairs = [...keyed(options.first)].map(([key, pair]) => {
    const values = samples.get(key) ?? [pair.now];
    const spread = (Math.max(...values) - Math.min(...values)) / 2;
    if (spread === 0 || pair.equivalence) {
      return pair;
    }
    moved = true;
    return withSpread(pair, values, options.tolerance);
  });
  return { pairs, runs, moved };
}

/**
 * A pair whose value varies run to run matches when the stored figure lies
 * within the observed range widened by half of it either side: the author's
 * run was one more draw.
 */
export function withSpread(pair: INumberPair, values: readonly number[], tolerance: ITolerance): INumberPair {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const spread = (high - low) / 2;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const inRange = pair.original >= low - spread && pair.original <= high + spread;
  return {
    ...pair,
    spread,
    relativeChange: relativeChange(pair.original, mean),
    withinTolerance: inRange || withinTolerance(pair.original, pair.now, tolerance)
  };
}

/** Keep measured spreads on a new comparison of the same cell (after a seed or a calibration). */
export function keepSpreads(pairs: INumberPair[], measured: readonly INumberPair[], tolerance: ITolerance): INumberPair[] {
  const spreads = new Map([...Private.keyed(measured)].filter(([, pair]) => pair.spread).map(([key, pair]) => [key, pair]));
  return [...Private.keyed(pairs)].map(([key, pair]) => {
    const before = spreads.get(key);
    if (!before) {
      return pair;
    }
    // A figure that matches now still varies run to run: say so.
    return pair.withinTolerance ? { ...pair, spread: before.spread } : withSpread(pair, [pair.now - before.spread!, pair.now + before.spread!], tolerance);
  });
}

namespace Private {
  interface ICall {
    callee: string;
    node: { from: number };
    keywords: Set<string>;
    positional: number;
    starred: boolean;
  }

  export function read(text: string): { source: PythonSource; calls: ICall[] } {
    const source = new PythonSource(withoutMagics(text));
    const calls = source.findAll('CallExpression').map(node => {
      const args = source.callArguments(node);
      return {
        callee: source.dottedName(source.callee(node)) ?? '',
        node,
        keywords: new Set(args.filter(arg => arg.name).map(arg => arg.name!)),
        positional: args.filter(arg => !arg.name && !arg.star).length,
        starred: args.some(arg => arg.star === '**')
      };
    });
    return { source, calls };
  }

  /** Pairs keyed by template and their rank among pairs of that template. */
  export function keyed(pairs: readonly INumberPair[]): Map<string, INumberPair> {
    const seen = new Map<string, number>();
    const map = new Map<string, INumberPair>();
    for (const pair of pairs) {
      const n = seen.get(pair.template) ?? 0;
      seen.set(pair.template, n + 1);
      map.set(`${pair.template}\u0000${n}`, pair);
    }
    return map;
  }
}
