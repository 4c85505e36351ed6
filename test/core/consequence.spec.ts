import { DependencyGraph } from '../../src/core/notebook/dependencies';
import { ConsequenceFinder } from '../../src/core/diagnosis/consequence';
import type { IRanCell } from '../../src/core/diagnosis/consequence';
import { failureCounts, outcomeOf } from '../../src/core/diagnosis/outcome';
import { statementEffects } from '../../src/core/diagnosis/statements';
import type { IRuleError } from '../../src/core/rules/types';

/** An error raised at `line` of the running cell. */
function raised(ename: string, evalue: string, line = 1): IRuleError {
  return { ename, evalue, traceback: [`Cell In[7], line ${line}\n----> ${line} ...`, `${ename}: ${evalue}`] };
}

/** Cells as the runner records them: [source, status, error?]. */
function cells(...specs: [string, string, IRuleError?][]): IRanCell[] {
  return specs.map(([source, status, error], index) => ({
    index,
    cellType: 'code',
    source,
    status,
    diagnosis: error ? { error } : undefined
  }));
}

function finder(records: IRanCell[]): ConsequenceFinder {
  return new ConsequenceFinder({ cells: records, graph: new DependencyGraph(records.map(cell => cell.source)) });
}

describe('statementEffects()', () => {
  it('should read what each top-level statement makes', () => {
    const effects = statementEffects(
      [
        "df['ratio'] = df.a / df.b",
        'model.fit(X, y)',
        "df.to_csv('out/clean.csv')",
        "with open('log.txt', 'w') as f:\n    f.write('x')",
        'from helpers import *',
        'clf.best = 3'
      ].join('\n')
    );
    expect(effects.map(e => [e.firstLine, e.lastLine])).toEqual([[1, 1], [2, 2], [3, 3], [4, 5], [6, 6], [7, 7]]);
    expect([...effects[0].keys]).toEqual(['ratio']);
    expect([...effects[0].changes]).toContain('df');
    expect([...effects[1].receivers]).toEqual(['model']);
    expect([...effects[2].files]).toEqual(['out/clean.csv']);
    expect([...effects[3].files]).toEqual(['log.txt']);
    expect(effects[4].starImports).toEqual(['helpers']);
    expect([...effects[5].attributes]).toEqual(['clf.best']);
  });

  it('should not take a file read for a file written', () => {
    const [read] = statementEffects("df = pd.read_csv('data.csv')\n");
    expect([...read.files]).toEqual([]);
  });
});

describe('ConsequenceFinder', () => {
  describe('#find()', () => {
    it('should trace a NameError to the failed cell that binds the name', () => {
      const records = cells(
        ['import pandas as pd', 'ok'],
        ["df = pd.read_csv('gone.csv')", 'error', raised('FileNotFoundError', "No such file or directory: 'gone.csv'")],
        ['df.head()', 'error']
      );
      expect(finder(records).find(2, raised('NameError', "name 'df' is not defined"))).toMatchObject({ cause: 1, via: 1, kind: 'name' });
    });

    it('should point at the root cause through a chain of consequences', () => {
      const records = cells(
        ["df = load('x')", 'error', raised('NameError', "name 'load' is not defined")],
        ['X = df.values', 'error', raised('NameError', "name 'df' is not defined")],
        ['X.shape', 'error']
      );
      records[1].diagnosis!.consequenceOf = 0;
      expect(finder(records).find(2, raised('NameError', "name 'X' is not defined"))).toMatchObject({ cause: 0, via: 1 });
    });

    it('should trace a name nobody binds to a failed star import', () => {
      const records = cells(
        ['from mytools import *', 'error', raised('ImportError', "cannot import name 'Imputer'")],
        ['cleaned = clean(data)', 'error']
      );
      expect(finder(records).find(1, raised('NameError', "name 'clean' is not defined"))).toMatchObject({ cause: 0, kind: 'star-import' });
    });

    it('should trace a fitted attribute to the fit that raised', () => {
      const records = cells(
        ['model = LinearRegression()\nmodel.fit(X, y)\nprint(1)', 'error', raised('ValueError', 'Input contains NaN', 2)],
        ['print(model.coef_)', 'error']
      );
      const found = finder(records).find(1, raised('AttributeError', "'LinearRegression' object has no attribute 'coef_'"), {
        line: 1,
        culprit: 'print(model.coef_)'
      });
      expect(found).toMatchObject({ cause: 0, kind: 'attribute' });
      expect(found?.reason).toMatch(/'model.coef_' would have been set in cell 1/);
    });

    it('should not blame a fit that finished before the cell raised', () => {
      const records = cells(
        ['model.fit(X, y)\nbroken()', 'error', raised('NameError', "name 'broken' is not defined", 2)],
        ['print(model.coef_)', 'error']
      );
      const error = raised('AttributeError', "'LinearRegression' object has no attribute 'coef_'");
      expect(finder(records).find(1, error, { line: 1, culprit: 'print(model.coef_)' })).toBeUndefined();
    });

    it('should not take a removed API for a consequence', () => {
      const records = cells(
        ["df['x'] = 1\nraise ValueError()", 'error', raised('ValueError', '', 2)],
        ['df.ix[0]', 'error']
      );
      const error = raised('AttributeError', "'DataFrame' object has no attribute 'ix'");
      expect(finder(records).find(1, error, { line: 1, culprit: 'df.ix[0]' })).toBeUndefined();
    });

    it('should trace an unfitted estimator to the fit that raised', () => {
      const records = cells(
        ['grid.fit(X, y)', 'error', raised('ValueError', 'bad')],
        ['grid.predict(X_test)', 'error']
      );
      const error = raised('NotFittedError', 'This GridSearchCV instance is not fitted yet.');
      expect(finder(records).find(1, error, { line: 1, culprit: 'grid.predict(X_test)' })).toMatchObject({ cause: 0, kind: 'attribute' });
    });

    it('should blame the failed fit of an unfitted estimator, not a later failed use of it nor what the line assigns', () => {
      const records = cells(
        ['log_reg = LogisticRegression()\nlog_reg.fit(X, y)', 'error', raised('ValueError', 'inconsistent numbers of samples', 2)],
        ['y_proba = log_reg.predict_proba(X_new)\nplot(y_proba)', 'error', raised('NotFittedError', 'not fitted yet')],
        ['y_proba = log_reg.predict_proba(X_new)', 'error']
      );
      const error = raised('NotFittedError', 'This LogisticRegression instance is not fitted yet.');
      expect(finder(records).find(2, error, { line: 1, culprit: 'y_proba = log_reg.predict_proba(X_new)' })).toMatchObject({
        via: 0,
        reason: "'log_reg' would have been fitted in cell 1, which failed before it finished with log_reg"
      });
    });

    it('should trace a missing column to the failed cell that should have added it', () => {
      const records = cells(
        ["df['age'] = df['age'].astype(np.float)\ndf['ratio'] = df.a / df.b", 'error', raised('AttributeError', "module 'numpy' has no attribute 'float'")],
        ["df['ratio'].mean()", 'error']
      );
      expect(finder(records).find(1, raised('KeyError', "'ratio'"))).toMatchObject({ cause: 0, kind: 'key' });
      expect(finder(records).find(1, raised('KeyError', "'other'"))).toBeUndefined();
    });

    it('should trace a missing file to the failed cell that should have written it', () => {
      const records = cells(
        ["df = clean(raw)\ndf.to_csv('clean.csv')", 'error', raised('NameError', "name 'clean' is not defined")],
        ["pd.read_csv('./clean.csv')", 'error']
      );
      const error = raised('FileNotFoundError', "[Errno 2] No such file or directory: './clean.csv'");
      expect(finder(records).find(1, error)).toMatchObject({ cause: 0, kind: 'file' });
    });

    it('should find no consequence when no earlier cell failed', () => {
      const records = cells(['x = 1', 'ok'], ['y', 'error']);
      expect(finder(records).find(1, raised('NameError', "name 'y' is not defined"))).toBeUndefined();
    });
  });

  describe('#rerunAfterFix()', () => {
    it('should re-run the consequences of a fixed cell, also those sharing no name with it', () => {
      const records = cells(
        ["out = make()\nout.to_csv('o.csv')", 'error', raised('NameError', "name 'make' is not defined")],
        ['unrelated = 1', 'ok'],
        ["back = pd.read_csv('o.csv')", 'error'],
        ['print(back.shape)', 'error'],
        ['print(out)', 'error']
      );
      records[2].diagnosis = { consequenceOf: 0 };
      records[3].diagnosis = { consequenceOf: 0 };
      records[4].diagnosis = { consequenceOf: 0 };
      expect(finder(records).rerunAfterFix(0, 4)).toEqual([2, 3, 4]);
    });
  });
});

describe('failureCounts()', () => {
  it('should count root causes, consequences under them and the author\'s own errors', () => {
    const counts = failureCounts([
      { index: 0, status: 'error' },
      { index: 1, status: 'error', diagnosis: { consequenceOf: 0 } },
      { index: 2, status: 'error', diagnosis: { consequenceOf: 0 } },
      { index: 3, status: 'error', diagnosis: { expected: true } },
      { index: 4, status: 'error', diagnosis: { consequenceOf: 3 } },
      { index: 5, status: 'fixed' },
      { index: 6, status: 'error', diagnosis: { consequenceOf: 5 } },
      { index: 7, status: 'skipped' }
    ]);
    expect(counts).toMatchObject({ rootCauses: 2, consequences: 2, expected: 2, skipped: 1 });
    expect(counts.byCause.get(0)).toEqual([1, 2]);
  });
});

describe('outcomeOf()', () => {
  it.each([
    [0, false, true, 'clean-matching'],
    [0, true, true, 'clean-numbers-off'],
    [2, false, true, 'errors-matching'],
    [1, true, true, 'errors-numbers-off'],
    [0, false, false, 'did-not-finish']
  ])('should class %d root causes, numbers off %s, finished %s as %s', (rootCauses, numbersOff, finished, outcome) => {
    expect(outcomeOf({ rootCauses, numbersOff, finished })).toBe(outcome);
  });
});
