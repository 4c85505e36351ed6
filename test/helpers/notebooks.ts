/** Small notebooks built in tests. */
import type * as nbformat from '@jupyterlab/nbformat';

/** A code cell's source, or [source, the stdout its author saw]. */
export type TestCell = string | [string, string];

/** A Python notebook of code cells; stored stdout where the author's output is given. */
export function codeNotebook(...cells: TestCell[]): nbformat.INotebookContent {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map(cell => {
      const [source, stored] = typeof cell === 'string' ? [cell, undefined] : cell;
      return {
        cell_type: 'code',
        source,
        metadata: {},
        execution_count: null,
        outputs: stored === undefined ? [] : [{ output_type: 'stream', name: 'stdout', text: stored }]
      };
    })
  };
}
