import type * as nbformat from '@jupyterlab/nbformat';
import { pairNumbers, shownNumbers, withinTolerance, worstDrift } from '../../src/core/scores';

const stdout = (text: string): nbformat.IOutput => ({ output_type: 'stream', name: 'stdout', text });
const result = (text: string): nbformat.IOutput => ({
  output_type: 'execute_result',
  execution_count: 1,
  data: { 'text/plain': text },
  metadata: {}
});

describe('shownNumbers()', () => {
  it.each([
    ['Accuracy: 0.8212\n', [[0.8212, 'Accuracy: #']]],
    ['[0.81 0.79 0.8 ]\n', [[0.81, '[# # # ]'], [0.79, '[# # # ]'], [0.8, '[# # # ]']]],
    ['Wall time: 2.31 s\n', []],
    ['Critical Value (5%)   -2.88\n', [[-2.88, 'Critical Value (5%) #']]],
    ['<sklearn.tree._classes.DecisionTreeClassifier object at 0x7f3a>\n', []],
    ['mse = 1.5e-3, r2 = -0.25\n', [[0.0015, 'mse = #, r2 = #'], [-0.25, 'mse = #, r2 = #']]]
  ])('should read %j', (text, expected) => {
    expect(shownNumbers([stdout(text)]).map(n => [n.value, n.template])).toEqual(expected);
  });
});

describe('pairNumbers()', () => {
  it('should pair by line shape and flag the drift', () => {
    const pairs = pairNumbers([stdout('rows: 240\nAccuracy: 0.8212\n')], [stdout('rows: 240\nAccuracy: 0.8391\n')]);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ original: 0.8212, now: 0.8391, withinTolerance: false });
    expect(worstDrift(pairs)?.nowText).toBe('0.8391');
  });

  it('should pair an execute result and accept a change within tolerance', () => {
    const pairs = pairNumbers([result('0.95614035087719296')], [result('0.956140350877193')]);
    expect(pairs).toEqual([expect.objectContaining({ withinTolerance: true })]);
  });

  it('should not pair numbers of lines that are not there now', () => {
    expect(pairNumbers([stdout('Score: 0.5\n')], [stdout('Other: 0.5\n')])).toEqual([]);
  });
});

describe('withinTolerance()', () => {
  it.each([
    [0.8212, 0.8213, true],
    [0.8212, 0.8391, false],
    [0, 0.00005, true],
    [100, 100.9, true],
    [100, 102, false]
  ])('%d vs %d -> %s', (a, b, expected) => {
    expect(withinTolerance(a, b)).toBe(expected);
  });
});
