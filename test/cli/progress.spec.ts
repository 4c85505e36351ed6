import { ProgressPrinter } from '../../src/cli/progress';
import type { Modernizer } from '../../src/core/run';

/** Just what the last line reads of a finished run. */
function finished(verdict: string, failedConditions: string[], cells: [string, { consequenceOf?: number; expected?: boolean }?][]): Modernizer {
  return {
    verdict,
    failedConditions,
    cells: cells.map(([status, diagnosis], index) => ({ index, cellType: 'code', status, diagnosis }))
  } as unknown as Modernizer;
}

describe('ProgressPrinter', () => {
  describe('.lastLine()', () => {
    it.each<[string, Modernizer, string]>([
      [
        'root causes with their consequences',
        finished('failing', ['cells-failing'], [['ok'], ['error'], ['error', { consequenceOf: 1 }], ['error', { consequenceOf: 1 }], ['fixed']]),
        'failing (some errors, numbers match): 1 ran clean, 1 fixed, 1 root cause failing (+2 consequences)'
      ],
      [
        'a clean run whose numbers drifted',
        finished('failing', ['numbers-off'], [['ok'], ['ok']]),
        'failing (ran clean, numbers off): 2 ran clean, 0 fixed, 0 root causes failing'
      ],
      [
        "the author's own error, not counted",
        finished('reproducible', [], [['ok'], ['error', { expected: true }]]),
        "reproducible (ran clean, numbers match): 1 ran clean, 0 fixed, 0 root causes failing, 1 author's own error"
      ],
      [
        'a run over its budget',
        finished('failing', ['cells-failing', 'over-budget'], [['ok'], ['timeout'], ['skipped']]),
        'failing (did not finish): 1 ran clean, 0 fixed, 1 root cause failing, 1 not run'
      ]
    ])('should say %s', (_what, run, line) => {
      expect(ProgressPrinter.lastLine(run)).toBe(line);
    });
  });
});
