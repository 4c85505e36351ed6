/**
 * Results whose shape changed: a list of records that is a dict of arrays
 * today (`grid_scores_` -> `cv_results_`), and a reduced axis a function no
 * longer keeps unless asked (`scipy.stats.mode`).
 */
import type { SyntaxNode } from '@lezer/common';
import { definitionOf } from '../../python/names';
import { replace } from '../../python/edit';
import type { IEdit } from '../../python/edit';
import { appendArgument } from '../../python/calls';
import { helperDefinition } from '../../python/imports';
import type { PythonSource } from '../../python/syntax';
import { customRule } from '../builders';
import { readAttributeError } from '../families/attributes';
import type { IFact, IRule, IRuleError } from '../types';
import { SKLEARN_WHATS_NEW, withMined } from './facts';

/**
 * grid_scores_ held one namedtuple per candidate (parameters,
 * mean_validation_score, cv_validation_scores), shown as
 * `mean: 0.96000, std: 0.05333, params: {...}`.
 */
const GRID_SCORES_HELPER = `def _grid_scores(search):
    """search.grid_scores_ as scikit-learn < 0.20 had it, rebuilt from search.cv_results_."""
    import collections
    import numpy

    class _CVScoreTuple(collections.namedtuple('_CVScoreTuple', ('parameters', 'mean_validation_score', 'cv_validation_scores'))):
        __slots__ = ()

        def __repr__(self):
            return 'mean: {0:.5f}, std: {1:.5f}, params: {2}'.format(
                self.mean_validation_score, numpy.std(self.cv_validation_scores), self.parameters)

    results = search.cv_results_
    folds = [results['split%d_test_score' % i] for i in range(search.n_splits_)]
    return [_CVScoreTuple(params, float(results['mean_test_score'][i]), numpy.array([fold[i] for fold in folds]))
            for i, params in enumerate(results['params'])]
`;

/** A result attribute whose shape changed, by the classes that had it. */
export interface IReshapedResult {
  id: string;
  fact: IFact;
  attribute: string;
  owners: string[];
  /** Whether a use whose owner neither the error nor the source names is this row's (the common case). */
  byDefault: boolean;
  /** Today's expression for `object.attribute`, and the helper it needs. */
  rewrite(object: string): string;
  helper?: { name: string; text: string };
}

export const RESHAPED_RESULTS: IReshapedResult[] = [
  {
    id: 'sklearn-grid_scores_',
    fact: {
      library: 'scikit-learn',
      version: '0.20',
      message: 'GridSearchCV/RandomizedSearchCV.grid_scores_ was removed in scikit-learn 0.20; cv_results_ holds the same numbers (params, mean_test_score, split<i>_test_score), rebuilt here into the old namedtuples.',
      source: SKLEARN_WHATS_NEW('0.20')
    },
    attribute: 'grid_scores_',
    owners: ['GridSearchCV', 'RandomizedSearchCV'],
    byDefault: true,
    rewrite: object => `_grid_scores(${object})`,
    helper: { name: '_grid_scores', text: GRID_SCORES_HELPER }
  },
  {
    id: 'sklearn-rfecv-grid_scores_',
    fact: withMined(
      {
        library: 'scikit-learn',
        version: '1.2',
        message:
          "RFECV.grid_scores_ was removed in scikit-learn 1.2; its mean cross-validated score per number of features (as before 1.0) is cv_results_['mean_test_score'].",
        source: SKLEARN_WHATS_NEW('1.0')
      },
      'scikit-learn:attribute-renamed:sklearn.feature_selection.RFECV.grid_scores_'
    ),
    attribute: 'grid_scores_',
    owners: ['RFECV'],
    byDefault: false,
    rewrite: object => `${object}.cv_results_['mean_test_score']`
  }
];

/** A reduction that stopped keeping the axis it reduced: the old shape is one keyword away. */
export interface IKeptDimensions {
  id: string;
  fact: IFact;
  function: string;
  /** The keyword and value that restore the old shape. */
  keyword: string;
  value: string;
  trigger: RegExp;
}

export const KEPT_DIMENSIONS: IKeptDimensions[] = [
  {
    id: 'scipy-stats-mode-keepdims',
    fact: {
      library: 'scipy',
      version: '1.11',
      message:
        'scipy.stats.mode kept the reduced axis until SciPy 1.11, which made keepdims=False the default (mode(a)[0] was an array, now a scalar); keepdims=True gives the old shapes back (mode(a)[0][0]).',
      source: 'https://docs.scipy.org/doc/scipy/release/1.11.0-notes.html#expired-deprecations'
    },
    function: 'scipy.stats.mode',
    keyword: 'keepdims',
    value: 'True',
    trigger: /invalid index to scalar variable|object of type 'numpy\.\w+' has no len\(\)/
  }
];

/**
 * `stats.mode(a)[0][0]` -> `stats.mode(a, keepdims=True)[0][0]`: every call in
 * the failing cell that does not choose itself gets the old shape. Only
 * with the error: a cell written for today's shapes is right as it is.
 */
export function keptDimensions(row: IKeptDimensions): IRule {
  return customRule({
    id: row.id,
    category: 'behavior-change',
    fact: row.fact,
    trigger: row.trigger,
    static: false,
    fix: ({ source }) =>
      source
        .callsTo(qualified => qualified === row.function)
        .filter(call => !source.callArguments(call).some(arg => arg.name === row.keyword || arg.star === '**'))
        .map(call => appendArgument(source, call, `${row.keyword}=${row.value}`))
  });
}

/**
 * The class the object named at `object` was built from (`name = RFECV(...)`,
 * `name = RFECV(...).fit(...)`), in this cell or the earlier cell that bound
 * it, if it says.
 */
function builtClass(source: PythonSource, object: SyntaxNode): string | undefined {
  const bound = definitionOf(source, source.textOf(object), object.from);
  if (!bound) {
    return undefined;
  }
  const at = bound.source;
  let value: SyntaxNode | null = bound.value;
  // `RFECV(...).fit(X, y)`: the object the chain starts from.
  while (value?.name === 'CallExpression' && at.callee(value)?.name === 'MemberExpression' && at.callee(value)!.firstChild?.name === 'CallExpression') {
    value = at.callee(value)!.firstChild;
  }
  const dotted = value?.name === 'CallExpression' ? at.dottedName(at.callee(value)) : undefined;
  return dotted?.split('.').pop();
}

export function reshapedResult(row: IReshapedResult): IRule {
  const owns = (source: PythonSource, object: SyntaxNode, error?: IRuleError): boolean => {
    const named = error && readAttributeError(error);
    if (named?.type && named.name === row.attribute) {
      return row.owners.includes(named.type);
    }
    const built = object.name === 'VariableName' ? builtClass(source, object) : undefined;
    return built !== undefined && RESHAPED_RESULTS.some(other => other.owners.includes(built)) ? row.owners.includes(built) : row.byDefault;
  };
  return customRule({
    id: row.id,
    category: 'removed-api',
    fact: row.fact,
    trigger: new RegExp(`'(${row.owners.join('|')})' object has no attribute '${row.attribute}'|has no attribute '${row.attribute}'`),
    static: true,
    fix: ({ source, error }) => {
      const edits: IEdit[] = [];
      for (const member of source.memberAccesses(row.attribute)) {
        const object = member.firstChild!;
        const parent = member.parent;
        if (parent?.name === 'AssignStatement' && parent.firstChild?.from === member.from && member.nextSibling?.name === 'AssignOp') {
          continue;
        }
        if (owns(source, object, error)) {
          edits.push(replace(member, row.rewrite(source.textOf(object))));
        }
      }
      return edits.length && row.helper ? [...edits, ...helperDefinition(source, row.helper.name, row.helper.text)] : edits;
    }
  });
}
