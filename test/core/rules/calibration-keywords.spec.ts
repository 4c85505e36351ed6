import { PythonSource } from '../../../src/core/python/syntax';
import { defaultRules } from '../../../src/core/rules/defaults';
import { RuleEngine } from '../../../src/core/rules/engine';
import { runtimeRules } from '../../../src/core/rules/runtime';

/** Keyword names passed more than once to any call of the source. */
function repeatedKeywords(text: string): string[] {
  const source = new PythonSource(text);
  return source.findAll('CallExpression').flatMap(call => {
    const names = source.callArguments(call).map(arg => arg.name).filter((name): name is string => !!name);
    return names.filter((name, index) => names.indexOf(name) !== index);
  });
}

describe('calibration and runtime rules', () => {
  const engine = new RuleEngine([...defaultRules, ...runtimeRules]);

  it.each([
    ['TSNE(n_components=2, learning_rate=100.0)'],
    ['TSNE(learning_rate=100.0, perplexity=30)'],
    ['XGBClassifier(learning_rate=0.05)'],
    ['XGBRegressor(n_estimators=10, learning_rate=0.05)']
  ])('should never pass a keyword twice when the call already has one of the keywords a rule adds: %s', call => {
    for (const category of ['default-change', 'randomness', 'runtime'] as const) {
      for (const finding of engine.applicable(call, category)) {
        expect({ rule: finding.rule.id, repeated: repeatedKeywords(finding.source) }).toEqual({ rule: finding.rule.id, repeated: [] });
        expect(new PythonSource(finding.source).hasSyntaxErrors).toBe(false);
      }
    }
  });

  it('should keep the keyword the author wrote and add the others', () => {
    const [tsne] = engine.applicable('TSNE(learning_rate=100.0)', 'default-change').filter(f => f.rule.id === 'sklearn-tsne-defaults');
    expect(tsne.source).toBe("TSNE(learning_rate=100.0, init='random')");
  });

  it.each([
    ['runtime-n_jobs', 'keeps-results'],
    // 'hist' bins features: the trees and the scores differ from 'exact'.
    ['runtime-xgboost-hist', 'changes-results'],
    ['runtime-fewer-iterations', 'changes-results']
  ])('should label %s as %s', (id, tier) => {
    expect(runtimeRules.find(rule => rule.id === id)?.runtime?.tier).toBe(tier);
  });

  it('should not call a rule that may change scores one that keeps the results', () => {
    for (const rule of runtimeRules.filter(r => r.runtime?.tier === 'keeps-results')) {
      expect({ id: rule.id, message: rule.fact.message }).not.toEqual({ id: rule.id, message: expect.stringMatching(/usually|may|approximat|differ/i) });
    }
  });
});
