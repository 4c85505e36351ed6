/**
 * Which cells the panel lists. A short notebook lists every code cell; a long
 * one (hundreds of cells) lists the cells with something to say (running,
 * failing, fixed, waiting for a review, drifting numbers, LLM spend) and counts
 * the rest, so the list stays readable and each change renders one row.
 */
import type { ICellRecord } from '../../core/run';

/** More code cells than this and the quiet ones are counted, not listed. */
export const LIST_EVERY_CELL_UP_TO = 40;

export interface ICellList {
  /** The rows, in notebook order. */
  shown: ICellRecord[];
  /** The code cells not listed, by status: ran clean, not run yet, skipped. */
  hidden: { ok: number; pending: number; skipped: number };
}

export function cellList(cells: readonly ICellRecord[], listUpTo = LIST_EVERY_CELL_UP_TO): ICellList {
  const code = cells.filter(cell => cell.cellType === 'code');
  const hidden = { ok: 0, pending: 0, skipped: 0 };
  if (code.length <= listUpTo) {
    return { shown: code, hidden };
  }
  const shown: ICellRecord[] = [];
  for (const cell of code) {
    if (isQuiet(cell)) {
      hidden[cell.status as keyof typeof hidden]++;
    } else {
      shown.push(cell);
    }
  }
  return { shown, hidden };
}

/** A cell that ran clean (or has not run, or was skipped) with nothing else to show. */
function isQuiet(cell: ICellRecord): boolean {
  return (
    (cell.status === 'ok' || cell.status === 'pending' || cell.status === 'skipped') &&
    !cell.diagnosis &&
    cell.patches.length === 0 &&
    !cell.agentError &&
    !(cell.usage && cell.usage.calls > 0)
  );
}
