import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';
import { PythonSource } from '../../../src/core/python/syntax';

const engine = new RuleEngine(allRules, allFamilies);
const error = (ename: string, evalue: string) => ({ ename, evalue, traceback: [] });

/** [rule id, ename, evalue (as LightGBM 4.7.0 prints it), before, after] */
const cases: [string, string, string, string, string][] = [
  [
    'lightgbm-train-early_stopping_rounds',
    'TypeError',
    "train() got an unexpected keyword argument 'early_stopping_rounds'",
    'import lightgbm as lgb\nmodel = lgb.train(params, dtrain, 1000, valid_sets=[dval], early_stopping_rounds=100, verbose_eval=50)\n',
    'import lightgbm as lgb\nmodel = lgb.train(params, dtrain, 1000, valid_sets=[dval], callbacks=[lgb.early_stopping(stopping_rounds=100), lgb.log_evaluation(period=50)])\n'
  ],
  [
    'lightgbm-train-verbose_eval',
    'TypeError',
    "train() got an unexpected keyword argument 'verbose_eval'",
    'import lightgbm\nbst = lightgbm.train(params, d, valid_sets=[v], verbose_eval=False, early_stopping_rounds=20)\n',
    'import lightgbm\nbst = lightgbm.train(params, d, valid_sets=[v], callbacks=[lightgbm.early_stopping(stopping_rounds=20, verbose=False)])\n'
  ],
  [
    'lightgbm-train-evals_result',
    'TypeError',
    "train() got an unexpected keyword argument 'evals_result'",
    'import lightgbm as lgb\nres = {}\nbst = lgb.train(params, d, valid_sets=[v], evals_result=res, callbacks=[lgb.reset_parameter(learning_rate=lr)])\n',
    'import lightgbm as lgb\nres = {}\nbst = lgb.train(params, d, valid_sets=[v], callbacks=[lgb.reset_parameter(learning_rate=lr), lgb.record_evaluation(res)])\n'
  ],
  [
    'lightgbm-cv-early_stopping',
    'TypeError',
    "cv() got an unexpected keyword argument 'early_stopping_rounds'",
    'from lightgbm import cv\nimport lightgbm as lgb\nhist = cv(params, d, nfold=5, early_stopping_rounds=50, verbose_eval=True)\n',
    'from lightgbm import cv\nimport lightgbm as lgb\nhist = cv(params, d, nfold=5, callbacks=[lgb.early_stopping(stopping_rounds=50), lgb.log_evaluation(period=1)])\n'
  ],
  [
    'lightgbm-sklearn-fit-early_stopping',
    'TypeError',
    "LGBMClassifier.fit() got an unexpected keyword argument 'early_stopping_rounds'",
    "from lightgbm import LGBMClassifier\nclf = LGBMClassifier(n_estimators=1000)\nclf.fit(X, y, eval_set=[(Xv, yv)], eval_metric='auc', early_stopping_rounds=50, verbose=100)\n",
    "import lightgbm as lgb\nfrom lightgbm import LGBMClassifier\nclf = LGBMClassifier(n_estimators=1000)\nclf.fit(X, y, eval_set=[(Xv, yv)], eval_metric='auc', callbacks=[lgb.early_stopping(stopping_rounds=50), lgb.log_evaluation(period=100)])\n"
  ],
  [
    'lightgbm-sklearn-fit-early_stopping',
    'TypeError',
    "LGBMRegressor.fit() got an unexpected keyword argument 'verbose'",
    'model.fit(X, y, eval_set=[(Xv, yv)], verbose=False)\n',
    'model.fit(X, y, eval_set=[(Xv, yv)])\n'
  ]
];

describe('LightGBM rules', () => {
  it.each(cases)('%s fixes %s: %s', (id, ename, evalue, before, after) => {
    const proposal = engine.propose(before, error(ename, evalue));
    expect(proposal?.rules[0].id).toBe(id);
    expect(proposal?.source).toBe(after);
  });

  it.each([
    ['lightgbm-train-early_stopping_rounds', 'import xgboost as xgb\nbst = xgb.train(params, d, 100, evals=w, early_stopping_rounds=10)\n'],
    ['lightgbm-sklearn-fit-early_stopping', 'model = XGBClassifier()\nmodel.fit(X, y, verbose=False)\n'],
    ['lightgbm-sklearn-fit-early_stopping', 'model.fit(X, y, verbose=0)\n']
  ])('%s leaves other shapes alone: %j', (id, code) => {
    expect(engine.get(id)!.fix({ source: new PythonSource(code) })).toEqual([]);
  });

  it('lists lgb.train(early_stopping_rounds=) in the pre-flight scan', () => {
    const findings = engine.scan('import lightgbm as lgb\nm = lgb.train(p, d, valid_sets=[v], early_stopping_rounds=5)\n');
    expect(findings.map(f => f.rule.id).filter(id => id.startsWith('lightgbm-'))).toEqual(['lightgbm-train-early_stopping_rounds']);
  });

  it('gives every rule its catalog id and a LightGBM 4.0 fact', () => {
    for (const rule of engine.rules.filter(r => r.id.startsWith('lightgbm-'))) {
      expect([rule.id, rule.fact.catalogId, rule.fact.version, /LightGBM 4\.0/.test(rule.fact.message)]).toEqual([rule.id, rule.id, '4.0.0', true]);
    }
  });

  it('fixes a helper module beside the notebook, with the failing lines taken from its own frames', () => {
    // feature_selector-style helper: a loop appending frames, then a LightGBM fit with early stopping.
    const helper = [
      'import numpy as np',
      'import pandas as pd',
      'import lightgbm as lgb',
      '',
      'class Selector:',
      '    def collinear(self, pairs):',
      '        record = pd.DataFrame(columns=["a"])',
      '        for pair in pairs:',
      '            record = record.append(pd.DataFrame({"a": [pair]}), ignore_index = True)',
      '        return record',
      '',
      '    def importance(self, X, y, metric):',
      '        model = lgb.LGBMClassifier(n_estimators=1000, verbose = -1)',
      '        model.fit(X, y, eval_metric = metric, eval_set = [(X, y)],',
      '                  early_stopping_rounds = 100, verbose = -1)',
      '        return model',
      ''
    ].join('\n');
    const traceback = (line: number, evalue: string) => [
      'Cell In[7], line 1\n----> 1 fs.run()\n',
      `File /nb/feature_selector/feature_selector.py:${line}, in Selector.f(self)\n`,
      `File /venv/lib/python3.11/site-packages/pandas/core/generic.py:6321, in NDFrame.__getattr__(self, name)\n`,
      evalue
    ];
    const appendError = { ename: 'AttributeError', evalue: "'DataFrame' object has no attribute 'append'", traceback: traceback(9, 'AttributeError') };
    const fixedAppend = engine.propose(helper, appendError);
    expect(fixedAppend?.source).toContain('record = pd.concat([record, pd.DataFrame({"a": [pair]})], ignore_index = True)');
    const fitError = {
      ename: 'TypeError',
      evalue: "LGBMClassifier.fit() got an unexpected keyword argument 'early_stopping_rounds'",
      traceback: traceback(14, 'TypeError')
    };
    expect(engine.propose(helper, fitError)?.source).toContain(
      'model.fit(X, y, eval_metric = metric, eval_set = [(X, y)],\n                  callbacks=[lgb.early_stopping(stopping_rounds=100, verbose=False)])'
    );
  });
});
