import { htmlTables, splitTables, textTables } from '../../../src/core/scores';
import { DESCRIBE_HTML, DESCRIBE_TEXT, DICKEY_FULLER, HEAD_HTML, SAMPLE_TEXT, ZERO_COUNTS } from './fixtures';
import { result, stdout } from './helpers';

describe('htmlTables()', () => {
  it.each([
    ['describe()', DESCRIBE_HTML, ['count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max'], ['fruit_label', 'mass', 'width', 'height', 'color_score']],
    ['head()', HEAD_HTML, ['0', '1', '2', '3', '4'], ['fruit_label', 'fruit_name', 'fruit_subtype', 'mass', 'width', 'height', 'color_score']]
  ])('should read the rows and columns of %s', (_, html, rows, columns) => {
    const [table] = htmlTables(html);
    expect(table.rows).toEqual(rows);
    expect(table.columns).toEqual(columns);
  });

  it('should read a cell by its labels', () => {
    const [table] = htmlTables(DESCRIBE_HTML);
    expect(table.cells.get('mean')!.get('mass')).toBe('163.118644');
  });

  it('should join MultiIndex labels and carry an outer row label over', () => {
    const html =
      '<table class="dataframe"><thead><tr><th></th><th></th><th colspan="2">score</th></tr>' +
      '<tr><th>model</th><th>fold</th><th>mean</th><th>std</th></tr></thead><tbody>' +
      '<tr><th rowspan="2">svc</th><th>1</th><td>0.91</td><td>0.02</td></tr><tr><th>2</th><td>0.89</td><td>0.03</td></tr></tbody></table>';
    const [table] = htmlTables(html);
    expect(table.columns).toEqual(['score / mean', 'score / std']);
    expect(table.rows).toEqual(['svc / 1', 'svc / 2']);
  });
});

describe('textTables()', () => {
  it('should read a wide describe() wrapped in blocks as one table', () => {
    const { tables, text } = textTables(DESCRIBE_TEXT);
    expect(tables).toHaveLength(1);
    expect(tables[0].columns).toEqual([
      'satisfaction_level',
      'last_evaluation',
      'number_project',
      'average_montly_hours',
      'time_spend_company',
      'Work_accident',
      'left'
    ]);
    expect(tables[0].cells.get('mean')!.get('time_spend_company')).toBe('3.498233');
    expect(text.trim()).toBe('');
  });

  it('should read sample() rows with their index labels', () => {
    const [table] = textTables(SAMPLE_TEXT).tables;
    expect(table.rows).toEqual(['6127', '1293', '1958', '5161', '3968']);
    expect(table.cells.get('1293')!.get('tenure')).toBe('67');
  });

  it.each([
    ['a Series printed after a title', DICKEY_FULLER, 'Critical Value (5%)', '-2.884042', 'Results of Dickey-Fuller Test:'],
    ['a Series result', ZERO_COUNTS, 'alpha_0.001', '12', '']
  ])('should read %s and leave the rest as text', (_, text, row, value, rest) => {
    const split = textTables(text);
    expect(split.tables).toHaveLength(1);
    expect(split.tables[0].cells.get(row)!.get('')).toBe(value);
    expect(split.text.trim()).toBe(rest);
  });

  it('should leave plain printed lines alone', () => {
    expect(textTables('Accuracy of K-NN classifier on training set: 0.95\n').tables).toEqual([]);
  });
});

describe('splitTables()', () => {
  it('should prefer the HTML of a result and keep the text of a print', () => {
    const split = splitTables([result('ignored text repr', HEAD_HTML), stdout('Accuracy: 0.95\n')]);
    expect(split.tables).toHaveLength(1);
    expect(split.text).toBe('Accuracy: 0.95\n');
  });
});
