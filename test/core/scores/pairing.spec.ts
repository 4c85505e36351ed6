import { compareOutputs, pairNumbers, shownNumbers, withinTolerance, worstDrift } from '../../../src/core/scores';
import { CV_SCORES, DESCRIBE_TEXT, DICKEY_FULLER, HEAD_HTML, PERCENT, SAMPLE_TEXT, TUPLE } from './fixtures';
import { result, stdout } from './helpers';

describe('shownNumbers()', () => {
  it.each([
    ['Accuracy: 0.8212\n', [[0.8212, 'Accuracy: #']]],
    ['[0.81 0.79 0.8 ]\n', [[0.81, '[# # #]'], [0.79, '[# # #]'], [0.8, '[# # #]']]],
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

describe('compareOutputs()', () => {
  const reordered = (html: string, order: number[]) => {
    const rows = [...html.matchAll(/<tr>\s*<th>[\s\S]*?<\/tr>/g)].map(m => m[0]);
    const body = order.map(i => rows[i]).join('\n');
    return html.replace(/<tbody>[\s\S]*<\/tbody>/, `<tbody>\n${body}\n</tbody>`);
  };

  it('should pair table cells by label, so rows in another order are no drift', () => {
    const { pairs, notes } = compareOutputs([result('', HEAD_HTML)], [result('', reordered(HEAD_HTML, [4, 3, 2, 1, 0]))]);
    expect(pairs.length).toBe(25);
    expect(pairs.every(pair => pair.withinTolerance)).toBe(true);
    expect(pairs.find(pair => pair.row === '3' && pair.column === 'mass')).toMatchObject({ original: 86, now: 86 });
    expect(notes).toEqual([]);
  });

  it('should say that rows differ, not count drifts, when the row set changed', () => {
    const now = SAMPLE_TEXT.replace(/^1293 /m, '4021 ').replace(/^1958 /m, '1111 ').replace(/^5161 /m, '2222 ');
    const { pairs, notes } = compareOutputs([result(SAMPLE_TEXT)], [result(now)]);
    expect(pairs.every(pair => pair.withinTolerance)).toBe(true);
    expect(notes).toEqual(["Table: 3 rows differ, e.g. '1293', '1958', '5161' then; '4021', '1111', '2222' now."]);
  });

  it('should pair a table printed as text with the same table as HTML', () => {
    const text = 'fruit_label        mass'; // not a table: left to line pairing
    const { pairs } = compareOutputs([result(DESCRIBE_TEXT)], [result(DESCRIBE_TEXT.replace('3.498233', '3.600000'))]);
    expect(pairs.filter(pair => !pair.withinTolerance)).toEqual([
      expect.objectContaining({ row: 'mean', column: 'time_spend_company', original: 3.498233, now: 3.6 })
    ]);
    expect(compareOutputs([stdout(text)], [stdout(text)]).pairs).toEqual([]);
  });

  it('should pair a Series by its labels', () => {
    const now = DICKEY_FULLER.replace('p-value                          0.991880', 'p-value                          0.500000');
    const { pairs } = compareOutputs([stdout(DICKEY_FULLER)], [stdout(now)]);
    expect(pairs.filter(pair => !pair.withinTolerance).map(pair => pair.row)).toEqual(['p-value']);
  });

  it.each([
    ['an array re-wrapped by numpy 2', CV_SCORES, '[1.         0.93333333 1.         1.         0.86666667 0.93333333 0.93333333\n 1.         1.         1.        ]\n', 10],
    ['a tuple with numpy 2 scalars', TUPLE, '(np.float64(4.853052800266436), np.float64(4.911544589158484e-05))', 2],
    ['a percentage', PERCENT, 'Accuracy: 89.47%\n', 1]
  ])('should pair %s', (_, then, now, count) => {
    const pairs = pairNumbers([stdout(then)], [stdout(now)]);
    expect(pairs).toHaveLength(count);
    expect(pairs.every(pair => pair.withinTolerance)).toBe(true);
  });
});
