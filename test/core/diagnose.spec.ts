import { diagnose } from '../../src/core/diagnosis/diagnose';
import type { IExecutionResult } from '../../src/core/kernel';
import { RuleEngine } from '../../src/core/rules/engine';
import { allFamilies, allRules } from '../../src/core/rules/all';

const rules = new RuleEngine(allRules, allFamilies);

const failed = (ename: string, evalue: string, traceback: string[] = [], stderr = ''): IExecutionResult => ({
  status: 'error',
  outputs: [],
  error: { ename, evalue, traceback },
  stderr,
  durationMs: 1,
  executionCount: 1
});

describe('diagnose()', () => {
  it.each([
    ['ModuleNotFoundError', "No module named 'watermark'", 'missing-module'],
    ['FileNotFoundError', "[Errno 2] No such file or directory: '../input/train.csv'", 'missing-data'],
    ['SyntaxError', "Missing parentheses in call to 'print'. Did you mean print(...)? (1.py, line 2)", 'python2-syntax'],
    ['AttributeError', "module 'numpy' has no attribute 'float'", 'removed-api'],
    ['AttributeError', "'Foo' object has no attribute 'bar_baz_qux'", 'removed-api'],
    ['TypeError', "fit() got an unexpected keyword argument 'zzz_unknown'", 'signature-change'],
    ['ValueError', 'Input X contains NaN.\nLogisticRegression does not accept missing values', 'unknown']
  ])('should put %s: %s under %s', (ename, evalue, category) => {
    expect(diagnose(failed(ename, evalue), { rules, source: 'x' }).category).toBe(category);
  });

  it('should name the library, version and change when a rule knows the fact', () => {
    const diagnosis = diagnose(failed('AttributeError', "'DataFrame' object has no attribute 'append'"), {
      rules,
      source: 'df = df.append(row)'
    });
    expect(diagnosis).toMatchObject({ category: 'removed-api', ruleId: 'pandas-append' });
    expect(diagnosis.message).toMatch(/pandas 2\.0/);
    expect(diagnosis.fact?.source).toMatch(/^https:\/\/pandas\.pydata\.org\//);
  });

  it('should find the culprit line in the cell from the traceback', () => {
    const traceback = [
      '---------------------------------------------------------------------------',
      'AttributeError                            Traceback (most recent call last)',
      'Cell In[3], line 2\n      1 import numpy as np\n----> 2 x = np.float(1)',
      "AttributeError: module 'numpy' has no attribute 'float'"
    ];
    const diagnosis = diagnose(failed('AttributeError', "module 'numpy' has no attribute 'float'", traceback), {
      rules,
      source: 'import numpy as np\nx = np.float(1)'
    });
    expect(diagnosis).toMatchObject({ line: 2, culprit: 'x = np.float(1)' });
  });

  it('should point at a helper file when the failing frame is there', () => {
    const traceback = [
      'Cell In[1], line 1\n----> 1 helper.f()',
      'File /work/nb/helper.py:2, in f()\n      1 def f():\n----> 2     return np.float(1)',
      'File /venv/lib/python3.11/site-packages/numpy/__init__.py:400, in __getattr__(attr)'
    ];
    const diagnosis = diagnose(failed('AttributeError', "module 'numpy' has no attribute 'float'", traceback), {
      rules,
      source: 'helper.f()',
      readFile: () => 'def f():\n    return np.float(1)\n'
    });
    expect(diagnosis).toMatchObject({ file: '/work/nb/helper.py', line: 2, culprit: 'return np.float(1)' });
  });

  it('should not let import-time noise on stderr hide the real error', () => {
    const noise = 'WARNING: protobuf runtime version is older than gencode\nDeprecationWarning: pkg_resources is deprecated\n';
    const diagnosis = diagnose(failed('ModuleNotFoundError', "No module named 'sklearn.cross_validation'", [], noise), {
      rules,
      source: 'from sklearn.cross_validation import KFold'
    });
    expect(diagnosis.ruleId).toBe('sklearn-cross_validation-module');
    expect(diagnosis.message).not.toMatch(/protobuf/);
  });

  it('should mark a NameError for a name an earlier failed cell defines as a consequence', () => {
    const diagnosis = diagnose(failed('NameError', "name 'df' is not defined"), {
      rules,
      source: 'df.head()',
      failedDefiner: name => (name === 'df' ? 2 : undefined)
    });
    expect(diagnosis).toMatchObject({ category: 'consequence', consequenceOf: 2 });
  });

  it('should describe timeouts and dead kernels', () => {
    const base = { outputs: [], stderr: '', durationMs: 1, executionCount: null };
    expect(diagnose({ ...base, status: 'timeout' }, { rules, source: '', timeoutMs: 600000 }).message).toMatch(/600 s budget/);
    expect(diagnose({ ...base, status: 'died' }, { rules, source: '' }).category).toBe('kernel-died');
  });
});
