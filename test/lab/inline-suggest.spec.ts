import { allFamilies, allRules } from '../../src/core/rules/all';
import { RuleEngine } from '../../src/core/rules/engine';
import { lineDiff, withContext } from '../../src/lab/inline/linediff';
import { errorOfOutput, importsBefore, suggestFix } from '../../src/lab/inline/suggest';

const rules = new RuleEngine(allRules, allFamilies);
const code = (source: string) => ({ type: 'code', source });

describe('suggestFix()', () => {
  it('should propose the rule fix with the fact, origin and the cell before and after', () => {
    const cells = [code('import numpy as np'), { type: 'markdown', source: '# np' }, code('x = np.float(3)\nprint(x)')];
    const suggestion = suggestFix({
      rules,
      cells,
      index: 2,
      error: {
        ename: 'AttributeError',
        evalue: "module 'numpy' has no attribute 'float'.",
        traceback: ['\u001b[0;31mAttributeError\u001b[0m', 'Cell \u001b[0;32mIn[2], line 1\u001b[0m']
      }
    });
    expect(suggestion).not.toBeNull();
    expect(suggestion!.patch).toMatchObject({
      origin: 'rule:numpy-alias-float',
      before: 'x = np.float(3)\nprint(x)',
      after: 'x = float(3)\nprint(x)',
      target: { kind: 'cell', index: 2 },
      flags: []
    });
    expect(suggestion!.patch.ruleIds[0]).toBe('numpy-alias-float');
    expect(suggestion!.message).toMatch(/NumPy|numpy/);
    expect(suggestion!.patch.facts[0].source).toMatch(/^https:\/\//);
  });

  it('should read the imports of earlier cells only', () => {
    const cells = [code('import pandas as pd'), code('df = pd.DataFrame()\ndf = df.append(other)'), code('import numpy as np')];
    expect([...importsBefore(cells, 1)]).toEqual([['pd', 'pandas']]);
    const suggestion = suggestFix({
      rules,
      cells,
      index: 1,
      error: { ename: 'AttributeError', evalue: "'DataFrame' object has no attribute 'append'", traceback: [] }
    });
    expect(suggestion?.patch.after).toMatch(/pd\.concat/);
    expect(suggestion?.message).toMatch(/pandas 2\.0/);
  });

  it.each([
    ['an error no rule knows', code('1/0'), { ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: [] }],
    ['an interrupted cell', code('np.float(3)'), { ename: 'KeyboardInterrupt', evalue: '', traceback: [] }],
    ['a markdown cell', { type: 'markdown', source: 'np.float(3)' }, { ename: 'AttributeError', evalue: "module 'numpy' has no attribute 'float'", traceback: [] }]
  ])('should suggest nothing for %s', (_, cell, error) => {
    expect(suggestFix({ rules, cells: [code('import numpy as np'), cell], index: 1, error })).toBeNull();
  });
});

describe('errorOfOutput()', () => {
  it.each([
    [{ output_type: 'stream', name: 'stderr', text: 'x' }, null],
    [
      { output_type: 'error', ename: 'NameError', evalue: "name 'x' is not defined", traceback: ['\u001b[0;31mNameError\u001b[0m: x'] },
      { ename: 'NameError', evalue: "name 'x' is not defined", traceback: ['NameError: x'] }
    ],
    [{ output_type: 'error' }, { ename: '', evalue: '', traceback: [] }]
  ])('should read %j', (output, expected) => {
    expect(errorOfOutput(output)).toEqual(expected);
  });
});

describe('lineDiff()', () => {
  it.each([
    ['a\nb', 'a\nb', ['=a', '=b']],
    ['x = np.float(3)\nprint(x)', 'x = float(3)\nprint(x)', ['-x = np.float(3)', '+x = float(3)', '=print(x)']],
    ['a\nc', 'a\nb\nc', ['=a', '+b', '=c']],
    ['a\nb\nc', 'a\nc', ['=a', '-b', '=c']],
    ['a\nb', 'c\nd', ['-a', '-b', '+c', '+d']]
  ])('should diff %j against %j', (before, after, expected) => {
    const sign = { same: '=', removed: '-', added: '+' } as const;
    expect(lineDiff(before, after).map(line => sign[line.kind] + line.text)).toEqual(expected);
  });
});

describe('withContext()', () => {
  it('should keep one line around each change and mark the gaps', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7'].join('\n');
    const after = ['1', '2', '3', 'four', '5', '6', '7'].join('\n');
    const shown = withContext(lineDiff(before, after), 1).map(line => (line ? line.text : null));
    expect(shown).toEqual([null, '3', '4', 'four', '5', null]);
  });
});
