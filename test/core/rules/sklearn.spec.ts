import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';

const engine = new RuleEngine(allRules, allFamilies);
const error = (ename: string, evalue: string) => ({ ename, evalue, traceback: [] });

/** [rule id, ename, evalue (as scikit-learn 1.9.1 / CPython 3.11 print it), before, after] */
const cases: [string, string, string, string, string][] = [
  [
    'sklearn-grid_search-module',
    'ModuleNotFoundError',
    "No module named 'sklearn.grid_search'",
    'from sklearn.grid_search import GridSearchCV, RandomizedSearchCV\n',
    'from sklearn.model_selection import GridSearchCV, RandomizedSearchCV\n'
  ],
  [
    'sklearn-learning_curve-module',
    'ModuleNotFoundError',
    "No module named 'sklearn.learning_curve'",
    'from sklearn.learning_curve import learning_curve\n',
    'from sklearn.model_selection import learning_curve\n'
  ],
  [
    'sklearn-externals-joblib',
    'ImportError',
    "cannot import name 'joblib' from 'sklearn.externals' (/venv/lib/python3.11/site-packages/sklearn/externals/__init__.py)",
    "from sklearn.externals import joblib\njoblib.dump(model, 'm.pkl')\n",
    "import joblib\njoblib.dump(model, 'm.pkl')\n"
  ],
  [
    'sklearn-externals-joblib',
    'ModuleNotFoundError',
    "No module named 'sklearn.externals.joblib'",
    'from sklearn.externals.joblib import dump, load\n',
    'from joblib import dump, load\n'
  ],
  [
    'sklearn-externals-six',
    'ImportError',
    "cannot import name 'six' from 'sklearn.externals' (/venv/sklearn/externals/__init__.py)",
    'from sklearn.externals import six\n',
    'import six\n'
  ],
  [
    'sklearn-lda-qda-modules',
    'ModuleNotFoundError',
    "No module named 'sklearn.lda'",
    'from sklearn.lda import LDA\nlda = LDA(n_components=2)\n',
    'from sklearn.discriminant_analysis import LinearDiscriminantAnalysis as LDA\nlda = LDA(n_components=2)\n'
  ],
  [
    'sklearn-private-module-paths',
    'ModuleNotFoundError',
    "No module named 'sklearn.ensemble.forest'",
    'from sklearn.ensemble.forest import RandomForestClassifier\n',
    'from sklearn.ensemble import RandomForestClassifier\n'
  ],
  [
    'sklearn-Imputer',
    'ImportError',
    "cannot import name 'Imputer' from 'sklearn.preprocessing' (/venv/sklearn/preprocessing/__init__.py)",
    "import numpy as np\nfrom sklearn.preprocessing import Imputer, StandardScaler\nimp = Imputer(missing_values='NaN', strategy='mean', axis=0)\n",
    "import numpy as np\nfrom sklearn.impute import SimpleImputer\nfrom sklearn.preprocessing import StandardScaler\nimp = SimpleImputer(missing_values=np.nan, strategy='mean')\n"
  ],
  [
    'sklearn-Imputer',
    'ImportError',
    "cannot import name 'Imputer' from 'sklearn.preprocessing'",
    "from sklearn.preprocessing import Imputer\nimp = Imputer('NaN', 'median')\n",
    "import numpy as np\nfrom sklearn.impute import SimpleImputer\nimp = SimpleImputer(missing_values=np.nan, strategy='median')\n"
  ],
  [
    'sklearn-Imputer',
    'AttributeError',
    "module 'sklearn.preprocessing' has no attribute 'Imputer'",
    'from sklearn import preprocessing\nimp = preprocessing.Imputer(strategy="most_frequent")\n',
    'from sklearn.impute import SimpleImputer\nfrom sklearn import preprocessing\nimp = SimpleImputer(strategy="most_frequent")\n'
  ],
  [
    'sklearn-RandomizedPCA',
    'ImportError',
    "cannot import name 'RandomizedPCA' from 'sklearn.decomposition'",
    'from sklearn.decomposition import RandomizedPCA\npca = RandomizedPCA(50, whiten=True)\n',
    "from sklearn.decomposition import PCA\npca = PCA(50, whiten=True, svd_solver='randomized')\n"
  ],
  [
    'sklearn-mixture-GMM',
    'ImportError',
    "cannot import name 'GMM' from 'sklearn.mixture'",
    'from sklearn.mixture import GMM\ng = GMM(n_components=3, n_iter=100)\n',
    "from sklearn.mixture import GaussianMixture\ng = GaussianMixture(n_components=3, max_iter=100, covariance_type='diag')\n"
  ],
  [
    'sklearn-CategoricalEncoder',
    'ImportError',
    "cannot import name 'CategoricalEncoder' from 'sklearn.preprocessing'",
    "from sklearn.preprocessing import CategoricalEncoder\nenc = CategoricalEncoder(encoding='onehot-dense')\n",
    'from sklearn.preprocessing import OneHotEncoder\nenc = OneHotEncoder(sparse_output=False)\n'
  ],
  [
    'sklearn-OneHotEncoder-sparse',
    'TypeError',
    "OneHotEncoder.__init__() got an unexpected keyword argument 'sparse'",
    "enc = OneHotEncoder(sparse=False, handle_unknown='ignore')\n",
    "enc = OneHotEncoder(sparse_output=False, handle_unknown='ignore')\n"
  ],
  [
    'sklearn-OneHotEncoder-categorical_features',
    'TypeError',
    "OneHotEncoder.__init__() got an unexpected keyword argument 'categorical_features'",
    'from sklearn.preprocessing import OneHotEncoder\nohe = OneHotEncoder(categorical_features=[0, 3], sparse=False)\nX = ohe.fit_transform(X)\n',
    "from sklearn.compose import ColumnTransformer\nfrom sklearn.preprocessing import OneHotEncoder\nohe = ColumnTransformer([('onehot', OneHotEncoder(sparse_output=False), [0, 3])], remainder='passthrough')\nX = ohe.fit_transform(X)\n"
  ],
  [
    'sklearn-get_feature_names',
    'AttributeError',
    "'CountVectorizer' object has no attribute 'get_feature_names'",
    'names = vec.get_feature_names()\n',
    'names = vec.get_feature_names_out()\n'
  ],
  [
    'sklearn-max_features-auto',
    'InvalidParameterError',
    "The 'max_features' parameter of RandomForestClassifier must be an int in the range [1, inf), a float in the range (0.0, 1.0], a str among {'log2', 'sqrt'} or None. Got 'auto' instead.",
    "rf = RandomForestClassifier(n_estimators=100, max_features='auto')\n",
    "rf = RandomForestClassifier(n_estimators=100, max_features='sqrt')\n"
  ],
  [
    'sklearn-max_features-auto',
    'InvalidParameterError',
    "The 'max_features' parameter of RandomForestRegressor must be an int in the range [1, inf), a float in the range (0.0, 1.0], a str among {'sqrt', 'log2'} or None. Got 'auto' instead.",
    "rf = RandomForestRegressor(max_features='auto')\ngrid = {'max_features': ['auto', 'sqrt', 'log2']}\n",
    "rf = RandomForestRegressor(max_features=1.0)\ngrid = {'max_features': [1.0, 'sqrt', 'log2']}\n"
  ],
  [
    'sklearn-max_features-auto',
    'ValueError',
    "The 'max_features' parameter of RandomForestClassifier must be ... Got 'auto' instead.",
    "params = {'rf__max_features': ['auto', 'sqrt'], 'rf__n_estimators': [10, 100]}\n",
    "params = {'rf__max_features': ['sqrt'], 'rf__n_estimators': [10, 100]}\n"
  ],
  [
    'sklearn-cv-iterators-old-interface',
    'TypeError',
    "KFold.__init__() got an unexpected keyword argument 'n_folds'",
    'from sklearn.model_selection import KFold\nkf = KFold(len(X), n_folds=5, shuffle=True, random_state=0)\nfor train_idx, test_idx in kf:\n    pass\nprint(len(kf))\n',
    'from sklearn.model_selection import KFold\nkf = list(KFold(n_splits=5, shuffle=True, random_state=0).split(X))\nfor train_idx, test_idx in kf:\n    pass\nprint(len(kf))\n'
  ],
  [
    'sklearn-cv-iterators-old-interface',
    'ValueError',
    "The number of folds must be of Integral type. [0 1 0 1] of type <class 'numpy.ndarray'> was passed.",
    'import numpy as np\nfrom sklearn.model_selection import StratifiedKFold\nscores = [fit(tr, te) for tr, te in StratifiedKFold(y, 10)]\n',
    'import numpy as np\nfrom sklearn.model_selection import StratifiedKFold\nscores = [fit(tr, te) for tr, te in StratifiedKFold(n_splits=10).split(np.zeros(len(y)), y)]\n'
  ],
  [
    'sklearn-cv-iterators-old-interface',
    'TypeError',
    "'KFold' object is not iterable",
    'from sklearn.model_selection import KFold\nkf = KFold(X.shape[0])\nfor a, b in kf:\n    pass\n',
    'from sklearn.model_selection import KFold\nkf = list(KFold(n_splits=3).split(X))\nfor a, b in kf:\n    pass\n'
  ],
  [
    'sklearn-cv-iterators-old-interface',
    'TypeError',
    "ShuffleSplit.__init__() got an unexpected keyword argument 'n_iter'",
    'from sklearn.model_selection import ShuffleSplit\ncv = ShuffleSplit(891, n_iter=3, test_size=0.2)\nscores = cross_val_score(clf, X, y, cv=cv)\n',
    'from sklearn.model_selection import ShuffleSplit\ncv = ShuffleSplit(n_splits=3, test_size=0.2)\nscores = cross_val_score(clf, X, y, cv=cv)\n'
  ],
  [
    'sklearn-keyword-only-args',
    'TypeError',
    'KFold.__init__() takes from 1 to 2 positional arguments but 4 were given',
    'from sklearn.model_selection import KFold\nkf = KFold(5, True, 42)\n',
    'from sklearn.model_selection import KFold\nkf = KFold(5, shuffle=True, random_state=42)\n'
  ],
  [
    'sklearn-keyword-only-args',
    'TypeError',
    'ElasticNet.__init__() takes from 1 to 2 positional arguments but 3 were given',
    'model = ElasticNet(0.1, 0.5)\n',
    'model = ElasticNet(0.1, l1_ratio=0.5)\n'
  ],
  [
    'sklearn-keyword-only-args',
    'TypeError',
    'SVC.__init__() takes 1 positional argument but 3 were given',
    "from sklearn.svm import SVC\nclf = SVC(1.0, 'linear')\n",
    "from sklearn.svm import SVC\nclf = SVC(C=1.0, kernel='linear')\n"
  ],
  [
    'sklearn-normalize-param',
    'TypeError',
    "LinearRegression.__init__() got an unexpected keyword argument 'normalize'",
    'lr = LinearRegression(normalize=True, fit_intercept=True)\n',
    'lr = LinearRegression(fit_intercept=True)\n'
  ],
  [
    'sklearn-base_estimator',
    'TypeError',
    "AdaBoostClassifier.__init__() got an unexpected keyword argument 'base_estimator'",
    'ada = AdaBoostClassifier(base_estimator=DecisionTreeClassifier(max_depth=1), n_estimators=200)\n',
    'ada = AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=1), n_estimators=200)\n'
  ],
  [
    'sklearn-logreg-multi_class',
    'TypeError',
    "LogisticRegression.__init__() got an unexpected keyword argument 'multi_class'",
    "clf = LogisticRegression(multi_class='multinomial', solver='lbfgs')\n",
    "clf = LogisticRegression(solver='lbfgs')\n"
  ],
  [
    'sklearn-logreg-multi_class',
    'TypeError',
    "LogisticRegression.__init__() got an unexpected keyword argument 'multi_class'",
    "clf = LogisticRegression(C=0.5, multi_class='ovr')\n",
    "from sklearn.multiclass import OneVsRestClassifier\nclf = OneVsRestClassifier(LogisticRegression(C=0.5))\n"
  ],
  [
    'sklearn-agglomerative-affinity',
    'TypeError',
    "AgglomerativeClustering.__init__() got an unexpected keyword argument 'affinity'",
    "agg = AgglomerativeClustering(n_clusters=3, affinity='euclidean', linkage='ward')\n",
    "agg = AgglomerativeClustering(n_clusters=3, metric='euclidean', linkage='ward')\n"
  ],
  [
    'sklearn-sgd-n_iter',
    'TypeError',
    "SGDClassifier.__init__() got an unexpected keyword argument 'n_iter'",
    "sgd = SGDClassifier(loss='hinge', n_iter=5)\n",
    "sgd = SGDClassifier(loss='hinge', max_iter=5, tol=None)\n"
  ],
  [
    'sklearn-tsne-n_iter',
    'TypeError',
    "TSNE.__init__() got an unexpected keyword argument 'n_iter'",
    'emb = TSNE(n_components=2, n_iter=300).fit_transform(X)\n',
    'emb = TSNE(n_components=2, max_iter=300).fit_transform(X)\n'
  ],
  [
    'sklearn-keyword-only-args',
    'TypeError',
    'too many positional arguments',
    "from sklearn.metrics import f1_score\nf = f1_score(y, p, None, 1, 'macro')\n",
    "from sklearn.metrics import f1_score\nf = f1_score(y, p, labels=None, pos_label=1, average='macro')\n"
  ],
  [
    'sklearn-loss-log',
    'InvalidParameterError',
    "The 'loss' parameter of SGDClassifier must be a str among {'hinge', 'log_loss', ...}. Got 'log' instead.",
    "sgd = SGDClassifier(loss='log')\n",
    "sgd = SGDClassifier(loss='log_loss')\n"
  ],
  [
    'sklearn-gb-loss-deviance',
    'InvalidParameterError',
    "The 'loss' parameter of GradientBoostingClassifier must be a str among {'exponential', 'log_loss'}. Got 'deviance' instead.",
    "gb = GradientBoostingClassifier(loss='deviance')\n",
    "gb = GradientBoostingClassifier(loss='log_loss')\n"
  ],
  [
    'sklearn-criterion-mse-mae',
    'InvalidParameterError',
    "The 'criterion' parameter of DecisionTreeRegressor must be a str among {'squared_error', 'absolute_error', 'poisson'}. Got 'mse' instead.",
    "tree = DecisionTreeRegressor(criterion='mse')\nrf = RandomForestRegressor(criterion=\"mae\")\n",
    "tree = DecisionTreeRegressor(criterion='squared_error')\nrf = RandomForestRegressor(criterion='absolute_error')\n"
  ],
  [
    'sklearn-kmeans-algorithm-full',
    'InvalidParameterError',
    "The 'algorithm' parameter of KMeans must be a str among {'lloyd', 'elkan'}. Got 'full' instead.",
    "km = KMeans(n_clusters=4, algorithm='full')\n",
    "km = KMeans(n_clusters=4, algorithm='lloyd')\n"
  ],
  [
    'sklearn-mse-squared-false',
    'TypeError',
    "got an unexpected keyword argument 'squared'",
    'from sklearn.metrics import mean_squared_error\nrmse = mean_squared_error(y_test, pred, squared=False)\n',
    'from sklearn.metrics import root_mean_squared_error\nfrom sklearn.metrics import mean_squared_error\nrmse = root_mean_squared_error(y_test, pred)\n'
  ],
  [
    'sklearn-mse-squared-false',
    'TypeError',
    "got an unexpected keyword argument 'squared'",
    'from sklearn import metrics\nrmse = metrics.mean_squared_error(y_test, pred, squared=False)\n',
    'from sklearn import metrics\nrmse = metrics.root_mean_squared_error(y_test, pred)\n'
  ],
  [
    'sklearn-fit_params-cross_validate',
    'TypeError',
    "got an unexpected keyword argument 'fit_params'",
    "scores = cross_val_score(model, X, y, cv=5, fit_params={'sample_weight': w})\n",
    "scores = cross_val_score(model, X, y, cv=5, params={'sample_weight': w})\n"
  ],
  [
    'sklearn-gridsearch-iid',
    'TypeError',
    "GridSearchCV.__init__() got an unexpected keyword argument 'iid'",
    'gs = GridSearchCV(model, grid, cv=5, iid=False)\n',
    'gs = GridSearchCV(model, grid, cv=5)\n'
  ],
  [
    'sklearn-adaboost-samme-r',
    'TypeError',
    "AdaBoostClassifier.__init__() got an unexpected keyword argument 'algorithm'",
    "ada = AdaBoostClassifier(n_estimators=50, algorithm='SAMME.R')\n",
    'ada = AdaBoostClassifier(n_estimators=50)\n'
  ],
  [
    'sklearn-plot_confusion_matrix',
    'ImportError',
    "cannot import name 'plot_confusion_matrix' from 'sklearn.metrics'",
    'from sklearn.metrics import plot_confusion_matrix, accuracy_score\nplot_confusion_matrix(clf, X_test, y_test, cmap="Blues")\n',
    'from sklearn.metrics import ConfusionMatrixDisplay, accuracy_score\nConfusionMatrixDisplay.from_estimator(clf, X_test, y_test, cmap="Blues")\n'
  ],
  [
    'sklearn-plot_roc_curve',
    'ImportError',
    "cannot import name 'plot_roc_curve' from 'sklearn.metrics'",
    'from sklearn.metrics import plot_roc_curve, plot_precision_recall_curve\nplot_roc_curve(clf, X, y)\nplot_precision_recall_curve(clf, X, y)\n',
    'from sklearn.metrics import RocCurveDisplay, PrecisionRecallDisplay\nRocCurveDisplay.from_estimator(clf, X, y)\nPrecisionRecallDisplay.from_estimator(clf, X, y)\n'
  ],
  [
    'sklearn-keyword-only-args',
    'TypeError',
    'too many positional arguments',
    'from sklearn.preprocessing import binarize\ny_pred_class = binarize([y_pred_prob], 0.3)[0]\n',
    'from sklearn.preprocessing import binarize\ny_pred_class = binarize([y_pred_prob], threshold=0.3)[0]\n'
  ],
  [
    'sklearn-keyword-only-args',
    'TypeError',
    'too many positional arguments',
    'from sklearn import metrics\nfpr, tpr, thresholds = metrics.roc_curve(y_test, y_score, 2)\nX2 = metrics.pairwise.normalize(X, "l1", 0)\n',
    'from sklearn import metrics\nfpr, tpr, thresholds = metrics.roc_curve(y_test, y_score, pos_label=2)\nX2 = metrics.pairwise.normalize(X, "l1", axis=0)\n'
  ],
  [
    'sklearn-kfold-random_state-without-shuffle',
    'ValueError',
    'Setting a random_state has no effect since shuffle is False. You should leave random_state to its default (None), or set shuffle=True.',
    'from sklearn import model_selection\nfrom sklearn.model_selection import StratifiedKFold\nkfold = model_selection.KFold(n_splits=10, random_state=7)\nskf = StratifiedKFold(5, shuffle=False, random_state=0)\n',
    'from sklearn import model_selection\nfrom sklearn.model_selection import StratifiedKFold\nkfold = model_selection.KFold(n_splits=10)\nskf = StratifiedKFold(5, shuffle=False)\n'
  ],
  [
    'sklearn-int-param-float',
    'InvalidParameterError',
    "The 'max_iter' parameter of Lasso must be an int in the range [1, inf) or None. Got 100000.0 instead.",
    'from sklearn.linear_model import Lasso\nlasso = Lasso(alpha=0.1, max_iter=1e5, tol=1e-4)\nother = Ridge(max_iter=1e5)\n',
    'from sklearn.linear_model import Lasso\nlasso = Lasso(alpha=0.1, max_iter=100000, tol=1e-4)\nother = Ridge(max_iter=1e5)\n'
  ],
  [
    'sklearn-int-param-float',
    'InvalidParameterError',
    "The 'n_estimators' parameter of RandomForestClassifier must be an int in the range [1, inf). Got 100.0 instead.",
    "from sklearn.ensemble import RandomForestClassifier\ngrid = {'rf__n_estimators': [1e2, 2e2], 'rf__max_depth': [3.0]}\nrf = RandomForestClassifier(n_estimators=50.0)\n",
    "from sklearn.ensemble import RandomForestClassifier\ngrid = {'rf__n_estimators': [100, 200], 'rf__max_depth': [3.0]}\nrf = RandomForestClassifier(n_estimators=50)\n"
  ]
];

describe('scikit-learn rules', () => {
  it.each(cases)('%s fixes %s: %s', (id, ename, evalue, before, after) => {
    const proposal = engine.propose(before, error(ename, evalue));
    expect(proposal?.rules[0].id).toBe(id);
    expect(proposal?.source).toBe(after);
  });

  it.each([
    [
      'the catalog id',
      (id: string) =>
        engine.get(id)?.fact.catalogId ===
        ({ 'sklearn-tsne-n_iter': 'sklearn-tsne-defaults', 'sklearn-cv-iterators-old-interface': 'sklearn-cross_validation-module' }[id] ??
          // Changes the shared catalog does not list.
          (['sklearn-grid_scores_', 'sklearn-kfold-random_state-without-shuffle', 'sklearn-int-param-float'].includes(id) ? undefined : id))
    ],
    ['a one-sentence message naming scikit-learn', (id: string) => /scikit-learn/.test(engine.get(id)!.fact.message)]
  ])('every rule has %s', (_what, check) => {
    for (const id of new Set(cases.map(c => c[0]))) {
      expect([id, check(id)]).toEqual([id, true]);
    }
  });

  /** [rule id, source that must be left alone] */
  const untouched: [string, string][] = [
    ['sklearn-keyword-only-args', 'from sklearn.model_selection import KFold\nkf = KFold(5, shuffle=True)\n'],
    ['sklearn-keyword-only-args', 'kf = KFold(5, True, 42)\n'],
    ['sklearn-keyword-only-args', 'from sklearn.model_selection import KFold\nkf = KFold(len(X), 5)\n'],
    ['sklearn-cv-iterators-old-interface', 'from sklearn.model_selection import KFold\nloo = KFold(len(X))\nfor tr, te in loo.split(X):\n    pass\n'],
    ['sklearn-cv-iterators-old-interface', 'from sklearn.model_selection import KFold\nkf = KFold(5, shuffle=True)\n'],
    ['sklearn-normalize-param', 'r = RidgeCV(alphas=[0.1, 1.0], normalize=True)\n'],
    ['sklearn-normalize-param', 'r = Ridge(alpha=1.0, normalize=flag)\n'],
    ['sklearn-grid_scores_', 'search.grid_scores_ = []\n'],
    ['sklearn-kfold-random_state-without-shuffle', 'from sklearn.model_selection import KFold\nkf = KFold(n_splits=5, shuffle=True, random_state=1)\n'],
    ['sklearn-kfold-random_state-without-shuffle', 'from sklearn.model_selection import KFold\nkf = KFold(n_splits=5, shuffle=shuffle, random_state=1)\n'],
    ['sklearn-int-param-float', 'from sklearn.linear_model import Lasso\nlasso = Lasso(max_iter=1e5)\n'],
    ['sklearn-Imputer', "from sklearn.preprocessing import Imputer\nimp = Imputer(strategy='mean', axis=1)\n"],
    ['sklearn-max_features-auto', "params = {'max_features': ['auto', 'sqrt']}\n"],
    ['sklearn-logreg-multi_class', "clf = LogisticRegression(multi_class='auto', solver='liblinear')\n"],
    ['sklearn-OneHotEncoder-categorical_features', 'ohe = OneHotEncoder(categorical_features=[0], n_values=[3])\n'],
    ['sklearn-gridsearch-iid', 'gs = GridSearchCV(model, grid, iid=True)\n'],
    ['sklearn-loss-log', "sgd = SGDClassifier(loss='hinge')\n"],
    ['sklearn-criterion-mse-mae', "gb = GradientBoostingRegressor(criterion='mae')\n"]
  ];

  it.each(untouched)('%s leaves other shapes alone: %j', (id, code) => {
    const rule = engine.get(id)!;
    const { PythonSource } = jest.requireActual('../../../src/core/python/syntax');
    expect(rule.fix({ source: new PythonSource(code) })).toEqual([]);
  });

  it('lists static scikit-learn shapes in the pre-flight scan', () => {
    const findings = engine.scan(
      "from sklearn.grid_search import GridSearchCV\nfrom sklearn.externals import joblib\nrf = RandomForestClassifier(max_features='auto')\n"
    );
    expect(findings.filter(f => f.rule.trigger && f.rule.id.startsWith('sklearn-')).map(f => [f.rule.id, f.line])).toEqual([
      ['sklearn-grid_search-module', 1],
      ['sklearn-externals-joblib', 2],
      ['sklearn-max_features-auto', 3]
    ]);
  });

  it('moves sklearn.cross_validation and rewrites its old splitters in one patch', () => {
    const proposal = engine.propose(
      'from sklearn.cross_validation import KFold, cross_val_score\nkf = KFold(len(X), n_folds=10)\nfor tr, te in kf:\n    pass\n',
      error('ModuleNotFoundError', "No module named 'sklearn.cross_validation'")
    );
    expect(proposal?.rules.map(r => r.id)).toEqual(['sklearn-cross_validation-module', 'sklearn-cv-iterators-old-interface']);
    expect(proposal?.source).toBe(
      'from sklearn.model_selection import KFold, cross_val_score\nkf = list(KFold(n_splits=10).split(X))\nfor tr, te in kf:\n    pass\n'
    );
  });

  it('fixes the keyword-only call named by the error even without its import in the cell', () => {
    const proposal = engine.propose(
      'kf = StratifiedKFold(10, True, 0)\n',
      error('TypeError', 'StratifiedKFold.__init__() takes from 1 to 2 positional arguments but 4 were given')
    );
    expect(proposal?.source).toBe('kf = StratifiedKFold(10, shuffle=True, random_state=0)\n');
  });

  it('keeps normalize=True of a penalized model through a helper that scales X as before', () => {
    const proposal = engine.propose(
      'from sklearn.linear_model import Ridge\ndef fit(alpha):\n    model = Ridge(alpha=alpha, normalize=True)\n    return model\nlr = LinearRegression(normalize=True)\n',
      error('TypeError', "Ridge.__init__() got an unexpected keyword argument 'normalize'")
    );
    expect(proposal?.rules[0].id).toBe('sklearn-normalize-param');
    const after = proposal!.source;
    expect(after.startsWith('def _normalized(estimator):\n')).toBe(true);
    expect(after).toContain('self.coef_ = self.coef_ / scale');
    expect(after.endsWith(
      'from sklearn.linear_model import Ridge\ndef fit(alpha):\n    model = _normalized(Ridge)(alpha=alpha)\n    return model\nlr = LinearRegression()\n'
    )).toBe(true);
    // Applied again (another cell, or a second call later): the helper is not defined twice.
    const again = engine.propose(after.replace('LinearRegression()', 'Lasso(normalize=True)'), error('TypeError', "Lasso.__init__() got an unexpected keyword argument 'normalize'"));
    expect(again?.source.match(/def _normalized/g)).toHaveLength(1);
    expect(again?.source).toContain('lr = _normalized(Lasso)()\n');
  });

  it('drops normalize=True where fit_intercept=False made it a no-op', () => {
    const proposal = engine.propose('m = Lasso(alpha=1.0, normalize=True, fit_intercept=False)\n', error('TypeError', "Lasso.__init__() got an unexpected keyword argument 'normalize'"));
    expect(proposal?.source).toBe('m = Lasso(alpha=1.0, fit_intercept=False)\n');
  });

  it('rebuilds grid_scores_ from cv_results_ for every use in the cell', () => {
    const before =
      'from __future__ import print_function\nprint(grid.grid_scores_[0].parameters)\nscores = [r.mean_validation_score for r in search.best_estimator_.grid_scores_]\n';
    const proposal = engine.propose(before, error('AttributeError', "'GridSearchCV' object has no attribute 'grid_scores_'"));
    expect(proposal?.rules[0].id).toBe('sklearn-grid_scores_');
    const after = proposal!.source;
    expect(after.startsWith('from __future__ import print_function\ndef _grid_scores(search):\n')).toBe(true);
    expect(after).toContain("results['mean_test_score'][i]");
    expect(after.endsWith(
      'print(_grid_scores(grid)[0].parameters)\nscores = [r.mean_validation_score for r in _grid_scores(search.best_estimator_)]\n'
    )).toBe(true);
  });

  it('fixes an int parameter given as a float in a model wrapped by the normalize helper', () => {
    const proposal = engine.propose(
      'lassoreg = _normalized(Lasso)(alpha=alpha, max_iter=1e6)\n',
      error('InvalidParameterError', "The 'max_iter' parameter of Lasso must be an int in the range [1, inf) or None. Got 1000000.0 instead.")
    );
    expect(proposal?.source).toBe('lassoreg = _normalized(Lasso)(alpha=alpha, max_iter=1000000)\n');
  });

  it('leaves a non-integral float alone: it was never a whole number of iterations', () => {
    const proposal = engine.propose(
      'm = Lasso(max_iter=1.5e0)\n',
      error('InvalidParameterError', "The 'max_iter' parameter of Lasso must be an int in the range [1, inf) or None. Got 1.5 instead.")
    );
    expect(proposal).toBeNull();
  });
});
