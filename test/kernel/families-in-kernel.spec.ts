/**
 * The rule families end to end in the real kernel of the project venv: the
 * old code fails today, its error picks the mined fact (through the family,
 * with no hand rule in the engine), the rewrite runs. The facts are the
 * fixture base's (test/helpers/kbfixture.ts): real changes of today's stack,
 * written in the miner's schema.
 */
import { RuleEngine, allFamilies } from '../../src/core/rules';
import { kbFamilies } from '../../src/core/rules/families';
import { KnowledgeBase } from '../../src/core/rules/kb';
import { FIXTURE_KB } from '../helpers/kbfixture';
import { kernelCases } from '../helpers/rulecases';
import type { IFailingCase } from '../helpers/rulecases';

const families = new RuleEngine([], kbFamilies(new KnowledgeBase(FIXTURE_KB)));

const NP = 'import numpy as np\n';
const PD = 'import numpy as np\nimport pandas as pd\n';
const FRAME = PD + "df = pd.DataFrame({'a': [3.0, 1.0, 2.0], 'b': [1.0, 2.0, 4.0]})\n";
const XY = NP + 'from sklearn.datasets import load_iris\nX, y = load_iris(return_X_y=True)\n';
const PLOT = "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n";

const failing: (IFailingCase & { shape: string })[] = [
  { shape: 'module attribute through an alias', ruleId: 'kb:numpy:attribute-renamed:numpy.product', setup: NP, old: 'print(np.product([2, 3]))\n', prints: '6' },
  { shape: 'from-import without alias', ruleId: 'kb:numpy:attribute-renamed:numpy.product', old: 'from numpy import product\nprint(product([2, 3]))\n', prints: '6' },
  { shape: 'from-import-as', ruleId: 'kb:numpy:attribute-renamed:numpy.product', old: 'from numpy import product as prd\nprint(prd([2, 4]))\n', prints: '8' },
  { shape: 'method on an instance', ruleId: 'kb:pandas:attribute-renamed:pandas.DataFrame.as_matrix', setup: FRAME, old: "print(df[['a']].as_matrix().shape)\n", prints: '(3, 1)' },
  { shape: 'name moved into a submodule', ruleId: 'kb:pandas:attribute-renamed:pandas.scatter_matrix', setup: PLOT + FRAME, old: 'axes = pd.scatter_matrix(df)\nprint(axes.shape)\n', prints: '(2, 2)' },
  { shape: 'name moved to another module', ruleId: 'kb:scipy:name-moved:scipy.misc.logsumexp', old: 'import scipy.misc\nprint(round(float(scipy.misc.logsumexp([0.0, 0.0])), 3))\n', prints: '0.693' },
  { shape: 'keyword rename of a function', ruleId: 'kb:numpy:keyword-renamed:numpy.percentile:interpolation', setup: NP, old: "print(np.percentile([1, 2, 3, 4], 50, interpolation='lower'))\n", prints: '2' },
  { shape: 'keyword rename of an inherited method', ruleId: 'kb:pandas:keyword-renamed:pandas.DataFrame.to_csv:line_terminator', setup: FRAME, old: "print(repr(df.to_csv(index=False, line_terminator='\\n')[:3]))\n", prints: "'a,b'" },
  { shape: 'keyword rename of a constructor', ruleId: 'kb:scikit-learn:keyword-renamed:sklearn.manifold.TSNE:n_iter', old: 'from sklearn.manifold import TSNE\nprint(TSNE(n_components=2, n_iter=300).max_iter)\n', prints: '300' },
  { shape: 'keyword removal that had no effect', ruleId: 'kb:scikit-learn:keyword-removed:sklearn.linear_model.LogisticRegression:multi_class', setup: XY, old: "from sklearn.linear_model import LogisticRegression\nclf = LogisticRegression(multi_class='auto', max_iter=500).fit(X, y)\nprint(clf.classes_)\n", prints: '[0 1 2]' },
  { shape: 'import path', ruleId: 'kb:scikit-learn:module-moved:sklearn.cross_validation', setup: XY, old: 'from sklearn.cross_validation import train_test_split\nXa, Xb, ya, yb = train_test_split(X, y, test_size=0.2, random_state=0)\nprint(len(Xa), len(Xb))\n', prints: '120 30' },
  { shape: 'module imported as a name', ruleId: 'kb:scikit-learn:module-moved:sklearn.cross_validation', setup: XY, old: 'from sklearn import cross_validation\nprint(cross_validation.KFold(3).get_n_splits())\n', prints: '3' },
  { shape: 'module that left its package', ruleId: 'kb:scikit-learn:module-moved:sklearn.externals.joblib', old: 'from sklearn.externals import joblib\nprint(joblib.hash(1)[:4] == joblib.hash(1)[:4])\n', prints: 'True' },
  { shape: 'pandas option key', ruleId: 'kb:pandas:option-renamed:pandas:display.line_width', setup: PD, old: "pd.set_option('display.line_width', 120)\nprint(pd.get_option('display.width'))\n", prints: '120' },
  { shape: 'matplotlib rcParams key', ruleId: 'kb:matplotlib:option-renamed:matplotlib:mathtext.fallback_to_cm', setup: PLOT, old: "plt.rcParams['mathtext.fallback_to_cm'] = 'cm'\nprint(plt.rcParams['mathtext.fallback'])\n", prints: 'cm' },
  { shape: 'renamed keyword value', ruleId: "kb:scikit-learn:value-renamed:sklearn.tree.DecisionTreeRegressor:criterion:'mse'", setup: XY, old: "from sklearn.tree import DecisionTreeRegressor\ntree = DecisionTreeRegressor(criterion='mse', max_depth=2).fit(X, y)\nprint(tree.get_depth())\n", prints: '2' }
];

/** Facts of the committed base (src/core/rules/kb/facts.json), as the miner wrote them. */
const mined: (IFailingCase & { shape: string })[] = [
  { shape: 'NumPy 2 expired attribute', ruleId: 'kb:numpy:attribute-renamed:numpy.NaN', setup: NP, old: 'a = np.array([1.0, np.NaN])\nprint(int(np.isnan(a).sum()))\n', prints: '1' },
  { shape: 'NumPy function renamed', ruleId: 'kb:numpy:attribute-renamed:numpy.trapz', setup: NP, old: 'print(np.trapz([1.0, 1.0], [0.0, 2.0]))\n', prints: '2.0' },
  { shape: 'pandas class removed for its base', ruleId: 'kb:pandas:attribute-renamed:pandas.TimeSeries', setup: PD, old: "y = pd.TimeSeries([1.0, 2.0], index=pd.to_datetime(['1980-01-31', '1980-02-29']))\nprint(len(y))\n", prints: '2' },
  { shape: 'pandas method renamed', ruleId: 'kb:pandas:attribute-renamed:pandas.Series.valid', setup: PD, old: 's = pd.Series([1.0, None, 3.0])\nprint(len(s.valid()))\n', prints: '2' },
  { shape: 'pandas method become a property', ruleId: 'kb:pandas:attribute-renamed:pandas.DataFrame.as_matrix', setup: FRAME, old: "print(df[['a']].as_matrix().shape)\n", prints: '(3, 1)' },
  { shape: 'pandas keyword of an inherited method', ruleId: 'kb:pandas:keyword-renamed:pandas.DataFrame.to_csv:line_terminator', setup: FRAME, old: "print(repr(df.to_csv(index=False, line_terminator='\\n')[:3]))\n", prints: "'a,b'" },
  { shape: 'pandas option', ruleId: 'kb:pandas:option-renamed:pandas:display.line_width', setup: PD, old: "pd.set_option('display.line_width', 120)\nprint(pd.get_option('display.width'))\n", prints: '120' },
  { shape: 'scikit-learn class moved', ruleId: 'kb:scikit-learn:attribute-renamed:sklearn.preprocessing.Imputer', setup: NP, old: "from sklearn.preprocessing import Imputer\nprint(Imputer(strategy='mean').fit_transform(np.array([[1.0], [np.nan], [3.0]])).ravel())\n", prints: '[1. 2. 3.]' },
  { shape: 'scikit-learn module moved', ruleId: 'kb:scikit-learn:module-moved:sklearn.grid_search', setup: XY, old: "from sklearn.grid_search import GridSearchCV\nfrom sklearn.tree import DecisionTreeClassifier\nsearch = GridSearchCV(DecisionTreeClassifier(random_state=0), {'max_depth': [1, 2]}, cv=3).fit(X, y)\nprint(search.best_params_)\n", prints: "{'max_depth': 2}" },
  { shape: 'scikit-learn method renamed', ruleId: 'kb:scikit-learn:attribute-renamed:sklearn.feature_extraction.text.CountVectorizer.get_feature_names', old: "from sklearn.feature_extraction.text import CountVectorizer\nvec = CountVectorizer().fit(['red apple', 'green apple'])\nprint(list(vec.get_feature_names()))\n", prints: "['apple', 'green', 'red']" }
];

describe('rule families in the real kernel', () => {
  const { fresh, run, failsThenRuns } = kernelCases(families);

  describe('old code fails, the mined fact fires, the rewrite runs', () => {
    it.each(failing.map(testCase => [testCase.shape, testCase] as const))('%s', async (_shape, testCase) => {
      await failsThenRuns(testCase);
    });
  });

  describe('the committed base: old code fails, the mined fact fires, the rewrite runs', () => {
    const { failsThenRuns: minedFailsThenRuns } = kernelCases(new RuleEngine([], allFamilies));
    it.each(mined.map(testCase => [testCase.shape, testCase] as const))('%s', async (_shape, testCase) => {
      await minedFailsThenRuns(testCase);
    });
  });

  describe('no safe rewrite: the library’s own words', () => {
    it.each([
      ['an unvalidated rename', PD + 's = pd.Series([1.0, None])\n', 'print(len(s.valid()))\n', 'pandas 0.23.0 said: "Method .valid'],
      ['a removed option', PD, "pd.set_option('display.height', 50)\n", 'pandas 0.15.0 said: "display.height has been deprecated, use display.max_rows instead"'],
      ['a removed keyword that changes results', XY, 'from sklearn.ensemble import RandomForestClassifier\nRandomForestClassifier(min_impurity_split=0.1).fit(X, y)\n', 'Use the min_impurity_decrease parameter instead.']
    ])('%s', async (_name, setup, old, quoted) => {
      await fresh(setup);
      const result = await run(old);
      expect(result.status).toBe('error');
      expect(families.propose(old, result.error!)).toBeNull();
      expect(families.advise(old, result.error!)?.fact.message).toContain(quoted);
    });
  });
});
