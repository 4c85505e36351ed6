/**
 * The run's verdict: what a reproduction needs, each checked (every cell
 * ran, within the notebook's budget, numbers matching the stored outputs),
 * and whether it took accepted changes.
 */
import { failureCounts } from '../diagnosis/outcome';
import type { FailedCondition, ICellRecord, Verdict } from './types';

/** The conditions of a reproduction the run did not meet. */
export function failedConditions(cells: readonly ICellRecord[], overBudget: boolean): FailedCondition[] {
  const code = cells.filter(cell => cell.cellType === 'code');
  const failed: FailedCondition[] = [];
  // Root causes count, not their consequences; the author's own errors neither.
  const counts = failureCounts(code);
  if (counts.rootCauses > 0 || counts.skipped > 0) {
    failed.push('cells-failing');
  }
  if (overBudget) {
    failed.push('over-budget');
  }
  if (code.some(cell => cell.scores?.some(pair => !pair.withinTolerance))) {
    failed.push('numbers-off');
  }
  return failed;
}

/**
 * 'reproducible': ran clean unchanged, within budget, numbers matching;
 * 'modernized': the same after accepted changes (in cells or helper files);
 * 'failing' when a condition failed.
 */
export function verdict(cells: readonly ICellRecord[], failed: readonly FailedCondition[], changedFiles: number): Verdict {
  if (failed.length > 0) {
    return 'failing';
  }
  const code = cells.filter(cell => cell.cellType === 'code');
  const changed = code.some(cell => cell.patches.some(patch => patch.accepted)) || changedFiles > 0;
  return changed ? 'modernized' : 'reproducible';
}
