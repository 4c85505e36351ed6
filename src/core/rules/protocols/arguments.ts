/**
 * Arguments that moved: a call's argument that became a method called on
 * its result (`read_csv(squeeze=True)` -> `.squeeze('columns')`), and a
 * constructor argument that became an argument of a later method call
 * (`GridSearchCV(fit_params=p)` -> `.fit(X, y, **p)`).
 */
import { assignedName } from '../../python/names';
import { insertAt } from '../../python/edit';
import type { IEdit } from '../../python/edit';
import { appendArgument, removeArgument } from '../../python/calls';
import type { ICallArgument, PythonSource } from '../../python/syntax';
import { customRule } from '../builders';
import { onCulpritLines } from '../culprit';
import type { IFact, IRule } from '../types';
import { SKLEARN_WHATS_NEW, withMined } from './facts';

// ------------------------------------------- argument -> method on the result

/** An argument that became a method called on the call's result. */
export interface IMovedArgument {
  id: string;
  fact: IFact;
  /** The calls that took it: a function by qualified name, or a method by name (on the failing lines). */
  function?: RegExp;
  method?: string;
  keyword: string;
  /** Other arguments that go with it to the method (`limit=` with `fill_method=`). */
  companions?: string[];
  /**
   * The method chain that replaces the argument, from its value (and its
   * companions'); '' drops it (it asked for today's behaviour); undefined
   * leaves the call alone (no mechanical equivalent).
   */
  chain(value: string, companions: Map<string, string>, call: { source: PythonSource; args: ICallArgument[] }): string | undefined;
  trigger: RegExp;
}

function unquoted(text: string): string | undefined {
  return /^[rRuU]?(['"])([\w.]+)\1$/.exec(text)?.[2];
}

const PANDAS_2 = 'https://pandas.pydata.org/docs/whatsnew/v2.0.0.html';
const PANDAS_1 = 'https://pandas.pydata.org/docs/whatsnew/v1.0.0.html';
const PANDAS_018 = 'https://pandas.pydata.org/pandas-docs/version/0.18.0/whatsnew.html#resample-api';

/** Resampler methods an old how= string named. */
const RESAMPLE_AGGREGATIONS = ['mean', 'sum', 'median', 'min', 'max', 'first', 'last', 'ohlc', 'std', 'var', 'sem', 'count', 'nunique', 'prod', 'size'];
const FILLS: Record<string, string> = { ffill: 'ffill', pad: 'ffill', bfill: 'bfill', backfill: 'bfill', nearest: 'nearest' };

export const MOVED_ARGUMENTS: IMovedArgument[] = [
  {
    id: 'pandas-read_csv-squeeze',
    fact: {
      library: 'pandas',
      version: '2.0',
      message: 'read_csv(squeeze=True) was removed in pandas 2.0 (deprecated in 1.4); call .squeeze("columns") on the result to get the one-column Series.',
      source: PANDAS_2
    },
    function: /^pandas\.(read_csv|read_table|read_fwf|read_excel)$/,
    keyword: 'squeeze',
    chain: value => (value === 'True' ? ".squeeze('columns')" : value === 'False' || value === 'None' ? '' : undefined),
    trigger: /(read_csv|read_table|read_fwf|read_excel)\(\) got an unexpected keyword argument 'squeeze'/
  },
  {
    id: 'pandas-resample-how',
    fact: {
      library: 'pandas',
      version: '0.25',
      message: "resample(how=...) was deprecated in pandas 0.18 and later removed: resampling became deferred, the aggregation is a method of the result (s.resample('M', how='mean') -> s.resample('M').mean()).",
      source: PANDAS_018
    },
    method: 'resample',
    keyword: 'how',
    companions: ['fill_method', 'limit'],
    chain: (value, companions) => {
      const name = unquoted(value);
      const aggregate = name !== undefined ? (RESAMPLE_AGGREGATIONS.includes(name) ? `.${name}()` : undefined) : `.agg(${value})`;
      const fill = companions.get('fill_method');
      if (aggregate === undefined || (fill !== undefined && !FILLS[unquoted(fill) ?? ''])) {
        return undefined;
      }
      const limit = companions.get('limit');
      return aggregate + (fill !== undefined ? `.${FILLS[unquoted(fill)!]}(${limit !== undefined ? `limit=${limit}` : ''})` : '');
    },
    trigger: /resample\(\) got an unexpected keyword argument '(how|fill_method)'/
  },
  {
    id: 'pandas-resample-fill_method',
    fact: {
      library: 'pandas',
      version: '0.25',
      message: "resample(fill_method=...) was deprecated in pandas 0.18 and later removed: upsampling fills with a method of the result (s.resample('D', fill_method='ffill') -> s.resample('D').ffill()).",
      source: PANDAS_018
    },
    method: 'resample',
    keyword: 'fill_method',
    companions: ['how', 'limit'],
    chain: (value, companions) => {
      const fill = FILLS[unquoted(value) ?? ''];
      // With how= the how= row moves both.
      if (!fill || companions.has('how')) {
        return undefined;
      }
      const limit = companions.get('limit');
      return `.${fill}(${limit !== undefined ? `limit=${limit}` : ''})`;
    },
    trigger: /resample\(\) got an unexpected keyword argument 'fill_method'/
  },
  {
    id: 'pandas-concat-join_axes',
    fact: {
      library: 'pandas',
      version: '1.0',
      message: 'concat(join_axes=...) was removed in pandas 1.0 (deprecated in 0.25); reindex the result on the other axis instead (pd.concat([a, b], axis=1, join_axes=[a.index]) -> pd.concat([a, b], axis=1).reindex(a.index)).',
      source: PANDAS_1
    },
    function: /^pandas\.concat$/,
    keyword: 'join_axes',
    chain: (value, _companions, { source, args }) => {
      const match = /^\[\s*([^,\]]+?)\s*,?\s*\]$/.exec(value);
      if (!match) {
        return undefined;
      }
      const axis = args.find(arg => arg.name === 'axis') ?? args.filter(arg => !arg.name && !arg.star)[1];
      const axisText = axis ? source.textOf(axis.value) : '0';
      if (['1', "'columns'", '"columns"'].includes(axisText)) {
        return `.reindex(${match[1]})`;
      }
      return ['0', "'index'", '"index"'].includes(axisText) ? `.reindex(columns=${match[1]})` : undefined;
    },
    trigger: /concat\(\) got an unexpected keyword argument 'join_axes'/
  }
];

/** The rule of one moved argument: the keyword (and its companions) leave the call, the chain follows it. */
export function movedArgument(row: IMovedArgument): IRule {
  return customRule({
    id: row.id,
    category: 'signature-change',
    fact: row.fact,
    trigger: row.trigger,
    // A function's qualified name proves the use; a method name needs the error's line.
    static: !!row.function,
    fix: ({ source, error }) => {
      const calls = row.function
        ? source.callsTo(qualified => row.function!.test(qualified))
        : error
          ? onCulpritLines(source, error, source.methodCalls(row.method!))
          : [];
      const edits: IEdit[] = [];
      for (const call of calls) {
        const args = source.callArguments(call);
        const moved = args.find(arg => arg.name === row.keyword);
        if (!moved || args.some(arg => arg.star)) {
          continue;
        }
        const companions = new Map(
          args.filter(arg => arg.name && row.companions?.includes(arg.name)).map(arg => [arg.name!, source.textOf(arg.value)] as [string, string])
        );
        const chain = row.chain(source.textOf(moved.value), companions, { source, args });
        if (chain === undefined) {
          continue;
        }
        // Small edits (the moved arguments out, the chain after the call), so a companion
        // fixing another argument of the same call (date_parser=) joins the same patch.
        const removed = [moved, ...args.filter(arg => arg.name && companions.has(arg.name))].sort((a, b) => a.node.from - b.node.from);
        const removals = removed.map(arg => removeArgument(source, call, arg.node));
        if (removals.some((edit, i) => i > 0 && edit.from < removals[i - 1].to)) {
          continue;
        }
        edits.push(...removals);
        if (chain) {
          edits.push(insertAt(call.to, chain));
        }
      }
      return edits;
    }
  });
}

// ------------------------------- constructor argument -> a later method call

/** A constructor argument that became an argument of a method called on the object. */
export interface IMovedToMethod {
  id: string;
  fact: IFact;
  classes: string[];
  keyword: string;
  /** The method that takes it now, as `**value`. */
  method: string;
  trigger: RegExp;
}

export const MOVED_TO_METHOD: IMovedToMethod[] = [
  {
    id: 'sklearn-search-fit_params',
    fact: withMined(
      {
        library: 'scikit-learn',
        version: '0.21',
        message: 'GridSearchCV/RandomizedSearchCV(fit_params=...) was removed in scikit-learn 0.21 (deprecated in 0.19); the same parameters go to fit(X, y, **fit_params).',
        source: SKLEARN_WHATS_NEW('0.19')
      },
      'scikit-learn:keyword-removed:sklearn.model_selection.GridSearchCV.fit:fit'
    ),
    classes: ['GridSearchCV', 'RandomizedSearchCV'],
    keyword: 'fit_params',
    method: 'fit',
    trigger: /(GridSearchCV|RandomizedSearchCV)\.__init__\(\) got an unexpected keyword argument 'fit_params'/
  }
];

/**
 * `gs = GridSearchCV(m, grid, fit_params=p)` / `gs.fit(X, y)` -> `gs =
 * GridSearchCV(m, grid)` / `gs.fit(X, y, **p)`. The argument leaves the
 * constructor only when every call of the method on that name in the cell
 * gets it (or when it was empty: `{}`, `None`); a fit in another cell would
 * silently lose it, so then nothing is proposed.
 */
export function movedToMethod(row: IMovedToMethod): IRule {
  return customRule({
    id: row.id,
    category: 'signature-change',
    fact: row.fact,
    trigger: row.trigger,
    static: true,
    fix: ({ source }) => {
      const edits: IEdit[] = [];
      for (const call of source.callsTo((qualified, dotted) => row.classes.includes(dotted.split('.').pop()!) && (!qualified.includes('.') || qualified.startsWith('sklearn.')))) {
        const args = source.callArguments(call);
        const moved = args.find(arg => arg.name === row.keyword);
        if (!moved) {
          continue;
        }
        const value = source.textOf(moved.value);
        const empty = /^(\{\s*\}|None|dict\(\s*\))$/.test(value);
        const target = assignedName(source, call);
        const later = target
          ? source.methodCalls(row.method).filter(method => method.from > call.to && source.textOf(source.callee(method)!.firstChild!) === target)
          : [];
        if (!empty && (later.length === 0 || later.some(method => source.callArguments(method).some(arg => arg.star === '**')))) {
          continue;
        }
        edits.push(removeArgument(source, call, moved.node));
        if (!empty) {
          for (const method of later) {
            edits.push(appendArgument(source, method, `**${value}`));
          }
        }
      }
      return edits;
    }
  });
}
