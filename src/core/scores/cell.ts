/**
 * The runner's view of score comparison for one notebook: what the code of
 * a cell and of the cells it uses says about its numbers (decompositions,
 * clusterings, unseeded randomness), and the run-to-run spreads measured
 * so far, kept for every later comparison of the same cell.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { pairingHints } from './equivalences';
import type { IPairingHints } from './equivalences';
import { compareOutputs } from './pairing';
import { keepSpreads, seedsGlobally, unseededCalls } from './randomness';
import type { IRandomCall } from './randomness';
import type { INumberPair, IScoreComparison, ITolerance } from './types';

export class CellScores {
  constructor(options: CellScores.IOptions) {
    this._options = options;
  }

  /** The cell's stored outputs compared with `outputs`, with its hints and measured spreads. */
  compare(index: number, outputs: readonly nbformat.IOutput[]): IScoreComparison {
    // Hints are read only when there are numbers to pair: most cells show none.
    const comparison = compareOutputs(this._options.stored(index), outputs, this._options.tolerance, () => this.hints(index));
    const measured = this._spreads.get(index);
    return measured ? { ...comparison, pairs: keepSpreads(comparison.pairs, measured, this._options.tolerance) } : comparison;
  }

  /** Keep the spreads measured on this cell's numbers. */
  remember(index: number, measured: readonly INumberPair[]): void {
    this._spreads.set(index, measured);
  }

  hints(index: number): IPairingHints {
    // Hints hold only `true` flags: merged, they say what any of the related cells does.
    return Object.assign({}, ...this._related(index).map(cell => this._sourceHints(this._options.source(cell))));
  }

  /**
   * Unseeded random draws in the cell and the cells it uses. A global seed
   * in an earlier cell makes the draws that fall back on it repeatable.
   */
  randomSources(index: number): (IRandomCall & { cell: number })[] {
    const earlier = Array.from({ length: index + 1 }, (_, i) => i);
    const seeded = earlier.some(i => Private.safely(() => seedsGlobally(this._options.source(i)), false));
    return this._related(index).flatMap(cell =>
      Private.safely(() => unseededCalls(this._options.source(cell), seeded), []).map(call => ({ ...call, cell }))
    );
  }

  /** Each source is parsed once: in a chain of cells that use each other, every cell is related to many. */
  private _sourceHints(source: string): IPairingHints {
    let hints = this._hintsBySource.get(source);
    if (!hints) {
      hints = Private.safely(() => pairingHints([source]), {});
      this._hintsBySource.set(source, hints);
    }
    return hints;
  }

  private _related(index: number): number[] {
    return [index, ...this._options.usedCells(index)];
  }

  private _options: CellScores.IOptions;
  private _spreads = new Map<number, readonly INumberPair[]>();
  private _hintsBySource = new Map<string, IPairingHints>();
}

export namespace CellScores {
  export interface IOptions {
    /** The outputs the author saved in a cell. */
    stored: (index: number) => readonly nbformat.IOutput[];
    /** A cell's current source ('' for markdown). */
    source: (index: number) => string;
    /** Earlier cells that define what a cell uses. */
    usedCells: (index: number) => number[];
    tolerance: ITolerance;
  }
}

namespace Private {
  /** A source the parser cannot read says nothing: no hint, no draw. */
  export function safely<T>(read: () => T, fallback: T): T {
    try {
      return read();
    } catch {
      return fallback;
    }
  }
}
