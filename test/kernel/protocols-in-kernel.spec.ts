/**
 * Calling protocols that changed, end to end in the real kernel of the
 * project venv (scikit-learn 1.9, pandas 3): the old code fails today, its
 * error picks the family's rule, the rewrite runs and prints what the old
 * code printed (fold sizes and counts the old splitters gave, or an
 * independent computation of the same quantity).
 */
import { kernelCases, stdout } from '../helpers/rulecases';
import type { IFailingCase } from '../helpers/rulecases';
import { engine } from '../helpers/rulecases';
import { PythonSource } from '../../src/core/python/syntax';

const NP = 'import numpy as np\n';
const IRIS = NP + 'from sklearn.datasets import load_iris\nX, y = load_iris(return_X_y=True)\n';
/** 12 samples in 4 groups of 3. */
const GROUPS = NP + 'X = np.arange(24).reshape(12, 2)\ny = np.array([0, 1] * 6)\ngroups = np.repeat([1, 2, 3, 4], 3)\n';
const SERIES = NP + "import pandas as pd\nts = pd.Series(np.arange(1.0, 7.0), index=pd.date_range('2020-01-01', periods=6, freq='12h'))\n";

const failing: (IFailingCase & { shape: string })[] = [
  {
    shape: 'KFold(n, n_folds) iterated',
    ruleId: 'sklearn-cv-iterators-old-interface',
    setup: IRIS,
    old: 'from sklearn.model_selection import KFold\nkf = KFold(len(X), n_folds=4)\nprint(len(kf), [len(te) for tr, te in kf])\n',
    // Old KFold: 150 = 38 + 38 + 37 + 37.
    prints: '4 [38, 38, 37, 37]'
  },
  {
    shape: 'a shuffled KFold iterated twice gives the same folds, as the old one shuffled once',
    ruleId: 'sklearn-cv-iterators-old-interface',
    setup: IRIS,
    old:
      'from sklearn.model_selection import KFold\nkf = KFold(len(X), n_folds=3, shuffle=True)\n' +
      'first = [te.tolist() for tr, te in kf]\nsecond = [te.tolist() for tr, te in kf]\nprint(len(kf), first == second, first != [list(range(50)), list(range(50, 100)), list(range(100, 150))])\n',
    prints: '3 True True'
  },
  {
    shape: 'StratifiedKFold(y, k) in a comprehension',
    ruleId: 'sklearn-cv-iterators-old-interface',
    setup: IRIS,
    old: 'from sklearn.model_selection import StratifiedKFold\nprint([np.bincount(y[te]).tolist() for tr, te in StratifiedKFold(y, 5)])\n',
    prints: '[[10, 10, 10], [10, 10, 10], [10, 10, 10], [10, 10, 10], [10, 10, 10]]'
  },
  {
    shape: 'LeaveOneOut(n)',
    ruleId: 'sklearn-cv-iterators-old-interface',
    setup: GROUPS,
    old: 'from sklearn.model_selection import LeaveOneOut\nloo = LeaveOneOut(len(X))\nprint(len(loo), sorted(int(te[0]) for tr, te in loo) == list(range(12)))\n',
    prints: '12 True'
  },
  {
    shape: 'LabelKFold(labels, n_folds) renamed GroupKFold',
    ruleId: 'sklearn-cv-iterators-old-interface',
    setup: GROUPS,
    old: 'from sklearn.model_selection import LabelKFold\nfolds = [sorted(set(groups[te].tolist())) for tr, te in LabelKFold(groups, n_folds=2)]\nprint(sorted(len(f) for f in folds))\n',
    prints: '[2, 2]'
  },
  {
    shape: 'LeavePLabelOut(labels, p) renamed LeavePGroupsOut',
    ruleId: 'sklearn-cv-iterators-old-interface',
    setup: GROUPS,
    old: 'from sklearn.model_selection import LeavePLabelOut\nlplo = LeavePLabelOut(groups, p=2)\nprint(len(lplo), [len(te) for tr, te in lplo][:2])\n',
    // C(4, 2) splits, each testing 2 groups of 3.
    prints: '6 [6, 6]'
  },
  {
    shape: 'a group splitter passed as cv= keeps its groups',
    ruleId: 'sklearn-cv-iterators-old-interface',
    setup: GROUPS + 'from sklearn.dummy import DummyClassifier\n',
    old: 'from sklearn.model_selection import LeaveOneLabelOut, cross_val_score\nprint(len(cross_val_score(DummyClassifier(), X, y, cv=LeaveOneLabelOut(groups))))\n',
    prints: '4'
  },
  {
    shape: 'KFold as cv= of cross_val_score',
    ruleId: 'sklearn-cv-iterators-old-interface',
    setup: IRIS + 'from sklearn.model_selection import cross_val_score, KFold\nfrom sklearn.dummy import DummyClassifier\n',
    old: 'print(len(cross_val_score(DummyClassifier(), X, y, cv=KFold(n=len(y), n_folds=3))))\n',
    prints: '3'
  },
  {
    shape: 'ShuffleSplit with train_size keeps the old test_size',
    ruleId: 'sklearn-cv-iterators-old-interface',
    setup: IRIS,
    old: 'from sklearn.model_selection import ShuffleSplit\nprint([(len(tr), len(te)) for tr, te in ShuffleSplit(len(X), n_iter=2, train_size=0.5, random_state=0)])\n',
    // Old default test_size=0.1 of 150: 15, train 75.
    prints: '[(75, 15), (75, 15)]'
  },
  {
    shape: 'PredefinedSplit iterated',
    ruleId: 'sklearn-cv-iterators-old-interface',
    setup: NP + 'from sklearn.model_selection import PredefinedSplit\n',
    old: 'ps = PredefinedSplit([0, 1, -1, 1])\nprint([te.tolist() for tr, te in ps])\n',
    prints: '[[0], [1, 3]]'
  },
  {
    shape: 'read_csv(squeeze=True)',
    ruleId: 'pandas-read_csv-squeeze',
    setup: 'import io\nimport pandas as pd\n',
    old: "s = pd.read_csv(io.StringIO('month,sales\\n2000-01,3\\n2000-02,5\\n'), index_col=0, squeeze=True)\nprint(type(s).__name__, s.name, s.sum())\n",
    prints: 'Series sales 8'
  },
  {
    shape: "resample(how='mean')",
    ruleId: 'pandas-resample-how',
    setup: SERIES,
    old: "print(ts.resample('D', how='mean').tolist())\n",
    prints: '[1.5, 3.5, 5.5]'
  },
  {
    shape: "resample(fill_method='ffill')",
    ruleId: 'pandas-resample-fill_method',
    setup: SERIES,
    old: "print(ts.resample('6h', fill_method='ffill').tolist()[:4])\n",
    prints: '[1.0, 1.0, 2.0, 2.0]'
  },
  {
    shape: 'pd.rolling_apply(s, w, f): f still gets arrays',
    ruleId: 'pandas-rolling-toplevel',
    setup: 'import pandas as pd\ns = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0])\n',
    // w[0] is positional on an array; on a Series (today's default) it is the label 0.
    old: 'print(pd.rolling_apply(s, 3, lambda w: w[0]).tolist())\n',
    prints: '[nan, nan, 1.0, 2.0, 3.0]'
  },
  {
    shape: 'pd.rolling_corr(a, b, w)',
    ruleId: 'pandas-rolling-toplevel',
    setup: 'import pandas as pd\na = pd.Series([1.0, 3.0, 2.0, 5.0])\nb = -2 * a\n',
    old: 'print(pd.rolling_corr(a, b, 3).round(6).tolist())\n',
    prints: '[nan, nan, -1.0, -1.0]'
  },
  {
    shape: 'concat(join_axes=)',
    ruleId: 'pandas-concat-join_axes',
    setup: "import pandas as pd\na = pd.Series([1, 2], index=['x', 'y'], name='a')\nb = pd.Series([3, 4], index=['y', 'z'], name='b')\n",
    old: 'both = pd.concat([a, b], axis=1, join_axes=[a.index])\nprint(both.index.tolist(), both.shape)\n',
    prints: "['x', 'y'] (2, 2)"
  },
  {
    shape: 'GridSearchCV(fit_params=)',
    ruleId: 'sklearn-search-fit_params',
    setup: IRIS + 'from sklearn.model_selection import GridSearchCV\nfrom sklearn.dummy import DummyClassifier\n',
    // Weights that make class 2 the most frequent: they reached fit only if the best model predicts 2.
    old:
      "gs = GridSearchCV(DummyClassifier(strategy='most_frequent'), {'constant': [None]}, cv=3, fit_params={'sample_weight': (y == 2) * 10 + 1})\n" +
      'gs.fit(X, y)\nprint(gs.best_estimator_.predict(X[:1]))\n',
    prints: '[2]'
  },
  {
    shape: 'scipy.stats.mode(a)[0][0]',
    ruleId: 'scipy-stats-mode-keepdims',
    setup: NP + 'from scipy import stats\n',
    old: 'votes = np.array([3, 1, 3, 2, 3, 1])\nwinner = stats.mode(votes)[0][0]\nprint(winner, stats.mode(votes).count.shape)\n',
    prints: '3 (1,)'
  },
  {
    shape: 'groupby column renamed through a dict',
    ruleId: 'pandas-agg-nested-renamer',
    setup: "import numpy as np\nimport pandas as pd\ndf = pd.DataFrame({'k': [1, 1, 2], 'a': [1.0, 2.0, 3.0], 'b': [4.0, 5.0, 6.0]})\n",
    old: "r = df.groupby('k')['a'].agg({'a_mean': 'mean', 'a_max': np.max})\nprint(list(r.columns), r.values.tolist())\n",
    prints: "['a_mean', 'a_max'] [[1.5, 2.0], [3.0, 3.0]]"
  },
  {
    shape: 'nested dict per column',
    ruleId: 'pandas-agg-nested-renamer',
    setup: "import pandas as pd\ndf = pd.DataFrame({'k': [1, 1, 2], 'a': [1.0, 2.0, 3.0], 'b': [4.0, 5.0, 6.0]})\n",
    old: "r = df.groupby('k').agg({'a': {'a_mean': 'mean', 'a_max': 'max'}, 'b': {'b_sum': 'sum'}})\nprint(list(r.columns), r.values.tolist())\n",
    // pandas < 1.0 gave the (column, name) MultiIndex.
    prints: "[('a', 'a_mean'), ('a', 'a_max'), ('b', 'b_sum')] [[1.5, 2.0, 9.0], [3.0, 3.0, 6.0]]"
  },
  {
    shape: 'RFECV.grid_scores_',
    ruleId: 'sklearn-rfecv-grid_scores_',
    setup: IRIS + 'from sklearn.feature_selection import RFECV\nfrom sklearn.linear_model import LogisticRegression\nfrom sklearn.model_selection import cross_val_score\n',
    old:
      'rfecv = RFECV(LogisticRegression(max_iter=1000), cv=3).fit(X, y)\n' +
      'print(np.asarray(rfecv.grid_scores_).shape)\n' +
      // The last entry is the model on all features: the same mean score cross_val_score gives.
      'print(round(rfecv.grid_scores_[-1], 6) == round(cross_val_score(LogisticRegression(max_iter=1000), X, y, cv=3).mean(), 6))\n',
    prints: '(4,)\nTrue'
  }
];

describe('calling protocols that changed, in the real kernel', () => {
  const { fresh, run, failsThenRuns } = kernelCases();

  it.each(failing.map(testCase => [testCase.shape, testCase] as const))('%s: old code fails, the rule fires, the rewrite runs', async (_shape, testCase) => {
    await failsThenRuns(testCase);
  });

  it('a splitter built in one cell and iterated in the next: the fixed first cell serves the second unchanged', async () => {
    const built = 'from sklearn.model_selection import KFold\nkf = KFold(len(X), n_folds=5, shuffle=True, random_state=0)\n';
    const later = 'print(len(kf), [len(te) for tr, te in kf], len(cross_val_score(DummyClassifier(), X, y, cv=kf)))\n';
    const setup = IRIS + 'from sklearn.model_selection import cross_val_score\nfrom sklearn.dummy import DummyClassifier\n';
    await fresh(setup);
    const before = await run(built);
    expect(before.status).toBe('error');
    const proposal = engine.propose(built, before.error!, new PythonSource(setup).imports);
    expect(proposal?.rules[0].id).toBe('sklearn-cv-iterators-old-interface');
    await fresh(setup);
    expect((await run(proposal!.source)).status).toBe('ok');
    const after = await run(later);
    expect(after.error).toBeUndefined();
    expect(stdout(after)).toContain('5 [30, 30, 30, 30, 30] 5');
  });
});
