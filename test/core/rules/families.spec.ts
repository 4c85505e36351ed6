import { diagnose } from '../../../src/core/diagnosis/diagnose';
import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';
import { kbFamilies } from '../../../src/core/rules/families';
import { KnowledgeBase, sharedKnowledgeBase } from '../../../src/core/rules/kb';
import type { IKbFile } from '../../../src/core/rules/kb';
import committed from '../../../src/core/rules/kb/facts.json';
import { FIXTURE_KB } from '../../helpers/kbfixture';

const kb = new KnowledgeBase(FIXTURE_KB);
/** The families alone: what they do without any hand rule. */
const families = new RuleEngine([], kbFamilies(kb));
/** Hand rules and families together, as the product runs them. */
const both = new RuleEngine(allRules, kbFamilies(kb));

const error = (ename: string, evalue: string, traceback: string[] = []) => ({ ename, evalue, traceback });
const NP = 'import numpy as np\n';
const PD = 'import pandas as pd\n';

function propose(engine: RuleEngine, code: string, ename: string, evalue: string, traceback: string[] = []) {
  const proposal = engine.propose(code, error(ename, evalue, traceback));
  return proposal && { ids: proposal.rules.map(rule => rule.id), source: proposal.source };
}

describe('rule families', () => {
  describe('#propose() rewrites validated facts on the syntax tree', () => {
    it.each([
      [
        'module attribute through an alias',
        'numpy:attribute-renamed:numpy.product',
        NP + 'n = np.product(shape)\n',
        'AttributeError',
        "module 'numpy' has no attribute 'product'",
        NP + 'n = np.prod(shape)\n'
      ],
      [
        'module attribute through the plain module name',
        'numpy:attribute-renamed:numpy.product',
        'import numpy\nn = numpy.product(shape)\n',
        'AttributeError',
        "module 'numpy' has no attribute 'product'",
        'import numpy\nn = numpy.prod(shape)\n'
      ],
      [
        'from-import-as keeps the local name',
        'numpy:attribute-renamed:numpy.product',
        'from numpy import product as prd, zeros\nn = prd(shape)\n',
        'ImportError',
        "cannot import name 'product' from 'numpy' (/venv/numpy/__init__.py)",
        'from numpy import prod as prd, zeros\nn = prd(shape)\n'
      ],
      [
        'from-import without alias renames the uses',
        'numpy:attribute-renamed:numpy.product',
        'from numpy import product\nn = product(shape)\n',
        'ImportError',
        "cannot import name 'product' from 'numpy' (/venv/numpy/__init__.py)",
        'from numpy import prod\nn = prod(shape)\n'
      ],
      [
        'module attribute that became a builtin',
        'numpy:attribute-renamed:numpy.float',
        NP + 'x = a.astype(np.float)\n',
        'AttributeError',
        "module 'numpy' has no attribute 'float'.\n`np.float` was a deprecated alias for the builtin `float`.",
        NP + 'x = a.astype(float)\n'
      ],
      [
        'from-import of what became a builtin',
        'numpy:attribute-renamed:numpy.float',
        'from numpy import float, zeros\nx = zeros(3, dtype=float)\n',
        'ImportError',
        "cannot import name 'float' from 'numpy' (/venv/numpy/__init__.py)",
        'from numpy import zeros\nx = zeros(3, dtype=float)\n'
      ],
      [
        'method on an instance',
        'pandas:attribute-renamed:pandas.DataFrame.as_matrix',
        "X = df[['a']].as_matrix()\n",
        'AttributeError',
        "'DataFrame' object has no attribute 'as_matrix'",
        "X = df[['a']].to_numpy()\n"
      ],
      [
        'name moved into a submodule',
        'pandas:attribute-renamed:pandas.scatter_matrix',
        PD + 'pd.scatter_matrix(df)\n',
        'AttributeError',
        "module 'pandas' has no attribute 'scatter_matrix'",
        PD + 'pd.plotting.scatter_matrix(df)\n'
      ],
      [
        'name moved to another module',
        'scipy:name-moved:scipy.misc.logsumexp',
        'import scipy.misc\ny = scipy.misc.logsumexp(a)\n',
        'AttributeError',
        "module 'scipy.misc' has no attribute 'logsumexp'",
        'import scipy.special\nimport scipy.misc\ny = scipy.special.logsumexp(a)\n'
      ],
      [
        'keyword rename of a function',
        'numpy:keyword-renamed:numpy.percentile:interpolation',
        NP + "q = np.percentile(a, 50, interpolation='nearest')\n",
        'TypeError',
        "percentile() got an unexpected keyword argument 'interpolation'",
        NP + "q = np.percentile(a, 50, method='nearest')\n"
      ],
      [
        'keyword rename of a constructor imported by name',
        'scikit-learn:keyword-renamed:sklearn.manifold.TSNE:n_iter',
        'from sklearn.manifold import TSNE\nemb = TSNE(n_components=2, n_iter=300).fit_transform(X)\n',
        'TypeError',
        "TSNE.__init__() got an unexpected keyword argument 'n_iter'",
        'from sklearn.manifold import TSNE\nemb = TSNE(n_components=2, max_iter=300).fit_transform(X)\n'
      ],
      [
        'keyword rename of a method',
        'pandas:keyword-renamed:pandas.DataFrame.to_csv:line_terminator',
        "df.to_csv('out.csv', line_terminator='\\n')\n",
        'TypeError',
        "NDFrame.to_csv() got an unexpected keyword argument 'line_terminator'",
        "df.to_csv('out.csv', lineterminator='\\n')\n"
      ],
      [
        'keyword removal the library says has no effect',
        'scikit-learn:keyword-removed:sklearn.linear_model.LogisticRegression:multi_class',
        "from sklearn.linear_model import LogisticRegression\nclf = LogisticRegression(C=1.0, multi_class='auto', max_iter=200)\n",
        'TypeError',
        "LogisticRegression.__init__() got an unexpected keyword argument 'multi_class'",
        'from sklearn.linear_model import LogisticRegression\nclf = LogisticRegression(C=1.0, max_iter=200)\n'
      ],
      [
        'import path of a moved module',
        'scikit-learn:module-moved:sklearn.cross_validation',
        'from sklearn.cross_validation import train_test_split, KFold\n',
        'ModuleNotFoundError',
        "No module named 'sklearn.cross_validation'",
        'from sklearn.model_selection import train_test_split, KFold\n'
      ],
      [
        'a moved module imported as a name',
        'scikit-learn:module-moved:sklearn.cross_validation',
        'from sklearn import cross_validation, svm\nscores = cross_validation.cross_val_score(clf, X, y)\n',
        'ImportError',
        "cannot import name 'cross_validation' from 'sklearn' (/venv/sklearn/__init__.py)",
        'from sklearn import model_selection, svm\nscores = model_selection.cross_val_score(clf, X, y)\n'
      ],
      [
        'a moved module imported with its dotted name',
        'scikit-learn:module-moved:sklearn.cross_validation',
        'import sklearn.cross_validation\ncv = sklearn.cross_validation.KFold(5)\n',
        'ModuleNotFoundError',
        "No module named 'sklearn.cross_validation'",
        'import sklearn.model_selection\ncv = sklearn.model_selection.KFold(5)\n'
      ],
      [
        'a moved module whose package the error names',
        'scikit-learn:module-moved:sklearn.cross_validation',
        'from sklearn.cross_validation import KFold\n',
        'ModuleNotFoundError',
        "No module named 'sklearn'",
        null
      ],
      [
        'a module that moved out of its library',
        'scikit-learn:module-moved:sklearn.externals.joblib',
        'from sklearn.externals import joblib\njoblib.dump(model, "m.pkl")\n',
        'ImportError',
        "cannot import name 'joblib' from 'sklearn.externals' (/venv/sklearn/externals/__init__.py)",
        'import joblib\njoblib.dump(model, "m.pkl")\n'
      ],
      [
        'pandas option key',
        'pandas:option-renamed:pandas:display.line_width',
        PD + "pd.set_option('display.line_width', 120)\n",
        'OptionError',
        "No such keys(s): 'display.line_width'",
        PD + "pd.set_option('display.width', 120)\n"
      ],
      [
        'matplotlib rcParams key',
        'matplotlib:option-renamed:matplotlib:mathtext.fallback_to_cm',
        "import matplotlib.pyplot as plt\nplt.rcParams['mathtext.fallback_to_cm'] = True\n",
        'KeyError',
        "\"'mathtext.fallback_to_cm' is not a valid value for rcParam. Did you mean one of: 'mathtext.fallback'?\"",
        "import matplotlib.pyplot as plt\nplt.rcParams['mathtext.fallback'] = True\n"
      ],
      [
        'renamed keyword value',
        'scikit-learn:value-renamed:sklearn.tree.DecisionTreeRegressor:criterion:\'mse\'',
        "from sklearn.tree import DecisionTreeRegressor\ntree = DecisionTreeRegressor(criterion='mse', max_depth=3)\n",
        'InvalidParameterError',
        "The 'criterion' parameter of DecisionTreeRegressor must be a str among {'absolute_error', 'poisson', 'squared_error'}. Got 'mse' instead.",
        "from sklearn.tree import DecisionTreeRegressor\ntree = DecisionTreeRegressor(criterion='squared_error', max_depth=3)\n"
      ]
    ])('%s (%s)', (_shape, factId, code, ename, evalue, expected) => {
      const proposal = propose(families, code, ename, evalue);
      expect(proposal && proposal.source).toEqual(expected);
      if (expected !== null) {
        expect(proposal!.ids[0]).toBe(`kb:${factId}`);
      }
    });

    it.each([
      ['a call with no arguments becomes the property', 'X = df.as_matrix()\n', 'X = df.values\n'],
      ['a call with arguments has no mechanical rewrite', "X = df.as_matrix(columns=['a'])\n", null],
      ['a plain access stays an access', 'f = df.as_matrix\n', 'f = df.values\n']
    ])('should not call what is a property: %s', (_name, code, expected) => {
      const asProperty = new RuleEngine([], kbFamilies(new KnowledgeBase({ ...FIXTURE_KB, facts: [{ ...FIXTURE_KB.facts.find(f => f.old === 'pandas.DataFrame.as_matrix')!, new: 'pandas.DataFrame.values' }] })));
      const proposal = propose(asProperty, code, 'AttributeError', "'DataFrame' object has no attribute 'as_matrix'");
      expect(proposal && proposal.source).toBe(expected);
    });

    it('should not call what the library spelled as an indexer', () => {
      const getValue = { ...FIXTURE_KB.facts[0], id: 'pandas:attribute-renamed:pandas.DataFrame.get_value', library: 'pandas', old: 'pandas.DataFrame.get_value', new: 'pandas.DataFrame.at', message: 'get_value is deprecated. Please use .at[] or .iat[] accessors instead' };
      const engine = new RuleEngine([], kbFamilies(new KnowledgeBase({ ...FIXTURE_KB, facts: [getValue] })));
      expect(propose(engine, "v = df.get_value(1, 'a')\n", 'AttributeError', "'DataFrame' object has no attribute 'get_value'")).toBeNull();
    });

    it('should fix only the failing line when a method name is shared by other types', () => {
      const code = "a = df.as_matrix()\nb = other.as_matrix()\n";
      const proposal = propose(families, code, 'AttributeError', "'DataFrame' object has no attribute 'as_matrix'", [
        'Cell In[4], line 2\n----> 2 b = other.as_matrix()'
      ]);
      expect(proposal?.source).toBe('a = df.as_matrix()\nb = other.to_numpy()\n');
    });

    it('should fix a helper module beside the notebook from its traceback frame', () => {
      const helper = 'import numpy as np\n\ndef total(shape):\n    return np.product(shape)\n';
      const proposal = propose(families, helper, 'AttributeError', "module 'numpy' has no attribute 'product'", [
        '  File /nb/helpers.py:4, in total(shape)\n      3 def total(shape):\n----> 4     return np.product(shape)'
      ]);
      expect(proposal?.source).toBe('import numpy as np\n\ndef total(shape):\n    return np.prod(shape)\n');
    });

    it('should resolve aliases imported in earlier cells', () => {
      const proposal = families.propose(
        'n = xp.product(shape)\n',
        error('AttributeError', "module 'numpy' has no attribute 'product'"),
        new Map([['xp', 'numpy']])
      );
      expect(proposal?.source).toBe('n = xp.prod(shape)\n');
    });

    it('should fix the other statically provable facts of the cell in the same patch', () => {
      const proposal = propose(families, NP + 'a = np.product(s)\nb = np.cumproduct(s)\n', 'AttributeError', "module 'numpy' has no attribute 'product'");
      expect(proposal).toEqual({
        ids: ['kb:numpy:attribute-renamed:numpy.product', 'kb:numpy:attribute-renamed:numpy.cumproduct'],
        source: NP + 'a = np.prod(s)\nb = np.cumprod(s)\n'
      });
    });
  });

  describe('#propose() leaves what the fact is not about', () => {
    it.each([
      ['a list method named like a removed DataFrame method', 'rows = []\nrows.append(1)\n', 'AttributeError', "'list' object has no attribute 'append'"],
      ['another module with the same attribute name', 'import scipy\nn = scipy.product(s)\n', 'AttributeError', "module 'scipy' has no attribute 'product'"],
      ['a class of another library with the same method', 'x = frame.as_matrix()\n', 'AttributeError', "'Frame' object has no attribute 'as_matrix'"],
      ['the notebook’s own function with the keyword', 'def percentile(a, q):\n    pass\npercentile(a, 5, interpolation=1)\n', 'TypeError', "percentile() got an unexpected keyword argument 'interpolation'"],
      ['a removed method with no mechanical replacement', "df = df.append(row)\n", 'AttributeError', "'DataFrame' object has no attribute 'append'"],
      ['an unvalidated fact', 's = s.valid()\n', 'AttributeError', "'Series' object has no attribute 'valid'"],
      ['a removed keyword whose replacement changes results', 'from sklearn.ensemble import RandomForestClassifier\nm = RandomForestClassifier(min_impurity_split=0.1)\n', 'TypeError', "RandomForestClassifier.__init__() got an unexpected keyword argument 'min_impurity_split'"],
      ['positional arguments without their parameter names in the base', "df.drop('b', 1)\n", 'TypeError', 'DataFrame.drop() takes from 1 to 2 positional arguments but 3 were given'],
      ['a removed option', PD + "pd.set_option('display.height', 50)\n", 'OptionError', "No such keys(s): 'display.height'"],
      ['a string that is not used as an option', PD + "label = 'display.line_width'\n", 'OptionError', "No such keys(s): 'display.line_width'"]
    ])('%s', (_name, code, ename, evalue) => {
      expect(propose(families, code, ename, evalue)).toBeNull();
    });
  });

  describe('#advise()', () => {
    it('should explain an unvalidated fact in the library’s own words', () => {
      const rule = families.advise('s = s.valid()\n', error('AttributeError', "'Series' object has no attribute 'valid'"));
      expect(rule?.id).toBe('kb:pandas:attribute-renamed:pandas.Series.valid');
      expect(rule?.fact.message).toBe(
        'pandas: pandas.Series.valid is now pandas.Series.dropna (removed in pandas 1.0). pandas 0.23.0 said: "Method .valid will be removed in a future version. Use .dropna instead."'
      );
    });

    it('should not advise on code that does not use the old API', () => {
      expect(families.advise('rows.append(1)\n', error('AttributeError', "'list' object has no attribute 'append'"))).toBeUndefined();
      expect(families.advise('x = 1\n', error('AttributeError', "'Series' object has no attribute 'valid'"))).toBeUndefined();
    });
  });

  describe('order of hand rules and families', () => {
    it('should let a precise hand rule win over the generic fact', () => {
      const proposal = propose(both, 'df = df.append(row, ignore_index=True)\n', 'AttributeError', "'DataFrame' object has no attribute 'append'");
      expect(proposal?.ids[0]).toBe('pandas-append');
    });

    it('should give the family its turn when the hand rule was tried', () => {
      const proposal = both.propose(
        NP + 'n = np.product(shape)\n',
        error('AttributeError', "module 'numpy' has no attribute 'product'"),
        undefined,
        new Set(['numpy-product-removed'])
      );
      expect(proposal?.rules[0].id).toBe('kb:numpy:attribute-renamed:numpy.product');
    });
  });

  describe('#scan()', () => {
    it('should list statically provable uses of validated facts', () => {
      const findings = families.scan('from sklearn.cross_validation import KFold\nimport numpy\nn = numpy.product(s)\nX = df.as_matrix()\n');
      expect(findings.map(finding => [finding.rule.id, finding.line])).toEqual([
        ['kb:numpy:attribute-renamed:numpy.product', 3],
        ['kb:scikit-learn:module-moved:sklearn.cross_validation', 1]
      ]);
    });

    it('should not list a renamed value: only the library rejecting it proves the change', () => {
      expect(families.scan("from sklearn.tree import DecisionTreeRegressor\nt = DecisionTreeRegressor(criterion='mse')\n")).toEqual([]);
    });

    it('should not list a fact a hand rule already rewrites there', () => {
      const ids = both.scan(NP + 'n = np.product(s)\n').map(finding => finding.rule.id);
      expect(ids).toEqual(['numpy-product-removed']);
    });
  });

  describe('#get()', () => {
    it('should find a family rule by its id, for reports and provenance', () => {
      expect(families.get('kb:numpy:attribute-renamed:numpy.product')?.fact).toMatchObject({ library: 'numpy', version: '2.0' });
      expect(families.get('kb:numpy:attribute-renamed:numpy.nothing')).toBeUndefined();
    });
  });
});

describe('diagnose() with the families', () => {
  const failed = (ename: string, evalue: string) => ({
    status: 'error' as const,
    outputs: [],
    error: { ename, evalue, traceback: ['Cell In[3], line 1\n----> 1 s = s.valid()'] },
    stderr: '',
    durationMs: 1,
    executionCount: 1
  });

  it('should quote the library and release when no rewrite is safe', () => {
    const diagnosis = diagnose(failed('AttributeError', "'Series' object has no attribute 'valid'"), { rules: families, source: 's = s.valid()\n' });
    expect(diagnosis).toMatchObject({ category: 'removed-api', ruleId: 'kb:pandas:attribute-renamed:pandas.Series.valid' });
    expect(diagnosis.message).toContain('pandas 0.23.0 said: "Method .valid will be removed in a future version. Use .dropna instead."');
  });
});

describe('the committed knowledge base', () => {
  const file = committed as unknown as IKbFile;
  const base = sharedKnowledgeBase();

  it('should parse facts.json in the shared schema', () => {
    expect(file.schema).toBe(1);
    expect(Array.isArray(file.facts)).toBe(true);
    expect(new Set(file.facts.map(fact => fact.id)).size).toBe(file.facts.length);
  });

  it('should index every fact, each found again by its id and its rule', () => {
    expect(base.size).toBe(file.facts.length);
    for (const fact of file.facts) {
      expect(base.get(fact.id)).toBe(fact);
      expect(base.byOld(fact.old)).toContain(fact);
    }
    const engine = new RuleEngine([], allFamilies);
    expect(file.facts.filter(fact => engine.get(`kb:${fact.id}`) === undefined)).toEqual([]);
  });

  it('should hold the mined facts of pandas, NumPy and scikit-learn, most of them validated', () => {
    const counts = [...base.counts().entries()];
    for (const library of ['pandas', 'numpy', 'scikit-learn']) {
      const mine = counts.filter(([key]) => key.startsWith(library + ' ')).map(([, count]) => count);
      expect(mine.reduce((sum, count) => sum + count.validated, 0)).toBeGreaterThan(50);
    }
    expect(base.get('scikit-learn:module-moved:sklearn.cross_validation')).toMatchObject({ new: 'sklearn.model_selection', validated: true });
    expect(base.get('numpy:attribute-renamed:numpy.NaN')).toMatchObject({ new: 'numpy.nan', validated: true });
  });

  describe('its facts through the families alone', () => {
    const mined = new RuleEngine([], allFamilies);
    it.each([
      [NP + 'x = np.NaN\n', 'AttributeError', '`np.NaN` was removed in the NumPy 2.0 release. Use `np.nan` instead.', NP + 'x = np.nan\n'],
      [NP + 'auc = np.trapz(y, x)\n', 'AttributeError', "module 'numpy' has no attribute 'trapz'", NP + 'auc = np.trapezoid(y, x)\n'],
      [PD + 'y = pd.TimeSeries(y, index=dates)\n', 'AttributeError', "module 'pandas' has no attribute 'TimeSeries'", PD + 'y = pd.Series(y, index=dates)\n'],
      ['s = s.valid()\n', 'AttributeError', "'Series' object has no attribute 'valid'", 's = s.dropna()\n'],
      ['X = df.as_matrix()\n', 'AttributeError', "'DataFrame' object has no attribute 'as_matrix'", 'X = df.values\n'],
      ['names = vec.get_feature_names()\n', 'AttributeError', "'CountVectorizer' object has no attribute 'get_feature_names'", 'names = vec.get_feature_names_out()\n'],
      ['from sklearn.preprocessing import Imputer\nimp = Imputer()\n', 'ImportError', "cannot import name 'Imputer' from 'sklearn.preprocessing' (/venv/x.py)", 'from sklearn.impute import SimpleImputer\nimp = SimpleImputer()\n'],
      ['from sklearn.grid_search import GridSearchCV\n', 'ModuleNotFoundError', "No module named 'sklearn.grid_search'", 'from sklearn.model_selection import GridSearchCV\n'],
      ["df.to_csv('o.csv', line_terminator='\\n')\n", 'TypeError', "NDFrame.to_csv() got an unexpected keyword argument 'line_terminator'", "df.to_csv('o.csv', lineterminator='\\n')\n"],
      [PD + "pd.set_option('display.line_width', 120)\n", 'OptionError', "No such keys(s): 'display.line_width'", PD + "pd.set_option('display.width', 120)\n"]
    ])('%j', (code, ename, evalue, expected) => {
      const proposal = propose(mined, code, ename, evalue);
      expect(proposal?.source).toBe(expected);
      expect(proposal?.ids[0]).toMatch(/^kb:/);
    });
  });

  it('should be what the product engine reads', () => {
    expect(allFamilies.map(family => family.id)).toEqual(['kb-attribute', 'kb-import', 'kb-keyword', 'kb-option', 'kb-value']);
  });
});

describe('KnowledgeBase', () => {
  describe('#constructor()', () => {
    it('should refuse another schema version', () => {
      expect(() => new KnowledgeBase({ ...FIXTURE_KB, schema: 2 as 1 })).toThrow(/schema/);
    });

    it('should leave out a malformed fact and keep the others', () => {
      const broken = { ...FIXTURE_KB.facts[0], id: 'broken', kind: 'keyword-renamed' as const, param: undefined };
      const base = new KnowledgeBase({ ...FIXTURE_KB, facts: [...FIXTURE_KB.facts, broken] });
      expect(base.size).toBe(FIXTURE_KB.facts.length);
      expect(base.get('broken')).toBeUndefined();
    });
  });

  describe('lookups', () => {
    it.each([
      ['byName', () => kb.byName('as_matrix'), 'pandas:attribute-renamed:pandas.DataFrame.as_matrix'],
      ['byModule', () => kb.byModule('sklearn.cross_validation'), 'scikit-learn:module-moved:sklearn.cross_validation'],
      ['underModule', () => kb.underModule('sklearn.externals'), 'scikit-learn:module-moved:sklearn.externals.joblib'],
      ['byKeyword with the callable', () => kb.byKeyword('TSNE', 'n_iter'), 'scikit-learn:keyword-renamed:sklearn.manifold.TSNE:n_iter'],
      ['byKeyword without it', () => kb.byKeyword(undefined, 'interpolation'), 'numpy:keyword-renamed:numpy.percentile:interpolation'],
      ['byCallable', () => kb.byCallable('drop'), 'pandas:positional-to-keyword:pandas.DataFrame.drop:labels'],
      ['byOption', () => kb.byOption('display.line_width'), 'pandas:option-renamed:pandas:display.line_width'],
      ['byValue', () => kb.byValue('criterion', 'mse'), "scikit-learn:value-renamed:sklearn.tree.DecisionTreeRegressor:criterion:'mse'"]
    ])('%s', (_name, lookup, id) => {
      expect(lookup().map(fact => fact.id)).toEqual([id]);
    });

    it('should count facts per library and kind with how many passed validation', () => {
      expect(kb.counts().get('pandas attribute-renamed')).toEqual({ facts: 3, validated: 2 });
    });
  });
});
