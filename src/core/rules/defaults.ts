/**
 * Score calibration: defaults that changed under old code. Each rule passes
 * the old default explicitly, so the notebook computes what its author saw.
 * They raise nothing: the runner tries them when a cell's numbers drift from
 * its stored outputs, one at a time, and keeps one only when it brings the
 * figure back.
 */
import { addedKeyword } from './builders';
import { calleeNamed } from '../python/calls';
import type { IRule } from './types';

const SKLEARN_022 = 'https://scikit-learn.org/stable/whats_new/v0.22.html';

/** Calls that take `random_state` and draw random numbers when it is missing. */
export const RANDOM_STATE_CALLS = [
  'train_test_split',
  'RandomForestClassifier',
  'RandomForestRegressor',
  'ExtraTreesClassifier',
  'ExtraTreesRegressor',
  'GradientBoostingClassifier',
  'GradientBoostingRegressor',
  'DecisionTreeClassifier',
  'DecisionTreeRegressor',
  'KMeans',
  'MLPClassifier',
  'MLPRegressor',
  'SGDClassifier',
  'SGDRegressor',
  'XGBClassifier',
  'XGBRegressor',
  'LGBMClassifier',
  'LGBMRegressor',
  'RandomizedSearchCV',
  'TSNE'
];

export const defaultRules: IRule[] = [
  addedKeyword({
    id: 'seed-random_state',
    category: 'randomness',
    fact: {
      library: 'scikit-learn',
      version: 'any',
      message: 'Without random_state these calls draw new random numbers on every run; random_state=0 makes the figures repeatable (not equal to the author\'s).',
      source: 'https://scikit-learn.org/stable/common_pitfalls.html#controlling-randomness'
    },
    calls: calleeNamed(...RANDOM_STATE_CALLS),
    keyword: 'random_state',
    value: '0'
  }),
  addedKeyword({
    id: 'sklearn-forest-n_estimators-default',
    category: 'default-change',
    fact: {
      library: 'scikit-learn',
      version: '0.22',
      message: 'The default n_estimators of random forests and extra trees changed from 10 to 100 in scikit-learn 0.22.',
      source: SKLEARN_022,
      catalogId: 'sklearn-forest-n_estimators-default'
    },
    calls: calleeNamed('RandomForestClassifier', 'RandomForestRegressor', 'ExtraTreesClassifier', 'ExtraTreesRegressor'),
    keyword: 'n_estimators',
    value: '10'
  }),
  addedKeyword({
    id: 'sklearn-logreg-solver-default',
    category: 'default-change',
    fact: {
      library: 'scikit-learn',
      version: '0.22',
      message: "The default solver of LogisticRegression changed from 'liblinear' to 'lbfgs' in scikit-learn 0.22.",
      source: SKLEARN_022,
      catalogId: 'sklearn-logreg-solver-default'
    },
    calls: calleeNamed('LogisticRegression'),
    keyword: 'solver',
    value: "'liblinear'"
  }),
  addedKeyword({
    id: 'sklearn-svc-gamma-default',
    category: 'default-change',
    fact: {
      library: 'scikit-learn',
      version: '0.22',
      message: "The default gamma of SVC, SVR, NuSVC and NuSVR changed from 'auto' (1/n_features) to 'scale' in scikit-learn 0.22.",
      source: SKLEARN_022,
      catalogId: 'sklearn-svc-gamma-default'
    },
    calls: calleeNamed('SVC', 'SVR', 'NuSVC', 'NuSVR', 'OneClassSVM'),
    keyword: 'gamma',
    value: "'auto'"
  }),
  addedKeyword({
    id: 'sklearn-kmeans-n_init-default',
    category: 'default-change',
    fact: {
      library: 'scikit-learn',
      version: '1.4',
      message: "The default n_init of KMeans changed from 10 to 'auto' (1 run with k-means++) in scikit-learn 1.4.",
      source: 'https://scikit-learn.org/stable/whats_new/v1.4.html',
      catalogId: 'sklearn-kmeans-n_init-default'
    },
    calls: calleeNamed('KMeans', 'MiniBatchKMeans'),
    keyword: 'n_init',
    value: '10'
  }),
  addedKeyword({
    id: 'sklearn-cv-default-5',
    category: 'default-change',
    fact: {
      library: 'scikit-learn',
      version: '0.22',
      message: 'The default number of cross-validation folds changed from 3 to 5 in scikit-learn 0.22.',
      source: SKLEARN_022,
      catalogId: 'sklearn-cv-default-5'
    },
    calls: calleeNamed('cross_val_score', 'cross_validate', 'cross_val_predict', 'GridSearchCV', 'RandomizedSearchCV', 'learning_curve', 'validation_curve'),
    keyword: 'cv',
    value: '3'
  }),
  addedKeyword({
    id: 'sklearn-tsne-defaults',
    category: 'default-change',
    fact: {
      library: 'scikit-learn',
      version: '1.2',
      message: "TSNE's defaults changed to init='pca' and learning_rate='auto' in scikit-learn 1.2 (before: 'random' and 200).",
      source: 'https://scikit-learn.org/stable/whats_new/v1.2.html',
      catalogId: 'sklearn-tsne-defaults'
    },
    calls: calleeNamed('TSNE'),
    keyword: 'init',
    value: "'random', learning_rate=200.0"
  }),
  addedKeyword({
    id: 'xgboost-default-tree_method-hist',
    category: 'default-change',
    fact: {
      library: 'xgboost',
      version: '2.0',
      message: "XGBoost's default tree_method became 'hist' in 2.0 (before: 'exact' on small data).",
      source: 'https://xgboost.readthedocs.io/en/stable/changes/v2.0.0.html',
      catalogId: 'xgboost-default-tree_method-hist'
    },
    calls: calleeNamed('XGBClassifier', 'XGBRegressor'),
    keyword: 'tree_method',
    value: "'exact'"
  }),
  addedKeyword({
    id: 'xgboost-sklearn-default-params',
    category: 'default-change',
    fact: {
      library: 'xgboost',
      version: '1.0',
      message: "XGBoost's scikit-learn wrapper changed its defaults in 1.0 (max_depth 3 -> 6, learning_rate 0.1 -> 0.3).",
      source: 'https://github.com/dmlc/xgboost/blob/master/NEWS.md',
      catalogId: 'xgboost-sklearn-default-params'
    },
    calls: calleeNamed('XGBClassifier', 'XGBRegressor'),
    keyword: 'max_depth',
    value: '3, learning_rate=0.1'
  }),
  addedKeyword({
    id: 'pandas-get_dummies-bool',
    category: 'default-change',
    fact: {
      library: 'pandas',
      version: '2.0',
      message: 'pd.get_dummies returns bool columns since pandas 2.0 (before: uint8 0/1).',
      source: 'https://pandas.pydata.org/docs/whatsnew/v2.0.0.html',
      catalogId: 'pandas-get_dummies-bool'
    },
    calls: (qualified, dotted) => dotted.endsWith('get_dummies') && (qualified.startsWith('pandas.') || dotted === 'get_dummies'),
    keyword: 'dtype',
    value: "'uint8'"
  })
];
