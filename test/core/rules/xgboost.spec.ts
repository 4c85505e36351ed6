import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';
import { PythonSource } from '../../../src/core/python/syntax';

const engine = new RuleEngine(allRules, allFamilies);
const error = (ename: string, evalue: string) => ({ ename, evalue, traceback: [] });

/** [rule id, ename, evalue (as XGBoost 3.2.0 prints it), before, after] */
const cases: [string, string, string, string, string][] = [
  [
    'xgboost-fit-early_stopping_rounds',
    'TypeError',
    "XGBClassifier.fit() got an unexpected keyword argument 'early_stopping_rounds'",
    "import xgboost as xgb\nmodel = xgb.XGBClassifier(n_estimators=500)\nmodel.fit(X, y, eval_set=[(Xv, yv)], early_stopping_rounds=50, eval_metric='auc', verbose=False)\n",
    "import xgboost as xgb\nmodel = xgb.XGBClassifier(n_estimators=500, early_stopping_rounds=50, eval_metric='auc')\nmodel.fit(X, y, eval_set=[(Xv, yv)], verbose=False)\n"
  ],
  [
    'xgboost-fit-early_stopping_rounds',
    'TypeError',
    "XGBRegressor.fit() got an unexpected keyword argument 'early_stopping_rounds'",
    'reg = XGBRegressor().fit(X, y, early_stopping_rounds=10, eval_set=[(Xv, yv)])\n',
    'reg = XGBRegressor(early_stopping_rounds=10).fit(X, y, eval_set=[(Xv, yv)])\n'
  ],
  [
    'xgboost-fit-early_stopping_rounds',
    'TypeError',
    "XGBClassifier.fit() got an unexpected keyword argument 'eval_metric'",
    "for train_idx, val_idx in folds:\n    clf.fit(X[train_idx], y[train_idx], eval_metric='logloss')\n",
    "for train_idx, val_idx in folds:\n    clf.set_params(eval_metric='logloss')\n    clf.fit(X[train_idx], y[train_idx])\n"
  ],
  [
    'xgboost-gpu_hist',
    'XGBoostError',
    "Invalid Input: 'gpu_hist', valid values are: {'approx', 'auto', 'exact', 'hist'}",
    "model = XGBClassifier(tree_method='gpu_hist', gpu_id=0, predictor='gpu_predictor')\n",
    "model = XGBClassifier(tree_method='hist', device='cuda:0')\n"
  ],
  [
    'xgboost-gpu_hist',
    'XGBoostError',
    "Invalid Input: 'gpu_hist', valid values are: {'approx', 'auto', 'exact', 'hist'}",
    "params = {'objective': 'binary:logistic', 'tree_method': 'gpu_hist'}\nbst = xgb.train(params, dtrain, 100)\n",
    "params = {'objective': 'binary:logistic', 'tree_method': 'hist', 'device': 'cuda'}\nbst = xgb.train(params, dtrain, 100)\n"
  ],
  [
    'xgboost-gpu_hist',
    'XGBoostError',
    "[00:33:25] /__w/xgboost/xgboost/src/context.cc:242: `gpu_id` has been removed since 3.1. Use `device` instead.",
    "params['tree_method'] = 'gpu_hist'\n",
    "params['tree_method'] = 'hist'\nparams['device'] = 'cuda'\n"
  ],
  [
    'xgboost-ntree_limit',
    'TypeError',
    "Booster.predict() got an unexpected keyword argument 'ntree_limit'",
    'pred = bst.predict(dtest, ntree_limit=bst.best_ntree_limit)\n',
    'pred = bst.predict(dtest, iteration_range=(0, bst.best_iteration + 1))\n'
  ],
  [
    'xgboost-ntree_limit',
    'TypeError',
    "XGBClassifier.predict() got an unexpected keyword argument 'ntree_limit'",
    'clf = XGBClassifier()\nclf.fit(X, y)\np = clf.predict_proba(Xt, ntree_limit=clf.best_ntree_limit)[:, 1]\n',
    'clf = XGBClassifier()\nclf.fit(X, y)\np = clf.predict_proba(Xt)[:, 1]\n'
  ],
  [
    'xgboost-ntree_limit',
    'AttributeError',
    "'XGBClassifier' object has no attribute 'best_ntree_limit'",
    "print('best', model.best_ntree_limit)\n",
    "print('best', (model.best_iteration + 1))\n"
  ],
  [
    'xgboost-train-feval',
    'TypeError',
    "train() got an unexpected keyword argument 'feval'",
    'import xgboost as xgb\nbst = xgb.train(params, dtrain, 100, evals=watch, feval=gini_xgb, maximize=True)\n',
    'import xgboost as xgb\nbst = xgb.train(params, dtrain, 100, evals=watch, custom_metric=gini_xgb, maximize=True)\n'
  ]
];

describe('XGBoost rules', () => {
  it.each(cases)('%s fixes %s: %s', (id, ename, evalue, before, after) => {
    const proposal = engine.propose(before, error(ename, evalue));
    expect(proposal?.rules[0].id).toBe(id);
    expect(proposal?.source).toBe(after);
  });

  /** [rule id, source, expected rewrite] for changes that only warn (no error to trigger on). */
  it.each([
    ['xgboost-silent', 'm = XGBClassifier(silent=True, n_jobs=4)\n', 'm = XGBClassifier(verbosity=0, n_jobs=4)\n'],
    [
      'xgboost-silent',
      "import xgboost as xgb\np = {'eta': 0.1, 'silent': 1}\nb = xgb.train(p, d)\n",
      "import xgboost as xgb\np = {'eta': 0.1, 'verbosity': 0}\nb = xgb.train(p, d)\n"
    ],
    ['xgboost-label-encoder', "m = XGBClassifier(use_label_encoder=False, eval_metric='logloss')\n", "m = XGBClassifier(eval_metric='logloss')\n"]
  ])('%s is found by the pre-flight scan: %j', (id, before, after) => {
    const finding = engine.scan(before).find(f => f.rule.id === id);
    expect(finding?.source).toBe(after);
  });

  it.each([
    ['xgboost-fit-early_stopping_rounds', 'model = LGBMClassifier()\nmodel.fit(X, y, early_stopping_rounds=10)\n'],
    ['xgboost-fit-early_stopping_rounds', "model.fit(X, y, eval_metric='auc')\n"],
    ['xgboost-gpu_hist', "m = XGBClassifier(tree_method='hist')\n"],
    ['xgboost-silent', "opts = {'silent': True}\n"],
    ['xgboost-train-feval', 'import lightgbm as lgb\nlgb.train(params, d, feval=f)\n']
  ])('%s leaves other shapes alone: %j', (id, code) => {
    expect(engine.get(id)!.fix({ source: new PythonSource(code) })).toEqual([]);
  });

  it('gives every rule its catalog id and an XGBoost fact', () => {
    for (const rule of engine.rules.filter(r => r.id.startsWith('xgboost-'))) {
      expect([rule.id, rule.fact.catalogId, rule.fact.library, /XGBoost/.test(rule.fact.message)]).toEqual([rule.id, rule.id, 'xgboost', true]);
    }
  });
});
