/**
 * What a run did, counted by root cause: the cells where a bug lives, the
 * consequences that fail only because of them, the author's own errors; and
 * the outcome class a maintainer sorts notebooks by, read from what happened
 * (cells failing, numbers off, over budget), not from the verdict.
 */

/** How a notebook ended, in the five classes a maintainer sorts by. */
export type OutcomeClass =
  | 'clean-matching'
  | 'errors-matching'
  | 'clean-numbers-off'
  | 'errors-numbers-off'
  | 'did-not-finish';

export const OUTCOMES: readonly OutcomeClass[] = [
  'clean-matching',
  'errors-matching',
  'clean-numbers-off',
  'errors-numbers-off',
  'did-not-finish'
];

export const OUTCOME_LABELS: Record<OutcomeClass, string> = {
  'clean-matching': 'ran clean, numbers match',
  'errors-matching': 'some errors, numbers match',
  'clean-numbers-off': 'ran clean, numbers off',
  'errors-numbers-off': 'errors and numbers off',
  'did-not-finish': 'did not finish'
};

/** A cell as counted: the runner's records and the report's cells both fit. */
export interface ICountedCell {
  index: number;
  status: string;
  diagnosis?: { consequenceOf?: number; expected?: boolean };
}

export interface IFailureCounts {
  /** Failing cells where the bug lives (their own failure, or a consequence whose cause no longer fails). */
  rootCauses: number;
  /** Failing cells that fail only because a root cause still fails. */
  consequences: number;
  /** The author's own errors (the saved outputs show them, or the cell was never run), and their consequences. */
  expected: number;
  /** Cells that never ran (the run was stopped). */
  skipped: number;
}

/** Counts by root cause, and which cells are consequences of which cause. */
export function failureCounts(cells: readonly ICountedCell[]): IFailureCounts & { byCause: Map<number, number[]> } {
  const byIndex = new Map(cells.map(cell => [cell.index, cell]));
  const failing = (cell: ICountedCell | undefined) =>
    cell !== undefined && cell.status !== 'ok' && cell.status !== 'fixed' && cell.status !== 'skipped' && cell.status !== 'pending';
  const counts = { rootCauses: 0, consequences: 0, expected: 0, skipped: 0, byCause: new Map<number, number[]>() };
  for (const cell of cells) {
    if (cell.status === 'skipped') {
      counts.skipped++;
      continue;
    }
    if (!failing(cell)) {
      continue;
    }
    const cause = causeOf(cell, byIndex);
    if (cell.diagnosis?.expected || (cause !== undefined && byIndex.get(cause)?.diagnosis?.expected)) {
      counts.expected++;
    } else if (cause !== undefined && failing(byIndex.get(cause))) {
      counts.consequences++;
    } else {
      counts.rootCauses++;
      continue;
    }
    if (cause !== undefined) {
      counts.byCause.set(cause, [...(counts.byCause.get(cause) ?? []), cell.index]);
    }
  }
  return counts;
}

/** The outcome class from what the run did. */
export function outcomeOf(run: { rootCauses: number; numbersOff: boolean; finished: boolean }): OutcomeClass {
  if (!run.finished) {
    return 'did-not-finish';
  }
  if (run.rootCauses > 0) {
    return run.numbersOff ? 'errors-numbers-off' : 'errors-matching';
  }
  return run.numbersOff ? 'clean-numbers-off' : 'clean-matching';
}

/**
 * The counts and the outcome of a run from its cells and the conditions it
 * failed ('over-budget', 'numbers-off'; 'cells-failing' is recounted here).
 */
export function runOutcome(
  cells: readonly ICountedCell[],
  failedConditions: readonly string[]
): { counts: IFailureCounts & { byCause: Map<number, number[]> }; outcome: OutcomeClass } {
  const counts = failureCounts(cells);
  const outcome = outcomeOf({
    rootCauses: counts.rootCauses,
    numbersOff: failedConditions.includes('numbers-off'),
    finished: !failedConditions.includes('over-budget') && counts.skipped === 0
  });
  return { counts, outcome };
}

/** The root failure a consequence points at, when it is one. */
function causeOf(cell: ICountedCell, byIndex: Map<number, ICountedCell>): number | undefined {
  const cause = cell.diagnosis?.consequenceOf;
  return cause !== undefined && cause !== cell.index && byIndex.has(cause) ? cause : undefined;
}
