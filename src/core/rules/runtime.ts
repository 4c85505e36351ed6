/**
 * Runtime reduction, in two tiers. First what keeps the results (work spread
 * over the cores); only then what changes them (a faster algorithm that
 * scores differently, fewer iterations), always flagged, with the
 * speed-up to expect. The runner proposes them for a cell that overran its
 * budget.
 */
import { addedKeyword, customRule } from './builders';
import { calleeNamed } from '../python/calls';
import { replace } from '../python/edit';
import type { IRule } from './types';

/** Estimators and helpers whose `n_jobs` spreads independent fits over cores. */
const PARALLEL = [
  'GridSearchCV',
  'RandomizedSearchCV',
  'cross_val_score',
  'cross_validate',
  'cross_val_predict',
  'RandomForestClassifier',
  'RandomForestRegressor',
  'ExtraTreesClassifier',
  'ExtraTreesRegressor',
  'KNeighborsClassifier',
  'KNeighborsRegressor',
  'BaggingClassifier',
  'BaggingRegressor',
  'learning_curve',
  'validation_curve',
  'permutation_importance'
];

/** Keywords that scale the work linearly, and how far a cut goes. */
const ITERATIONS = ['n_estimators', 'epochs', 'max_iter', 'num_boost_round', 'n_iter'];
const CUT = 4;

export const runtimeRules: IRule[] = [
  addedKeyword({
    id: 'runtime-n_jobs',
    category: 'runtime',
    fact: {
      library: 'scikit-learn',
      version: 'any',
      message: 'n_jobs=-1 runs the independent fits of this call on every core; the results do not change.',
      source: 'https://scikit-learn.org/stable/glossary.html#term-n_jobs'
    },
    calls: calleeNamed(...PARALLEL),
    keyword: 'n_jobs',
    value: '-1',
    runtime: { tier: 'keeps-results', speedup: 'up to the number of cores' }
  }),
  addedKeyword({
    id: 'runtime-xgboost-hist',
    category: 'runtime',
    fact: {
      library: 'xgboost',
      version: '2.0',
      message: "tree_method='hist' bins features before growing trees; it is much faster than 'exact' and usually scores the same.",
      source: 'https://xgboost.readthedocs.io/en/stable/treemethod.html'
    },
    calls: calleeNamed('XGBClassifier', 'XGBRegressor'),
    keyword: 'tree_method',
    value: "'hist'",
    runtime: { tier: 'changes-results', speedup: 'several times on large data' }
  }),
  customRule({
    id: 'runtime-fewer-iterations',
    category: 'runtime',
    static: true,
    runtime: { tier: 'changes-results', speedup: `about ${CUT}×` },
    fact: {
      library: 'any',
      version: 'any',
      message: `Fewer estimators, epochs or iterations (a ${CUT}th) make the cell about ${CUT} times faster and change its results.`,
      source: 'https://scikit-learn.org/stable/computing/computational_performance.html'
    },
    fix: ({ source }) =>
      source.findAll('CallExpression').flatMap(call =>
        source
          .callArguments(call)
          .filter(arg => arg.name && ITERATIONS.includes(arg.name) && arg.value.name === 'Number')
          .flatMap(arg => {
            const value = Number(source.textOf(arg.value).replace(/_/g, ''));
            if (!Number.isFinite(value) || value < 2 * CUT) {
              return [];
            }
            return [replace(arg.value, String(Math.max(1, Math.round(value / CUT))))];
          })
      )
  })
];
