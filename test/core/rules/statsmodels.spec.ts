import { importAliases } from '../../../src/core/python/syntax';
import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';

const engine = new RuleEngine(allRules, allFamilies);

function propose(code: string, ename: string, evalue: string, traceback: string[] = []) {
  const proposal = engine.propose(code, { ename, evalue, traceback });
  return proposal && { id: proposal.rules[0].id, source: proposal.source };
}

/** What statsmodels 0.15 raises on importing the old module. */
const REMOVED =
  '\nstatsmodels.tsa.arima_model.ARMA and statsmodels.tsa.arima_model.ARIMA have\nbeen removed in favor of statsmodels.tsa.arima.model.ARIMA (note the .\nbetween arima and model) and statsmodels.tsa.SARIMAX.\n';

describe('statsmodels rules', () => {
  describe('triggered by the real statsmodels 0.15 error', () => {
    it.each([
      ['statsmodels-arima_model-removed', 'from statsmodels.tsa.arima_model import ARIMA\n', 'NotImplementedError', REMOVED, 'from statsmodels.tsa.arima.model import ARIMA\n'],
      [
        'statsmodels-arima_model-removed',
        'from statsmodels.tsa.arima_model import ARMA\nmodel = ARMA(ts, order=(2, 1))\n',
        'NotImplementedError',
        REMOVED,
        'from statsmodels.tsa.arima.model import ARIMA\nmodel = ARIMA(ts, order=(2, 0, 1))\n'
      ],
      ['statsmodels-arima_model-removed', 'import statsmodels.api as sm\nm = sm.tsa.ARMA(y, (1, 0)).fit()\n', 'AttributeError', "module 'statsmodels.tsa.api' has no attribute 'ARMA'", 'import statsmodels.api as sm\nm = sm.tsa.ARIMA(y, order=(1, 0, 0)).fit()\n'],
      ['statsmodels-arima-fit-arguments', 'results_AR = model.fit(disp=-1)\n', 'TypeError', "ARIMA.fit() got an unexpected keyword argument 'disp'", 'results_AR = model.fit()\n'],
      [
        'statsmodels-arima-fit-arguments',
        'model = ARIMA(ts_log, order=(2, 1, 2))\nresults_ARIMA = model.fit(disp=-1)\nrss = sum((results_ARIMA.fittedvalues - ts_log_diff) ** 2)\n',
        'TypeError',
        "ARIMA.fit() got an unexpected keyword argument 'disp'",
        'model = ARIMA(ts_log.diff().dropna(), order=(2, 0, 2))\nresults_ARIMA = model.fit()\nrss = sum((results_ARIMA.fittedvalues - ts_log_diff) ** 2)\n'
      ],
      ['statsmodels-arima-fit-arguments', "res = ARIMA(y, order=(1, 0, 1)).fit(trend='nc', disp=0)\n", 'TypeError', "ARIMA.fit() got an unexpected keyword argument 'trend'", "res = ARIMA(y, order=(1, 0, 1), trend='n').fit()\n"],
      ['statsmodels-arima-fit-arguments', "res = model.fit(method='css-mle', disp=0, maxiter=200, cov_type='robust')\n", 'TypeError', "ARIMA.fit() got an unexpected keyword argument 'disp'", "res = model.fit(cov_type='robust')\n"],
      ['statsmodels-seasonal_decompose-freq', 'from statsmodels.tsa.seasonal import seasonal_decompose\nd = seasonal_decompose(ts, model="additive", freq=12)\n', 'TypeError', "seasonal_decompose() got an unexpected keyword argument 'freq'", 'from statsmodels.tsa.seasonal import seasonal_decompose\nd = seasonal_decompose(ts, model="additive", period=12)\n']
    ])('%s: %j', (id, code, ename, evalue, expected) => {
      expect(propose(code, ename, evalue)).toEqual({ id, source: expected });
    });
  });

  it('imports ARIMA into the cell when ARMA came from an earlier cell (the stub module still imports)', () => {
    const error = { ename: 'NotImplementedError', evalue: REMOVED, traceback: [] };
    const earlier = importAliases(['from statsmodels.tsa.arima_model import ARMA\n']);
    expect(engine.propose('model = ARMA(train_data, order=(4, 1))\nfit = model.fit()\n', error, earlier)?.source).toBe(
      'from statsmodels.tsa.arima.model import ARIMA\nmodel = ARIMA(train_data, order=(4, 0, 1))\nfit = model.fit()\n'
    );
    const aliased = importAliases(['from statsmodels.tsa.arima_model import ARMA as Arma\nfrom statsmodels.tsa.arima.model import ARIMA\n']);
    expect(engine.propose('model = Arma(y, order=(1, 1))\n', error, aliased)?.source).toBe('model = ARIMA(y, order=(1, 0, 1))\n');
  });

  it('lists the old module in the pre-flight scan', () => {
    const finding = engine.scan('from statsmodels.tsa.arima_model import ARIMA\n').find(f => f.rule.id === 'statsmodels-arima_model-removed');
    expect(finding?.source).toBe('from statsmodels.tsa.arima.model import ARIMA\n');
  });

  describe('leaves other shapes alone', () => {
    it('fit(disp=0) of another model on another line', () => {
      const code = 'logit = sm.Logit(y, X).fit(disp=0)\nres = model.fit(disp=-1)\n';
      expect(propose(code, 'TypeError', "ARIMA.fit() got an unexpected keyword argument 'disp'", ['Cell In[4], line 2'])?.source).toBe('logit = sm.Logit(y, X).fit(disp=0)\nres = model.fit()\n');
    });

    it('the new module and fit() without old arguments', () => {
      expect(engine.scan('from statsmodels.tsa.arima.model import ARIMA\nres = ARIMA(y, order=(1, 1, 1)).fit()\n').filter(f => f.rule.id.startsWith('statsmodels-'))).toEqual([]);
      expect(propose("res = model.fit(method='statespace')\n", 'TypeError', "ARIMA.fit() got an unexpected keyword argument 'disp'")).toBeNull();
    });
  });
});
