/**
 * Calling protocols that changed (src/core/rules/protocols/): each family
 * rewrites every row of its table on the error today's library raises, and
 * leaves today's shapes (and shapes it cannot read) alone.
 */
import { importAliases } from '../../../src/core/python/syntax';
import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';
import { PROTOCOL_TABLES, protocolRules } from '../../../src/core/rules/protocols';

const engine = new RuleEngine(allRules, allFamilies);
const error = (ename: string, evalue: string) => ({ ename, evalue, traceback: [] });

/** [what, rule id, ename, evalue (as scikit-learn 1.9.1 / pandas 3.1 / CPython 3.11 print it), before, after] */
const cases: [string, string, string, string, string, string][] = [
  [
    'LeaveOneOut(n) iterated, len() taken',
    'sklearn-cv-iterators-old-interface',
    'TypeError',
    'LeaveOneOut() takes no arguments',
    'loo = LeaveOneOut(len(X))\nprint(len(loo))\nfor tr, te in loo:\n    pass\n',
    'loo = LeaveOneOut()\nprint(loo.get_n_splits(X))\nfor tr, te in loo.split(X):\n    pass\n'
  ],
  [
    'a splitter iterated by a lone generator argument',
    'sklearn-cv-iterators-old-interface',
    'TypeError',
    'LeaveOneOut() takes no arguments',
    'loo = LeaveOneOut(len(X))\nfirst = sorted(int(te[0]) for tr, te in loo)\n',
    'loo = LeaveOneOut()\nfirst = sorted(int(te[0]) for tr, te in loo.split(X))\n'
  ],
  [
    'LeavePOut(n, p) iterated in place',
    'sklearn-cv-iterators-old-interface',
    'TypeError',
    'LeavePOut.__init__() takes 2 positional arguments but 3 were given',
    'from sklearn.model_selection import LeavePOut\nfor tr, te in LeavePOut(X.shape[0], 2):\n    pass\n',
    'from sklearn.model_selection import LeavePOut\nfor tr, te in LeavePOut(p=2).split(X):\n    pass\n'
  ],
  [
    'LabelKFold renamed GroupKFold, its labels become groups=',
    'sklearn-cv-iterators-old-interface',
    'ImportError',
    "cannot import name 'LabelKFold' from 'sklearn.model_selection' (/venv/sklearn/model_selection/__init__.py)",
    'import numpy as np\nfrom sklearn.model_selection import LabelKFold\ncv = LabelKFold(groups, n_folds=4)\nfor tr, te in cv:\n    pass\n',
    'import numpy as np\nfrom sklearn.model_selection import GroupKFold\ncv = list(GroupKFold(n_splits=4).split(np.zeros(len(groups)), groups=groups))\nfor tr, te in cv:\n    pass\n'
  ],
  [
    'a group splitter passed as cv= keeps its groups as the list of its splits',
    'sklearn-cv-iterators-old-interface',
    'ImportError',
    "cannot import name 'LeaveOneLabelOut' from 'sklearn.model_selection' (/venv/sklearn/model_selection/__init__.py)",
    'from sklearn.model_selection import LeaveOneLabelOut, cross_val_score\nscores = cross_val_score(model, X, y, cv=LeaveOneLabelOut(subjects))\n',
    'import numpy as np\nfrom sklearn.model_selection import LeaveOneGroupOut, cross_val_score\nscores = cross_val_score(model, X, y, cv=list(LeaveOneGroupOut().split(np.zeros(len(subjects)), groups=subjects)))\n'
  ],
  [
    'LeavePLabelOut(labels, p) -> LeavePGroupsOut(n_groups=p) through the module',
    'sklearn-cv-iterators-old-interface',
    'AttributeError',
    "module 'sklearn.model_selection' has no attribute 'LeavePLabelOut'",
    'import numpy as np\nfrom sklearn import model_selection\nfor tr, te in model_selection.LeavePLabelOut(g, p=2):\n    pass\n',
    'import numpy as np\nfrom sklearn import model_selection\nfor tr, te in model_selection.LeavePGroupsOut(n_groups=2).split(np.zeros(len(g)), groups=g):\n    pass\n'
  ],
  [
    'a splitter built here for later cells is kept as the list of its splits',
    'sklearn-cv-iterators-old-interface',
    'TypeError',
    "KFold.__init__() got an unexpected keyword argument 'n_folds'",
    'from sklearn.model_selection import KFold\nkf = KFold(len(X_train), n_folds=5, shuffle=True, random_state=0)\n',
    'from sklearn.model_selection import KFold\nkf = list(KFold(n_splits=5, shuffle=True, random_state=0).split(X_train))\n'
  ],
  [
    'a splitter only passed on as cv= stays an object',
    'sklearn-cv-iterators-old-interface',
    'TypeError',
    "StratifiedKFold.__init__() got an unexpected keyword argument 'n_folds'",
    'skf = StratifiedKFold(y, n_folds=5, shuffle=True)\ngs = GridSearchCV(model, grid, cv=skf)\n',
    'skf = StratifiedKFold(n_splits=5, shuffle=True)\ngs = GridSearchCV(model, grid, cv=skf)\n'
  ],
  [
    'the old n= keyword passed as cv=: only the constructor changes',
    'sklearn-cv-iterators-old-interface',
    'TypeError',
    "KFold.__init__() got an unexpected keyword argument 'n'",
    'scores = cross_val_score(model, X, y, cv=KFold(n=len(y), n_folds=3))\n',
    'scores = cross_val_score(model, X, y, cv=KFold(n_splits=3))\n'
  ],
  [
    "ShuffleSplit with train_size alone keeps the old test_size=0.1",
    'sklearn-cv-iterators-old-interface',
    'TypeError',
    "ShuffleSplit.__init__() got an unexpected keyword argument 'n_iter'",
    'from sklearn.model_selection import ShuffleSplit\nsizes = [len(te) for tr, te in ShuffleSplit(len(X), n_iter=4, train_size=0.5, random_state=0)]\n',
    'from sklearn.model_selection import ShuffleSplit\nsizes = [len(te) for tr, te in ShuffleSplit(n_splits=4, train_size=0.5, random_state=0, test_size=0.1).split(X)]\n'
  ],
  [
    'PredefinedSplit kept its constructor: only the iteration changes',
    'sklearn-cv-iterators-old-interface',
    'TypeError',
    "'PredefinedSplit' object is not iterable",
    'from sklearn.model_selection import PredefinedSplit\nps = PredefinedSplit(test_fold)\nfor tr, te in ps:\n    pass\n',
    'from sklearn.model_selection import PredefinedSplit\nps = list(PredefinedSplit(test_fold).split())\nfor tr, te in ps:\n    pass\n'
  ],
  [
    'read_csv(squeeze=True) -> .squeeze("columns") on the result',
    'pandas-read_csv-squeeze',
    'TypeError',
    "read_csv() got an unexpected keyword argument 'squeeze'",
    "import pandas as pd\ns = pd.read_csv('catfish.csv', parse_dates=[0], index_col=0, squeeze=True)\n",
    "import pandas as pd\ns = pd.read_csv('catfish.csv', parse_dates=[0], index_col=0).squeeze('columns')\n"
  ],
  [
    'read_csv(squeeze=False) asked for today\'s behaviour: dropped',
    'pandas-read_csv-squeeze',
    'TypeError',
    "read_csv() got an unexpected keyword argument 'squeeze'",
    "import pandas as pd\ndf = pd.read_csv('a.csv', squeeze=False, sep=';')\n",
    "import pandas as pd\ndf = pd.read_csv('a.csv', sep=';')\n"
  ],
  [
    "resample(how='mean') -> .resample(...).mean(), the old 'M' alias fixed in the same patch",
    'pandas-resample-how',
    'TypeError',
    "NDFrame.resample() got an unexpected keyword argument 'how'",
    "monthly = ts.resample('M', how='mean', closed='right')\n",
    "monthly = ts.resample('ME', closed='right').mean()\n"
  ],
  [
    'resample(how=<function>) -> .agg(<function>)',
    'pandas-resample-how',
    'TypeError',
    "NDFrame.resample() got an unexpected keyword argument 'how'",
    "weekly = df['sales'].resample('W', how=np.sum)\n",
    "weekly = df['sales'].resample('W').agg(np.sum)\n"
  ],
  [
    'resample with how= and fill_method=: aggregate, then fill',
    'pandas-resample-how',
    'TypeError',
    "NDFrame.resample() got an unexpected keyword argument 'how'",
    "daily = ts.resample('D', how='last', fill_method='pad', limit=2)\n",
    "daily = ts.resample('D').last().ffill(limit=2)\n"
  ],
  [
    "resample(fill_method='bfill') -> .bfill()",
    'pandas-resample-fill_method',
    'TypeError',
    "NDFrame.resample() got an unexpected keyword argument 'fill_method'",
    "daily = ts.resample('D', fill_method='bfill')\n",
    "daily = ts.resample('D').bfill()\n"
  ],
  [
    'concat(axis=1, join_axes=[index]) -> .reindex(index)',
    'pandas-concat-join_axes',
    'TypeError',
    "concat() got an unexpected keyword argument 'join_axes'",
    'import pandas as pd\nboth = pd.concat([a, b], axis=1, join_axes=[a.index])\n',
    'import pandas as pd\nboth = pd.concat([a, b], axis=1).reindex(a.index)\n'
  ],
  [
    'concat(join_axes=[columns]) along rows -> .reindex(columns=...)',
    'pandas-concat-join_axes',
    'TypeError',
    "concat() got an unexpected keyword argument 'join_axes'",
    'import pandas as pd\nrows = pd.concat([a, b], join_axes=[a.columns])\n',
    'import pandas as pd\nrows = pd.concat([a, b]).reindex(columns=a.columns)\n'
  ],
  [
    'GridSearchCV(fit_params=) -> fit(..., **fit_params) on the same object',
    'sklearn-search-fit_params',
    'TypeError',
    "GridSearchCV.__init__() got an unexpected keyword argument 'fit_params'",
    "gs = GridSearchCV(xgb, grid, cv=3, fit_params={'early_stopping_rounds': 10, 'eval_set': [(Xv, yv)]})\ngs.fit(X, y)\n",
    "gs = GridSearchCV(xgb, grid, cv=3)\ngs.fit(X, y, **{'early_stopping_rounds': 10, 'eval_set': [(Xv, yv)]})\n"
  ],
  [
    'an empty fit_params= is dropped wherever the fit is',
    'sklearn-search-fit_params',
    'TypeError',
    "RandomizedSearchCV.__init__() got an unexpected keyword argument 'fit_params'",
    'search = RandomizedSearchCV(model, dist, n_iter=5, fit_params={})\n',
    'search = RandomizedSearchCV(model, dist, n_iter=5)\n'
  ],
  [
    'stats.mode(a)[0][0] -> keepdims=True, the old shape',
    'scipy-stats-mode-keepdims',
    'IndexError',
    'invalid index to scalar variable.',
    "from scipy import stats\nm = stats.mode(df['Embarked'].values)\nfill = m[0][0]\nother = stats.mode(b, axis=None, keepdims=False)\n",
    "from scipy import stats\nm = stats.mode(df['Embarked'].values, keepdims=True)\nfill = m[0][0]\nother = stats.mode(b, axis=None, keepdims=False)\n"
  ],
  [
    "a groupby column renamed through a dict -> named aggregation",
    'pandas-agg-nested-renamer',
    'SpecificationError',
    'nested renamer is not supported',
    "import pandas as pd\nstats = df.groupby('shop')['sales'].agg({'total': 'sum', 'best': np.max})\n",
    "import pandas as pd\nstats = df.groupby('shop')['sales'].agg(**{'total': 'sum', 'best': np.max})\n"
  ],
  [
    'a nested dict per column -> one named aggregation per column, the same two-level columns',
    'pandas-agg-nested-renamer',
    'SpecificationError',
    'nested renamer is not supported',
    "import pandas as pd\nagg = bureau.groupby('SK_ID_CURR').agg({'DAYS': {'days_min': 'min', 'days_max': 'max'}, 'AMT': {'amt_mean': 'mean'}})\n",
    "import pandas as pd\nagg = pd.concat({'DAYS': bureau.groupby('SK_ID_CURR')['DAYS'].agg(**{'days_min': 'min', 'days_max': 'max'}), 'AMT': bureau.groupby('SK_ID_CURR')['AMT'].agg(**{'amt_mean': 'mean'})}, axis=1)\n"
  ],
  [
    "RFECV.grid_scores_ -> cv_results_['mean_test_score'], not the search helper",
    'sklearn-rfecv-grid_scores_',
    'AttributeError',
    "'RFECV' object has no attribute 'grid_scores_'",
    'plt.plot(range(1, len(rfecv.grid_scores_) + 1), rfecv.grid_scores_)\n',
    "plt.plot(range(1, len(rfecv.cv_results_['mean_test_score']) + 1), rfecv.cv_results_['mean_test_score'])\n"
  ]
];

describe('calling protocols that changed', () => {
  it.each(cases)('%s', (_what, id, ename, evalue, before, after) => {
    const proposal = engine.propose(before, error(ename, evalue));
    expect(proposal?.rules[0].id).toBe(id);
    expect(proposal?.source).toBe(after);
  });

  /** [what, ename, evalue, source no rule may rewrite] */
  const untouched: [string, string, string, string][] = [
    [
      'a splitter iterated here but built elsewhere: its data is unknown, nothing is proposed',
      'TypeError',
      "'KFold' object is not iterable",
      'for tr, te in kf:\n    model.fit(X[tr], y[tr])\n'
    ],
    ['today\'s LeavePOut(p)', 'TypeError', "'LeavePOut' object is not iterable", 'from sklearn.model_selection import LeavePOut\nlpo = LeavePOut(2)\n'],
    ['today\'s PredefinedSplit passed as cv=', 'TypeError', "'PredefinedSplit' object is not iterable", 'gs = GridSearchCV(model, grid, cv=PredefinedSplit(test_fold))\n'],
    ['fit_params= whose fit is in another cell', 'TypeError', "GridSearchCV.__init__() got an unexpected keyword argument 'fit_params'", 'gs = GridSearchCV(model, grid, fit_params=params)\n'],
    ['a mode() the cell does not call', 'IndexError', 'invalid index to scalar variable.', 'fill = m[0][0]\n'],
    ['a dict mixing renames and plain functions', 'SpecificationError', 'nested renamer is not supported', "r = df.groupby('k').agg({'a': {'a_mean': 'mean'}, 'b': 'sum'})\n"],
    ['a column-to-function dict of a frame groupby (valid today)', 'SpecificationError', 'nested renamer is not supported', "r = df.groupby('k').agg({'a': 'mean'})\nq = g.agg({'x': 'sum'})\n"],
    ['squeeze= given a variable', 'TypeError', "read_csv() got an unexpected keyword argument 'squeeze'", "import pandas as pd\ns = pd.read_csv('a.csv', squeeze=flag)\n"],
    ['an unknown how= name', 'TypeError', "NDFrame.resample() got an unexpected keyword argument 'how'", "r = ts.resample('M', how='weird')\n"],
    ['join_axes with a list the rule cannot read', 'TypeError', "concat() got an unexpected keyword argument 'join_axes'", 'import pandas as pd\nc = pd.concat([a, b], axis=1, join_axes=axes)\n'],
    ['a search grid_scores_ the RFECV row must not take', 'AttributeError', "'GridSearchCV' object has no attribute 'grid_scores_'", 'rfecv = 1\n']
  ];

  it.each(untouched)('leaves alone: %s', (_what, ename, evalue, source) => {
    expect(engine.propose(source, error(ename, evalue))).toBeNull();
  });

  it('picks the grid_scores_ rewrite from the class the cell builds, with no error (pre-flight)', () => {
    const findings = engine.scan(
      'from sklearn.feature_selection import RFECV\nrfecv = RFECV(estimator=svc, step=1, cv=5).fit(X, y)\nprint(rfecv.grid_scores_)\n'
    );
    const ids = findings.map(finding => finding.rule.id);
    expect(ids).toContain('sklearn-rfecv-grid_scores_');
    expect(ids).not.toContain('sklearn-grid_scores_');
  });

  it('reads the class from the earlier cell that built the object (pre-flight)', () => {
    const built = ['from sklearn.feature_selection import RFECV\n', 'rfecv = RFECV(estimator=svc, step=1, cv=5)\n', 'rfecv.fit(X, y)\n'];
    const ids = engine.scan('print(rfecv.grid_scores_)\n', importAliases(built)).map(finding => finding.rule.id);
    expect(ids).toContain('sklearn-rfecv-grid_scores_');
    expect(ids).not.toContain('sklearn-grid_scores_');
    // Rebound to something else in between: the class is not known, the default row is kept.
    const rebound = engine.scan('print(rfecv.grid_scores_)\n', importAliases([...built, 'rfecv = searches[0]\n'])).map(finding => finding.rule.id);
    expect(rebound).not.toContain('sklearn-rfecv-grid_scores_');
  });

  it('keeps the search helper for a search object the error names', () => {
    const proposal = engine.propose('print([s.mean_validation_score for s in grid.grid_scores_])\n', error('AttributeError', "'GridSearchCV' object has no attribute 'grid_scores_'"));
    expect(proposal?.rules[0].id).toBe('sklearn-grid_scores_');
    expect(proposal?.source).toContain('for s in _grid_scores(grid)]');
  });

  it('moves squeeze= in the same patch as the date_parser= fix of the same call', () => {
    const proposal = engine.propose(
      "import pandas as pd\nfrom datetime import datetime\ndef parser(s):\n    return datetime.strptime(s, '%Y-%m-%d')\ncatfish_sales = pd.read_csv('catfish.csv', parse_dates=[0], index_col=0, squeeze=True, date_parser=parser)\n",
      error('TypeError', "read_csv() got an unexpected keyword argument 'squeeze'")
    );
    expect(proposal?.rules.map(rule => rule.id)).toEqual(['pandas-read_csv-squeeze', 'pandas-read_csv-date_parser']);
    expect(proposal?.source).toContain(".squeeze('columns')\n");
    expect(proposal?.source).not.toMatch(/squeeze=|date_parser=/);
  });

  it('covers every old sklearn.cross_validation splitter', () => {
    expect(Object.keys(PROTOCOL_TABLES.splitters).sort()).toEqual(
      ['KFold', 'LabelKFold', 'LabelShuffleSplit', 'LeaveOneLabelOut', 'LeaveOneOut', 'LeavePLabelOut', 'LeavePOut', 'PredefinedSplit', 'ShuffleSplit', 'StratifiedKFold', 'StratifiedShuffleSplit'].sort()
    );
  });

  it('gives every rule a fact with library, version, message and source, quoting the mined fact where there is one', () => {
    for (const rule of protocolRules) {
      expect([rule.id, rule.fact.library.length > 0, rule.fact.version.length > 0, /^https:\/\//.test(rule.fact.source), rule.fact.message.includes(rule.fact.library)]).toEqual([rule.id, true, true, true, true]);
    }
    expect(engine.get('sklearn-cv-iterators-old-interface')!.fact.message).toContain('scikit-learn 0.18.2 said: "This module was deprecated');
    expect(engine.get('sklearn-rfecv-grid_scores_')!.fact.message).toContain('scikit-learn 1.0.2 said:');
  });
});
