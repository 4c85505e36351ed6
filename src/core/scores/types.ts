/**
 * What score comparison produces: numbers of the author's stored outputs
 * paired with those a cell shows now, and the tolerance that decides a match.
 */

/** A known way of writing the same result differently; named in the report when used. */
export type Equivalence = 'sign-flip' | 'label-permutation' | 'float-noise';

export const EQUIVALENCE_LABELS: Record<Equivalence, string> = {
  'sign-flip': 'sign of a component flipped (PCA/SVD/eigenvectors are defined up to sign)',
  'label-permutation': 'cluster labels renamed (the same grouping, other label numbers)',
  'float-noise': 'floating-point noise in the last digits'
};

export interface INumberPair {
  /** The line with every number replaced by `#`, or `table N: row · column` for a table cell. */
  template: string;
  original: number;
  originalText: string;
  now: number;
  nowText: string;
  /** |now - original| / max(|original|, tiny) */
  relativeChange: number;
  withinTolerance: boolean;
  /** A table cell's labels: pairs are made by them, not by position. */
  row?: string;
  column?: string;
  /** The equivalence that made this pair match. */
  equivalence?: Equivalence;
  /** Run-to-run spread (±) measured by re-running the cell; the match allows for it. */
  spread?: number;
}

/** One cell's comparison: the pairs, and what was seen that pairs cannot say. */
export interface IScoreComparison {
  pairs: INumberPair[];
  /** "3 rows differ, e.g. …": differences of a table's row or column set. */
  notes: string[];
}

export interface ITolerance {
  /** Relative difference allowed (0.01 = 1%). */
  relative: number;
  /** Absolute difference allowed, for numbers near zero. */
  absolute: number;
}

export const DEFAULT_TOLERANCE: ITolerance = { relative: 0.01, absolute: 1e-4 };

/** True when the difference is within either tolerance. */
export function withinTolerance(original: number, now: number, tolerance: ITolerance = DEFAULT_TOLERANCE): boolean {
  const difference = Math.abs(now - original);
  return difference <= tolerance.absolute || difference <= tolerance.relative * Math.abs(original);
}

export function relativeChange(original: number, now: number): number {
  return Math.abs(now - original) / Math.max(Math.abs(original), 1e-12);
}

/** The pair that drifted most, for a one-line message. */
export function worstDrift(pairs: readonly INumberPair[]): INumberPair | undefined {
  return pairs.filter(pair => !pair.withinTolerance).sort((a, b) => b.relativeChange - a.relativeChange)[0];
}
