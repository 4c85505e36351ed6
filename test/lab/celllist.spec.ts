import type { ICellRecord } from '../../src/core/run';
import { cellList } from '../../src/lab/panel/celllist';

const record = (index: number, changes: Partial<ICellRecord> = {}): ICellRecord => ({
  index,
  cellType: 'code',
  source: `x = ${index}`,
  originalSource: `x = ${index}`,
  status: 'ok',
  diagnoses: [],
  patches: [],
  durationMs: 0,
  engineMs: [],
  runs: 1,
  outputs: [],
  executionCount: index,
  ...changes
});

describe('cellList()', () => {
  it('should list every code cell of a short notebook', () => {
    const cells = [record(0), { ...record(1), cellType: 'markdown' as const, status: 'skipped' as const }, record(2, { status: 'pending' })];
    expect(cellList(cells, 40)).toEqual({ shown: [cells[0], cells[2]], hidden: { ok: 0, pending: 0, skipped: 0 } });
  });

  it('should list the running, failing, fixed and drifting cells of a long one and count the rest', () => {
    const cells = Array.from({ length: 500 }, (_, i) => record(i, { status: i < 300 ? 'ok' : 'pending' }));
    cells[10] = record(10, { status: 'fixed', patches: [{ id: 'p', accepted: true } as any] });
    cells[20] = record(20, { status: 'error', diagnosis: { category: 'runtime', message: 'boom' } });
    cells[30] = record(30, { status: 'ok', diagnosis: { category: 'score-drift', message: '0.81 then, 0.79 now' } });
    cells[300] = record(300, { status: 'running' });
    cells[499] = record(499, { status: 'skipped' });
    const { shown, hidden } = cellList(cells, 40);
    expect(shown.map(cell => cell.index)).toEqual([10, 20, 30, 300]);
    expect(hidden).toEqual({ ok: 297, pending: 198, skipped: 1 });
  });

  it('should list a cell whose fix waits for a review, or the LLM spent tokens on', () => {
    const cells = Array.from({ length: 50 }, (_, i) => record(i));
    cells[5] = record(5, { status: 'running', patches: [{ id: 'p' } as any] });
    cells[6] = record(6, { usage: { calls: 1, inputTokens: 10, outputTokens: 5 } });
    expect(cellList(cells, 40).shown.map(cell => cell.index)).toEqual([5, 6]);
  });
});
