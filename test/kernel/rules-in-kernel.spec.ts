/**
 * The commonest rules, end to end in the real kernel of the project venv
 * (pandas 3, numpy 2, scikit-learn 1.9, matplotlib 3.11, seaborn 0.13,
 * xgboost 3, lightgbm 4, scipy 1.17): the 2016-2019 code fails, the error
 * picks the rule, the rewrite runs and (where cheap) prints what the old
 * code meant to print. Silent behaviour changes run without error: the old
 * code is shown to have no effect, the pre-flight rewrite to have it.
 *
 * Every case starts from a clean namespace (`%reset -f`) and its setup, and
 * the fixed code runs again on a fresh setup, so a half-run old cell cannot
 * make the fix look good.
 */
import { PythonSource } from '../../src/core/python/syntax';
import { engine, kernelCases, stdout } from '../helpers/rulecases';
import type { IFailingCase } from '../helpers/rulecases';

interface ISilentCase {
  ruleId: string;
  setup?: string;
  /** Code that runs today but does not do what it did. */
  old: string;
  /** What the old code prints today (its effect is lost). */
  oldPrints: string;
  /** What the rewrite prints (the effect is back). */
  fixedPrints: string;
}

interface IDeprecatedCase {
  ruleId: string;
  setup?: string;
  /** Code that still runs today with a deprecation warning. */
  old: string;
  /** The warning the old code writes to stderr, gone after the rewrite. */
  warning: string;
}

const NP = 'import numpy as np\n';
const PD = 'import numpy as np\nimport pandas as pd\n';
const FRAME = PD + "df = pd.DataFrame({'a': [3.0, 1.0, 2.0], 'b': ['x', 'y', 'x']})\n";
/** A frame with a text column besides the group key: what trips numeric_only. */
const MIXED = PD + "df = pd.DataFrame({'g': ['u', 'v', 'u', 'v'], 'name': ['p', 'q', 'r', 's'], 'a': [1.0, 2.0, 3.0, 4.0], 'c': [2.0, 4.0, 6.0, 9.0]})\n";
const IRIS = NP + 'from sklearn.datasets import load_iris\nX, y = load_iris(return_X_y=True)\n';
const BINARY =
  NP +
  'from sklearn.datasets import load_breast_cancer\n' +
  'from sklearn.model_selection import train_test_split\n' +
  'X, y = load_breast_cancer(return_X_y=True)\n' +
  'X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.25, random_state=0)\n';
const PLOT = "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n";
const SNS = PLOT + PD + 'import seaborn as sns\n' + "df = pd.DataFrame({'g': ['x', 'y', 'x', 'y', 'x', 'y'], 'a': [1.0, 2.0, 3.0, 4.0, 2.5, 3.5]})\n";

/** Rules in numpy.ts, pandas.ts, scipy.ts, statsmodels.ts, matplotlib.ts and seaborn.ts. */
const failing: IFailingCase[] = [
  // numpy 2.0 removed aliases and constants
  { ruleId: 'numpy-alias-float', setup: NP, old: 'x = np.array([1, 2], dtype=np.float)\nprint(x.dtype)\n', prints: 'float64' },
  { ruleId: 'numpy-alias-int', setup: NP, old: 'print(np.int(3.7))\n', prints: '3' },
  { ruleId: 'numpy-alias-object', setup: FRAME, old: "df['a'] = df['a'].astype(np.object)\nprint(df['a'].dtype)\n", prints: 'object' },
  { ruleId: 'kb:numpy:attribute-renamed:numpy.NaN', setup: NP, old: 'a = np.array([1.0, np.NaN, 3.0])\nprint(int(np.isnan(a).sum()))\n', prints: '1' },
  { ruleId: 'kb:numpy:attribute-renamed:numpy.float_', setup: NP, old: 'print(np.float_(2).dtype)\n', prints: 'float64' },
  // pandas 1.0 / 2.0 / 3.0 removals and signature changes
  { ruleId: 'pandas-append', setup: FRAME, old: "df = df.append({'a': 4.0, 'b': 'z'}, ignore_index=True)\nprint(len(df), df['b'].iloc[-1])\n", prints: '4 z' },
  { ruleId: 'pandas-ix', setup: FRAME, old: "print(df.ix[1, 'a'])\n", prints: '1.0' },
  {
    ruleId: 'pandas-ix',
    setup: PD + "ts = pd.Series([5.0, 6.0], index=pd.to_datetime(['1949-01-01', '1949-02-01']))\nn = pd.Series([5.0, 6.0], index=[10, 0])\n",
    old: 'print(ts.ix[0], n.ix[0])\n',
    prints: '5.0 6.0'
  },
  { ruleId: 'pandas-as_matrix', setup: FRAME, old: "X = df[['a']].as_matrix()\nprint(X.shape)\n", prints: '(3, 1)' },
  { ruleId: 'pandas-applymap', setup: FRAME, old: "doubled = df[['a']].applymap(lambda v: v * 2)\nprint(doubled['a'].sum())\n", prints: '12.0' },
  { ruleId: 'pandas-get_value-set_value', setup: FRAME, old: "print(df.get_value(2, 'a'))\n", prints: '2.0' },
  { ruleId: 'pandas-sort', setup: FRAME, old: "df = df.sort('a', ascending=False)\nprint(df['a'].tolist())\n", prints: '[3.0, 2.0, 1.0]' },
  { ruleId: 'pandas-fillna-method', setup: PD, old: "s = pd.Series([1.0, None, 3.0]).fillna(method='ffill')\nprint(s.tolist())\n", prints: '[1.0, 1.0, 3.0]' },
  { ruleId: 'pandas-positional-args-keyword-only', setup: FRAME, old: "print(df.drop('b', 1).columns.tolist())\n", prints: "['a']" },
  { ruleId: 'pandas-positional-args-keyword-only', setup: FRAME, old: 'both = pd.concat([df, df], 1)\nprint(both.shape)\n', prints: '(3, 4)' },
  {
    ruleId: 'pandas-read_csv-bad_lines',
    setup: PD + 'import io\n',
    old: "data = pd.read_csv(io.StringIO('a,b\\n1,2\\n3,4,5\\n6,7\\n'), error_bad_lines=False)\nprint(len(data))\n",
    prints: '2'
  },
  {
    ruleId: 'pandas-offset-aliases',
    setup: PD + "s = pd.Series(range(60), index=pd.date_range('2017-01-01', periods=60, freq='D'))\n",
    old: "monthly = s.resample('M').sum()\nprint(monthly.tolist())\n",
    prints: '[465, 1246, 59]'
  },
  { ruleId: 'pandas-frame-reductions-numeric_only', setup: MIXED, old: "print(df.mean()['c'])\n", prints: '5.25' },
  { ruleId: 'pandas-frame-reductions-numeric_only', setup: MIXED, old: "print(round(df.corr().loc['a', 'c'], 3))\n", prints: '0.99' },
  { ruleId: 'pandas-groupby-numeric_only', setup: MIXED, old: "print(df.groupby('g').mean()['c'].tolist())\n", prints: '[4.0, 6.5]' },
  // scipy
  { ruleId: 'scipy-misc-comb-factorial', old: 'from scipy.misc import comb\nprint(comb(5, 2))\n', prints: '10.0' },
  // matplotlib 3.6 / 3.8
  { ruleId: 'mpl-style-seaborn', setup: PLOT, old: "plt.style.use('seaborn-whitegrid')\nprint('styled')\n", prints: 'styled' },
  { ruleId: 'mpl-hist-normed', setup: PLOT + NP, old: "counts, edges, _ = plt.hist(np.arange(10.0), bins=5, normed=True)\nprint(round(float((counts * np.diff(edges)).sum()), 6))\nplt.close('all')\n", prints: '1.0' },
  // seaborn 0.12 removals, renames and keyword-only data
  { ruleId: 'seaborn-factorplot', setup: SNS, old: "g = sns.factorplot(x='g', y='a', data=df, kind='bar', size=3)\nprint(type(g).__name__)\nplt.close('all')\n", prints: 'FacetGrid' },
  { ruleId: 'seaborn-size-height', setup: SNS, old: "g = sns.FacetGrid(df, col='g', size=3)\nprint(g.axes.shape)\nplt.close('all')\n", prints: '(1, 2)' },
  { ruleId: 'seaborn-size-height', setup: SNS, old: "g = sns.lmplot(x='a', y='a', data=df, size=3)\nprint(type(g).__name__)\nplt.close('all')\n", prints: 'FacetGrid' },
  { ruleId: 'seaborn-keyword-only', setup: SNS, old: "ax = sns.barplot(df['g'], df['a'])\nprint(len(ax.patches))\nplt.close('all')\n", prints: '2' },
  // pandas dates and plotting helpers
  {
    ruleId: 'pandas-read_csv-date_parser',
    setup: PD + 'import io\n',
    old: "dateparse = lambda d: pd.datetime.strptime(d, '%Y-%m')\ndata = pd.read_csv(io.StringIO('Month,n\\n1949-01,112\\n1949-02,118\\n'), parse_dates=['Month'], index_col='Month', date_parser=dateparse)\nprint(data.index[1].month, data.index.dtype.kind)\n",
    prints: '2 M'
  },
  {
    // The parser is defined in an earlier cell (the setup), the usual notebook layout.
    ruleId: 'pandas-read_csv-date_parser',
    setup: PD + "import io\nfrom datetime import datetime\ndef parser(s):\n    return datetime.strptime(s, '%Y-%m-%d')\n",
    old: "data = pd.read_csv(io.StringIO('Date,n\\n2000-01-01,112\\n2000-02-01,118\\n'), parse_dates=[0], index_col=0, date_parser=parser)\nprint(data.index[1].month, data.index.dtype.kind)\n",
    prints: '2 M'
  },
  {
    ruleId: 'pandas-read_csv-parse_dates-string',
    setup: PD + 'import io\n',
    old: "data = pd.read_csv(io.StringIO('Month,n\\n1949-01,112\\n'), parse_dates='Month', index_col='Month')\nprint(data.index.year[0])\n",
    prints: '1949'
  },
  {
    ruleId: 'pandas-to_datetime-consistent-format',
    setup: PD,
    old: "d = pd.to_datetime(pd.Series(['03/10/2004', '03/13/2004', '13/03/2004']))\nprint(d.dt.day.tolist())\n",
    prints: '[10, 13, 13]'
  },
  // PyTorch 2.6 torch.load(weights_only=True) default: a whole module the notebook saved
  {
    ruleId: 'torch-load-weights_only',
    setup: "import os, tempfile\nimport torch\npath = os.path.join(tempfile.mkdtemp(), 'net.pkl')\ntorch.save(torch.nn.Sequential(torch.nn.Linear(2, 1)), path)\n",
    old: 'net2 = torch.load(path)\nprint(type(net2[0]).__name__, net2[0].in_features)\n',
    prints: 'Linear 2'
  },
  { ruleId: 'pandas-tools-plotting', setup: PLOT, old: 'from pandas.tools.plotting import scatter_matrix\nprint(scatter_matrix.__name__)\n', prints: 'scatter_matrix' },
  { ruleId: 'pandas-plotting-toplevel', setup: PLOT + FRAME, old: "axes = pd.scatter_matrix(df[['a']])\nprint(axes.shape)\nplt.close('all')\n", prints: '(1, 1)' },
  {
    ruleId: 'mpl-rotation-numeric-string',
    setup: PLOT,
    old: "plt.figure()\nplt.plot(range(3))\nplt.xticks(rotation='60')\nprint(plt.gca().get_xticklabels()[0].get_rotation())\nplt.close('all')\n",
    prints: '60.0'
  },
  // numpy 2.4 size-1 arrays; scikit-learn 0.19 1-D inputs
  { ruleId: 'numpy-array-to-scalar', setup: NP, old: 'a = np.array([2.5])\nprint(float(a) * 2)\n', prints: '5.0' },
  {
    ruleId: 'sklearn-1d-input-as-sample',
    setup: NP + 'from sklearn.linear_model import LinearRegression\nlin = LinearRegression().fit([[1.0], [2.0]], [2.0, 4.0])\n',
    old: 'x = np.float64(3.0)\nprint(round(float(lin.predict(x)[0]), 3))\n',
    prints: '6.0'
  },
  // matplotlib 3.5 tick label count
  {
    ruleId: 'mpl-ticklabels-count-mismatch',
    setup: PLOT,
    old: "plt.figure()\nplt.plot(range(9))\nplt.xticks(range(9), list('abcdefgh'), rotation=90)\nprint(len(plt.gca().get_xticklabels()))\nplt.close('all')\n",
    prints: '9'
  },
  // statsmodels 0.13 ARIMA
  {
    ruleId: 'statsmodels-arima_model-removed',
    setup: NP + 'y = np.sin(np.arange(60) / 3.0) + np.arange(60) / 30.0\n',
    old: 'from statsmodels.tsa.arima_model import ARIMA\nres = ARIMA(y, order=(1, 0, 0)).fit()\nprint(len(res.params))\n',
    prints: '3'
  },
  {
    // ARMA imported by an earlier cell: the old module still imports, the call fails.
    ruleId: 'statsmodels-arima_model-removed',
    setup: NP + 'from statsmodels.tsa.arima_model import ARMA\ny = np.sin(np.arange(60) / 3.0) + np.arange(60) / 30.0\n',
    old: 'res = ARMA(y, order=(1, 0)).fit()\nprint(len(res.params))\n',
    prints: '3'
  },
  {
    ruleId: 'statsmodels-arima-fit-arguments',
    setup: PD + 'from statsmodels.tsa.arima.model import ARIMA\ny = pd.Series(np.sin(np.arange(60) / 3.0) + np.arange(60) / 30.0)\n',
    // The old ARIMA(2, 1, 0) fitted the differences: 59 fitted values near 0, not levels.
    old: 'model = ARIMA(y, order=(2, 1, 0))\nresults_AR = model.fit(disp=-1)\nprint(len(results_AR.fittedvalues), abs(results_AR.fittedvalues.mean()) < 0.2)\n',
    prints: '59 True'
  }
];

/** Rules in sklearn.ts, xgboost.ts, lightgbm.ts and python2.ts. */
const failingOtherOwners: IFailingCase[] = [
  // scikit-learn 0.20-1.4
  {
    ruleId: 'sklearn-cross_validation-module',
    setup: IRIS,
    old: 'from sklearn.cross_validation import train_test_split\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)\nprint(len(X_train), len(X_test))\n',
    prints: '120 30'
  },
  {
    ruleId: 'sklearn-grid_search-module',
    setup: IRIS,
    old: "from sklearn.grid_search import GridSearchCV\nfrom sklearn.tree import DecisionTreeClassifier\nsearch = GridSearchCV(DecisionTreeClassifier(random_state=0), {'max_depth': [1, 2]}, cv=3)\nsearch.fit(X, y)\nprint(search.best_params_)\n",
    prints: "{'max_depth': 2}"
  },
  {
    ruleId: 'sklearn-Imputer',
    setup: NP,
    old: "from sklearn.preprocessing import Imputer\nimp = Imputer(missing_values='NaN', strategy='mean', axis=0)\nprint(imp.fit_transform([[1.0], [np.nan], [3.0]]).ravel().tolist())\n",
    prints: '[1.0, 2.0, 3.0]'
  },
  {
    ruleId: 'sklearn-OneHotEncoder-sparse',
    setup: NP,
    old: "from sklearn.preprocessing import OneHotEncoder\nenc = OneHotEncoder(sparse=False)\nprint(enc.fit_transform([['a'], ['b'], ['a']]).tolist())\n",
    prints: '[[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]'
  },
  {
    ruleId: 'sklearn-get_feature_names',
    setup: 'from sklearn.feature_extraction.text import CountVectorizer\n',
    old: "vec = CountVectorizer().fit(['red apple', 'green apple'])\nprint(list(vec.get_feature_names()))\n",
    prints: "['apple', 'green', 'red']"
  },
  {
    ruleId: 'sklearn-max_features-auto',
    setup: IRIS,
    old: "from sklearn.ensemble import RandomForestClassifier\nclf = RandomForestClassifier(n_estimators=5, max_features='auto', random_state=0).fit(X, y)\nprint(clf.max_features)\n",
    prints: 'sqrt'
  },
  {
    ruleId: 'sklearn-keyword-only-args',
    setup: IRIS,
    old: 'from sklearn.model_selection import KFold\nkf = KFold(5, True, 42)\nprint(kf.get_n_splits(X), kf.shuffle, kf.random_state)\n',
    prints: '5 True 42'
  },
  {
    ruleId: 'sklearn-externals-joblib',
    old: "from sklearn.externals import joblib\nprint(joblib.hash([1, 2]) == joblib.hash([1, 2]))\n",
    prints: 'True'
  },
  // xgboost 2.0 / lightgbm 4.0: early stopping moved out of fit / train
  {
    ruleId: 'xgboost-fit-early_stopping_rounds',
    setup: BINARY + 'from xgboost import XGBClassifier\n',
    old: 'model = XGBClassifier(n_estimators=20, max_depth=2)\nmodel.fit(X_train, y_train, eval_set=[(X_valid, y_valid)], early_stopping_rounds=3, verbose=False)\nprint(model.best_iteration >= 0)\n',
    prints: 'True'
  },
  {
    ruleId: 'lightgbm-sklearn-fit-early_stopping',
    setup: BINARY + 'import lightgbm as lgb\n',
    old: 'model = lgb.LGBMClassifier(n_estimators=20, num_leaves=7, verbose=-1)\nmodel.fit(X_train, y_train, eval_set=[(X_valid, y_valid)], early_stopping_rounds=3)\nprint(model.best_iteration_ > 0)\n',
    prints: 'True'
  },
  {
    ruleId: 'lightgbm-train-early_stopping_rounds',
    setup: BINARY + 'import lightgbm as lgb\n',
    old: "dtrain = lgb.Dataset(X_train, y_train)\ndvalid = lgb.Dataset(X_valid, y_valid)\nparams = {'objective': 'binary', 'num_leaves': 7, 'verbose': -1}\nbooster = lgb.train(params, dtrain, 20, valid_sets=[dvalid], early_stopping_rounds=3)\nprint(booster.best_iteration > 0)\n",
    prints: 'True'
  },
  // Python 2 leftovers
  { ruleId: 'py2-print-statement', old: 'print "hello"\n', prints: 'hello' },
  { ruleId: 'py2-print-statement', setup: FRAME, old: 'print "rows:", len(df)\n', prints: 'rows: 3' },
  { ruleId: 'py2-print-statement', setup: FRAME, old: 'print "rows:", len(df), "cols:", len(df.columns)\n', prints: 'rows: 3 cols: 2' },
  { ruleId: 'py2-except-comma', old: "try:\n    int('x')\nexcept ValueError, e:\n    print('bad', type(e).__name__)\n", prints: 'bad ValueError' },
  { ruleId: 'py2-xrange', old: 'total = 0\nfor i in xrange(5):\n    total += i\nprint(total)\n', prints: '10' },
  { ruleId: 'py2-dict-iteritems', old: "counts = {'a': 1}\nfor k, v in counts.iteritems():\n    print(k, v)\n", prints: 'a 1' },
  { ruleId: 'py2-dict-has_key', old: "counts = {'a': 1}\nprint(counts.has_key('a'))\n", prints: 'True' }
];

/**
 * Cases that fail because of a rule in a file being edited elsewhere (see
 * each comment); the assertions are the same as above.
 */
const blocked: IFailingCase[] = [
  // The error is right and the rewrite (`.items()`) runs, but py2-dict-iteritems
  // (python2.ts, first in priority) triggers on any object's missing
  // 'iteritems', so the user is shown the Python 2 fact, not pandas 2.0's.
  { ruleId: 'pandas-iteritems', setup: FRAME, old: 'for name, column in df.iteritems():\n    print(name, len(column))\n', prints: 'b 3' },
];

const silent: ISilentCase[] = [
  {
    ruleId: 'pandas-cow-inplace-on-column',
    setup: PD + "df = pd.DataFrame({'a': [1.0, None, 3.0]})\n",
    old: "df['a'].fillna(0, inplace=True)\nprint('missing', df['a'].isna().sum())\n",
    oldPrints: 'missing 1',
    fixedPrints: 'missing 0'
  },
  {
    ruleId: 'pandas-cow-inplace-on-column',
    setup: PD + "df = pd.DataFrame({'sex': ['male', 'female', 'male']})\n",
    old: "df['sex'].replace({'male': 0, 'female': 1}, inplace=True)\nprint(df['sex'].tolist())\n",
    oldPrints: "['male', 'female', 'male']",
    fixedPrints: '[0, 1, 0]'
  },
  {
    ruleId: 'pandas-cow-chained-assignment',
    setup: PD + "df = pd.DataFrame({'a': [1, 5, 9]})\n",
    old: "df['a'][df['a'] > 4] = 0\nprint(df['a'].tolist())\n",
    oldPrints: '[1, 5, 9]',
    fixedPrints: '[1, 0, 0]'
  },
  {
    ruleId: 'pandas-replace-downcast',
    setup: PD + "df = pd.DataFrame({'g': ['Female', 'Male', 'Male']})\n",
    old: "df['g'] = df['g'].replace({'Female': 1, 'Male': 0})\nprint('dtype', df['g'].dtype)\n",
    oldPrints: 'dtype object',
    fixedPrints: 'dtype int64'
  },
  {
    ruleId: 'pandas-str-dtype-object-check',
    setup: FRAME,
    old: "text = [c for c in df.columns if df[c].dtype == 'object']\nprint(text)\n",
    oldPrints: '[]',
    fixedPrints: "['b']"
  }
];

const deprecated: IDeprecatedCase[] = [
  // seaborn 0.13 still has distplot, with a warning; 0.14 removes it.
  { ruleId: 'seaborn-distplot', setup: SNS, old: "ax = sns.distplot(df['a'])\nplt.close('all')\n", warning: '`distplot` is a deprecated function' },
  // pairplot still takes size= with a warning (FacetGrid / lmplot fail: see above).
  { ruleId: 'seaborn-size-height', setup: SNS, old: "g = sns.pairplot(df, size=2)\nplt.close('all')\n", warning: 'renamed to `height`' }
];

describe('rules in the real kernel', () => {
  const { fresh, run, failsThenRuns } = kernelCases();

  describe('old code fails, the error picks the rule, the rewrite runs', () => {
    it.each(failing.map(c => [c.ruleId, c]))('%s', async (_, testCase) => {
      await failsThenRuns(testCase as IFailingCase);
    });
  });

  describe('silent behaviour changes: no error, the effect is lost; the scan rewrite restores it', () => {
    it.each(silent.map(c => [c.ruleId, c]))('%s', async (_, testCase) => {
      const { ruleId, setup, old, oldPrints, fixedPrints } = testCase as ISilentCase;
      await fresh(setup);
      const before = await run(old);
      expect(before.status).toBe('ok');
      expect(stdout(before)).toContain(oldPrints);
      const finding = engine.scan(old, new PythonSource(setup ?? '').imports).find(f => f.rule.id === ruleId);
      expect(finding).toBeDefined();
      await fresh(setup);
      const after = await run(finding!.source);
      expect(after.error).toBeUndefined();
      expect(after.status).toBe('ok');
      expect(stdout(after)).toContain(fixedPrints);
    });
  });

  describe('deprecated calls: they still run with a warning; the scan rewrite runs without it', () => {
    it.each(deprecated.map(c => [c.ruleId, c]))('%s', async (_, testCase) => {
      const { ruleId, setup, old, warning } = testCase as IDeprecatedCase;
      await fresh(setup);
      const before = await run(old);
      expect(before.status).toBe('ok');
      expect(before.stderr).toContain(warning);
      const finding = engine.scan(old, new PythonSource(setup ?? '').imports).find(f => f.rule.id === ruleId);
      expect(finding).toBeDefined();
      await fresh(setup);
      const after = await run(finding!.source);
      expect(after.error).toBeUndefined();
      expect(after.status).toBe('ok');
      expect(after.stderr).not.toContain(warning);
    });
  });

  describe('sklearn, xgboost, lightgbm and Python 2 rules', () => {
    it.each(failingOtherOwners.map(c => [c.ruleId, c]))('%s', async (_, testCase) => {
      await failsThenRuns(testCase as IFailingCase);
    });
  });

  describe('blocked on rules in files edited elsewhere', () => {
    it.each(blocked.map(c => [c.ruleId, c]))('%s', async (_, testCase) => {
      await failsThenRuns(testCase as IFailingCase);
    });
  });
});
