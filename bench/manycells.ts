/**
 * A notebook of many trivial cells, nine of them using np.float (removed from
 * NumPy, fixed by a rule): the per-cell overhead's test subject, shared by
 * bench/percell.ts and the UI's timing script (ui-tests/tests/percell.spec.ts).
 */
export function manyCellNotebook(cells: number): { cells: object[]; metadata: object; nbformat: number; nbformat_minor: number } {
  const step = Math.max(1, Math.floor(cells / 10));
  const removed = new Set(Array.from({ length: 9 }, (_, i) => (i + 1) * step).filter(i => i < cells));
  const sources = ['import numpy as np\nx = 0'];
  for (let i = 1; i < cells; i++) {
    sources.push(removed.has(i) ? `y${i} = np.float(${i})` : `x = x + ${i}`);
  }
  return {
    cells: sources.map(source => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source })),
    metadata: {
      kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' },
      language_info: { name: 'python' }
    },
    nbformat: 4,
    nbformat_minor: 5
  };
}
