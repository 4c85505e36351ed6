/**
 * The scikit-learn, XGBoost and LightGBM rules that need more than a rename,
 * end to end in the real kernel of the project venv (scikit-learn 1.9,
 * xgboost 3, lightgbm 4): the 2016-2020 code fails, the error picks the
 * rule, the rewrite runs and prints what the old code printed (the numbers
 * below are the ones those releases gave, or an independent computation of
 * the same quantity).
 *
 * Every case starts from a clean namespace (`%reset -f`) and its setup, and
 * the fixed code runs again on a fresh setup, so a half-run old cell cannot
 * make the fix look good.
 */
import { kernelCases } from '../helpers/rulecases';
import type { IFailingCase } from '../helpers/rulecases';

const NP = 'import numpy as np\n';
const IRIS = NP + 'from sklearn.datasets import load_iris\nX, y = load_iris(return_X_y=True)\n';
/** Columns on very different scales, where normalize=True mattered. */
const SCALED =
  NP +
  'rng = np.random.RandomState(0)\n' +
  'X = rng.rand(60, 4) * [1, 10, 100, 1000]\n' +
  'y = X @ [1, 0.2, 0.03, 0.001] + rng.randn(60) * 0.1\n' +
  'from sklearn.pipeline import make_pipeline\nfrom sklearn.preprocessing import StandardScaler\n';
const BINARY =
  NP +
  'from sklearn.datasets import load_breast_cancer\n' +
  'from sklearn.model_selection import train_test_split\n' +
  'X, y = load_breast_cancer(return_X_y=True)\n' +
  'X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.25, random_state=0)\n';

const failing: IFailingCase[] = [
  // 0.20: grid_scores_ -> cv_results_, rebuilt into the old namedtuples (repr included).
  {
    ruleId: 'sklearn-grid_scores_',
    setup: IRIS + 'from sklearn.model_selection import GridSearchCV\nfrom sklearn.neighbors import KNeighborsClassifier\n',
    old:
      "grid = GridSearchCV(KNeighborsClassifier(), {'n_neighbors': [1, 2, 3]}, cv=10, scoring='accuracy')\n" +
      'grid.fit(X, y)\n' +
      'print(grid.grid_scores_[0])\n' +
      'print(grid.grid_scores_[0].parameters, grid.grid_scores_[0].mean_validation_score, len(grid.grid_scores_[0].cv_validation_scores))\n' +
      'print([result.mean_validation_score for result in grid.grid_scores_])\n',
    prints:
      "mean: 0.96000, std: 0.05333, params: {'n_neighbors': 1}\n{'n_neighbors': 1} 0.96 10\n[0.96, 0.9533333333333334, 0.9666666666666666]\n"
  },
  // 0.23-1.0 keyword-only arguments of functions behind validate_params.
  {
    ruleId: 'sklearn-keyword-only-args',
    setup: NP,
    old: 'from sklearn.preprocessing import binarize\nprobs = np.array([0.1, 0.35, 0.8])\nprint(binarize([probs], 0.3)[0].tolist())\n',
    prints: '[0.0, 1.0, 1.0]'
  },
  // 0.24: random_state without shuffle is an error; it was ignored before.
  {
    ruleId: 'sklearn-kfold-random_state-without-shuffle',
    setup: IRIS + 'from sklearn import model_selection\n',
    old: 'kfold = model_selection.KFold(n_splits=10, random_state=7)\nprint([len(test) for _, test in kfold.split(X)][:3])\n',
    prints: '[15, 15, 15]'
  },
  // 1.2: parameter validation rejects max_iter=1e5.
  {
    ruleId: 'sklearn-int-param-float',
    setup: IRIS + 'from sklearn.linear_model import Lasso\n',
    old: 'lasso = Lasso(alpha=0.01, max_iter=1e5).fit(X, y)\nprint(lasso.max_iter, lasso.n_iter_ > 0)\n',
    prints: '100000 True'
  },
  // 1.2: normalize=True of a penalized model: the helper gives the documented equivalent
  // (StandardScaler, alpha * n_samples for Ridge), with coef_ in X's units as before.
  {
    ruleId: 'sklearn-normalize-param',
    setup: SCALED + 'from sklearn.linear_model import Ridge\n',
    old:
      'ridge = Ridge(alpha=0.5, normalize=True).fit(X, y)\n' +
      'ref = make_pipeline(StandardScaler(), Ridge(alpha=0.5 * len(X))).fit(X, y)\n' +
      'print(np.allclose(ridge.predict(X), ref.predict(X)), np.allclose(ridge.coef_, ref[-1].coef_ / ref[0].scale_), ridge)\n',
    prints: 'True True Ridge(alpha=0.5)'
  },
  {
    ruleId: 'sklearn-normalize-param',
    setup: SCALED + 'from sklearn.linear_model import Lasso\n',
    old:
      'lasso = Lasso(alpha=0.001, normalize=True, max_iter=100000).fit(X, y)\n' +
      'ref = make_pipeline(StandardScaler(), Lasso(alpha=0.001 * np.sqrt(len(X)), max_iter=100000)).fit(X, y)\n' +
      'print(np.allclose(lasso.predict(X), ref.predict(X)))\n',
    prints: 'True'
  },
  // LightGBM 4.0: fit(eval_metric=, early_stopping_rounds=, verbose=) -> callbacks (eval_metric stays).
  {
    ruleId: 'lightgbm-sklearn-fit-early_stopping',
    setup: BINARY + 'import lightgbm as lgb\n',
    old:
      'model = lgb.LGBMClassifier(n_estimators=200, learning_rate=0.05, verbose=-1)\n' +
      "model.fit(X_train, y_train, eval_metric='auc', eval_set=[(X_valid, y_valid)], early_stopping_rounds=10, verbose=-1)\n" +
      'print(0 < model.best_iteration_ < 200)\n',
    prints: 'True'
  }
];

describe('scikit-learn, XGBoost and LightGBM rules in the real kernel', () => {
  const cases = kernelCases();

  it.each(failing.map(c => [c.ruleId, c]))('%s: old code fails, the error picks the rule, the rewrite runs', async (_, testCase) => {
    await cases.failsThenRuns(testCase as IFailingCase);
  });
});
