import { logicalLines, numbersInText, readNumber } from '../../../src/core/scores';
import { BEST_PARAMS, CONFUSION, CV_SCORES, PERCENT, PRICES, PY2_TUPLE, THETA, TUPLE } from './fixtures';

describe('readNumber()', () => {
  it.each([
    ['0.8212', 0.8212],
    ['$12,345.67', 12345.67],
    ['-$1,000', -1000],
    ['89.47%', 89.47],
    ['4.9115445891584838e-05', 4.9115445891584838e-5],
    ['1.', 1],
    ['−0.5', -0.5]
  ])('should read %s as %d', (text, value) => {
    expect(readNumber(text)).toBeCloseTo(value, 12);
  });
});

describe('logicalLines()', () => {
  it('should join an array printed over several lines into one line', () => {
    expect(logicalLines(THETA)).toHaveLength(1);
    expect(logicalLines(CV_SCORES.trim())).toHaveLength(1);
  });

  it('should not join prose with an apostrophe', () => {
    expect(logicalLines("it's 0.5\nnext 0.6")).toEqual(["it's 0.5", 'next 0.6']);
  });
});

describe('numbersInText()', () => {
  it.each([
    ['a 3x3 array over three lines', THETA, 9, 'array([[#, #, #], [#, #, #], [#, #, #]])'],
    ['a wrapped cross_val_score array', CV_SCORES, 10, '[# # # # # # # # # #]'],
    ['a tuple with scientific notation', TUPLE, 2, '(#, #)'],
    ['a percentage', PERCENT, 1, 'Accuracy: #'],
    ['a Python 2 tuple print', PY2_TUPLE, 4, "('Parameters: ', array([#, #, #]))"],
    ['a confusion matrix', CONFUSION, 4, '[[# #] [# #]]'],
    ['currency inside strings', PRICES, 5, "['# ', '# ', '# ', '# ', '# ']"]
  ])('should read %s', (_, text, count, template) => {
    const numbers = numbersInText(text);
    expect(numbers).toHaveLength(count);
    expect(numbers[0].template).toBe(template);
  });

  it('should keep a dict and the line after it apart', () => {
    const numbers = numbersInText(BEST_PARAMS);
    expect(numbers.map(n => n.template)).toEqual([
      "Best params: {'max_depth': #, 'min_child_weight': #, 'n_estimators': #}",
      "Best params: {'max_depth': #, 'min_child_weight': #, 'n_estimators': #}",
      "Best params: {'max_depth': #, 'min_child_weight': #, 'n_estimators': #}",
      'Best score: #'
    ]);
  });

  it("should leave out matplotlib's Text reprs: where a label sits depends on the layout", () => {
    // dev09-codebasics-churn-keras, cell 59: plt.ylabel('Truth') under Matplotlib 3.
    expect(numbersInText("Text(69.0, 0.5, 'Truth')")).toEqual([]);
  });

  it('should read a thousands separator as one number', () => {
    expect(numbersInText('Total revenue: $12,345.67\n').map(n => [n.value, n.text])).toEqual([[12345.67, '$12,345.67']]);
  });

  it('should give the same template to numpy 1 and numpy 2 reprs', () => {
    const old = numbersInText('(array([ 4.21509616]), array([[ 2.77011339]]))');
    const now = numbersInText('(array([4.21509616]), array([[2.77011339]]))');
    expect(now.map(n => n.template)).toEqual(old.map(n => n.template));
    expect(numbersInText('(np.float64(0.5), 3)')[0].template).toBe(numbersInText('(0.5, 3)')[0].template);
  });

  it('should give each row of a 2-D array its own vector', () => {
    const vectors = numbersInText(THETA).map(n => n.vector);
    expect(new Set(vectors).size).toBe(3);
    expect(vectors.slice(0, 3).every(v => v === vectors[0])).toBe(true);
  });
});
