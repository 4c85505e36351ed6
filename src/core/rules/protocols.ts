/**
 * Calling protocols that changed: APIs that did not just rename. An object
 * that was iterated now has a method to call (the old splitters), an
 * argument of a call became a method called on its result (`squeeze=True` ->
 * `.squeeze('columns')`), a result that was a list of records is now a dict
 * of arrays (`grid_scores_` -> `cv_results_`). Each family is one mechanism
 * over a table; every row carries its fact (the mined one where the
 * knowledge base has it) and is picked by the error today's library raises.
 */
import type { SyntaxNode } from '@lezer/common';
import { definitionOf } from '../python/names';
import { insertAt, replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import type { ICallArgument, PythonSource } from '../python/syntax';
import { customRule } from './builders';
import { helperDefinition, importedName, rewriteFromImports } from '../python/imports';
import { onCulpritLines } from './culprit';
import { removeArgument } from '../python/calls';
import { readAttributeError } from './families/attributes';
import { quote } from './families/fact';
import { sharedKnowledgeBase } from './kb/shared';
import type { IFact, IRule, IRuleError } from './types';

const SKLEARN_WHATS_NEW = (version: string) => `https://scikit-learn.org/stable/whats_new/v${version}.html`;

/** A hand-written fact, with the mined fact's own words appended when the knowledge base has them. */
function withMined(written: IFact, minedId: string): IFact {
  const mined = sharedKnowledgeBase().get(minedId);
  const said = mined ? quote(mined) : '';
  return said ? { ...written, message: `${written.message} ${said}` } : written;
}

// ------------------------------------------------- iterated object -> method

/** An old sklearn.cross_validation splitter and what became of it in sklearn.model_selection. */
interface IOldSplitter {
  /** Today's class (Label* became Group*). */
  today: string;
  /**
   * What the old first parameter held, and so what `.split()` gets today: the
   * number of samples, the labels to stratify on, the groups, or (PredefinedSplit,
   * whose constructor kept its folds) nothing.
   */
  data: 'n' | 'y' | 'groups' | 'folds';
  /** The old first parameter's keyword. */
  first: string;
  /** The old parameters after the first, in order. */
  names: string[];
  renames: Record<string, string>;
  /** Old defaults today's differ from: added when the call did not pass the parameter. */
  defaults: Record<string, string>;
  /** The old default test_size, kept when train_size alone is given (today's None then means the complement). */
  testSize?: string;
  /** Whether get_n_splits() needs the data today (leave-out splitters count from it). */
  countsFromData: boolean;
}

const OLD_SPLITTERS: Record<string, IOldSplitter> = {
  KFold: { today: 'KFold', data: 'n', first: 'n', names: ['n_folds', 'shuffle', 'random_state'], renames: { n_folds: 'n_splits' }, defaults: { n_splits: '3' }, countsFromData: false },
  StratifiedKFold: { today: 'StratifiedKFold', data: 'y', first: 'y', names: ['n_folds', 'shuffle', 'random_state'], renames: { n_folds: 'n_splits' }, defaults: { n_splits: '3' }, countsFromData: false },
  ShuffleSplit: { today: 'ShuffleSplit', data: 'n', first: 'n', names: ['n_iter', 'test_size', 'train_size', 'random_state'], renames: { n_iter: 'n_splits' }, defaults: {}, testSize: '0.1', countsFromData: false },
  StratifiedShuffleSplit: { today: 'StratifiedShuffleSplit', data: 'y', first: 'y', names: ['n_iter', 'test_size', 'train_size', 'random_state'], renames: { n_iter: 'n_splits' }, defaults: {}, testSize: '0.1', countsFromData: false },
  LeaveOneOut: { today: 'LeaveOneOut', data: 'n', first: 'n', names: [], renames: {}, defaults: {}, countsFromData: true },
  LeavePOut: { today: 'LeavePOut', data: 'n', first: 'n', names: ['p'], renames: {}, defaults: {}, countsFromData: true },
  LabelKFold: { today: 'GroupKFold', data: 'groups', first: 'labels', names: ['n_folds'], renames: { n_folds: 'n_splits' }, defaults: { n_splits: '3' }, countsFromData: false },
  LeaveOneLabelOut: { today: 'LeaveOneGroupOut', data: 'groups', first: 'labels', names: [], renames: {}, defaults: {}, countsFromData: true },
  LeavePLabelOut: { today: 'LeavePGroupsOut', data: 'groups', first: 'labels', names: ['p'], renames: { p: 'n_groups' }, defaults: {}, countsFromData: true },
  LabelShuffleSplit: { today: 'GroupShuffleSplit', data: 'groups', first: 'labels', names: ['n_iter', 'test_size', 'train_size', 'random_state'], renames: { n_iter: 'n_splits' }, defaults: {}, testSize: '0.2', countsFromData: false },
  PredefinedSplit: { today: 'PredefinedSplit', data: 'folds', first: 'test_fold', names: [], renames: {}, defaults: {}, countsFromData: false }
};

const RENAMED_SPLITTERS = Object.keys(OLD_SPLITTERS).filter(name => OLD_SPLITTERS[name].today !== name);

/** A splitter class called from scikit-learn (or by a bare name the source does not define elsewhere). */
function splitterCalls(source: PythonSource): SyntaxNode[] {
  return source.callsTo((qualified, dotted) => {
    const name = dotted.split('.').pop()!;
    return name in OLD_SPLITTERS && (!qualified.includes('.') || qualified.startsWith('sklearn.'));
  });
}

function isLoopIterable(node: SyntaxNode): boolean {
  const parent = node.parent;
  // A lone generator argument (`sorted(t for _, t in kf)`) has no node of its own: the ArgList holds its `for ... in`.
  return (parent?.name === 'ForStatement' || parent?.name === 'ArgList' || !!parent?.name?.endsWith('ComprehensionExpression')) && node.prevSibling?.name === 'in';
}

function isLenArgument(source: PythonSource, node: SyntaxNode): boolean {
  const around = node.parent;
  return around?.name === 'ArgList' && !!around.parent && source.dottedName(source.callee(around.parent)) === 'len';
}

/** The name a call's result is assigned to (`kf = KFold(...)`). */
function assignedName(source: PythonSource, call: SyntaxNode): string | undefined {
  const parent = call.parent;
  return parent?.name === 'AssignStatement' && parent.lastChild?.from === call.from && parent.firstChild?.name === 'VariableName'
    ? source.textOf(parent.firstChild)
    : undefined;
}

/** Later reads of `name` in the source. */
function usesAfter(source: PythonSource, call: SyntaxNode, name: string): SyntaxNode[] {
  return source.findAll('VariableName').filter(node => node.from > call.to && source.textOf(node) === name);
}

/** `for a, b in KFold(...)`, or `kf = KFold(...)` then `for a, b in kf` / `len(kf)`. */
function iteratedDirectly(source: PythonSource, call: SyntaxNode): boolean {
  if (isLoopIterable(call)) {
    return true;
  }
  const target = assignedName(source, call);
  return !!target && usesAfter(source, call, target).some(node => isLoopIterable(node) || isLenArgument(source, node));
}

/** `len(X)` / `X.shape[0]` -> `X`. */
function sizeOf(source: PythonSource, node: SyntaxNode): string | undefined {
  if (node.name === 'CallExpression' && source.dottedName(source.callee(node)) === 'len') {
    const [arg] = source.callArguments(node);
    return arg && !arg.name ? source.textOf(arg.value) : undefined;
  }
  const match = /^(.+)\.shape\[0\]$/.exec(source.textOf(node));
  return match?.[1];
}

/** The old first argument: the size, labels or groups the constructor took. */
function firstArgument(args: ICallArgument[], old: IOldSplitter): ICallArgument | undefined {
  return args.find(arg => arg.name === old.first) ?? args.find(arg => !arg.name && !arg.star);
}

/**
 * A splitter called the sklearn.cross_validation way. A class that no
 * longer exists, an old keyword (n_folds=, n_iter=, n=, labels=), more
 * positional arguments than today's constructor takes with a number second,
 * or data in the constructor of a splitter that is iterated itself
 * (KFold(len(X)) alone is also today's KFold(n_splits=len(X))).
 */
export function oldSplitter(source: PythonSource, call: SyntaxNode): boolean {
  const name = source.dottedName(source.callee(call))?.split('.').pop() ?? '';
  const old = OLD_SPLITTERS[name];
  if (!old) {
    return false;
  }
  const args = source.callArguments(call);
  if (old.today !== name) {
    return true;
  }
  if (args.some(arg => (arg.name === old.first && old.data !== 'folds') || (arg.name && arg.name in old.renames && !(old.renames[arg.name] === arg.name)))) {
    return true;
  }
  const positional = args.filter(arg => !arg.name && !arg.star);
  if (positional.length === 0) {
    return false;
  }
  switch (name) {
    case 'LeaveOneOut':
      return true;
    case 'LeavePOut':
      return positional.length >= 2;
    case 'PredefinedSplit':
      return iteratedDirectly(source, call);
  }
  if (positional.length >= 2 && positional[1].value.name === 'Number') {
    return true;
  }
  const looksOld = old.data === 'n' ? sizeOf(source, positional[0].value) !== undefined : positional[0].value.name !== 'Number';
  return looksOld && positional.length === 1 && iteratedDirectly(source, call);
}

/** Imports of an old splitter name, renamed to today's (`LabelKFold` -> `GroupKFold`). */
function renamedSplitterImports(source: PythonSource): { edits: IEdit[]; plain: Set<string> } {
  const plain = new Set<string>();
  const edits = rewriteFromImports(
    source,
    module => module === 'sklearn.cross_validation' || module === 'sklearn.model_selection',
    (name, alias, module) => {
      if (!RENAMED_SPLITTERS.includes(name)) {
        return undefined;
      }
      if (!alias) {
        plain.add(name);
      }
      return { module, part: alias ? `${OLD_SPLITTERS[name].today} as ${alias}` : OLD_SPLITTERS[name].today };
    }
  );
  return { edits, plain };
}

/**
 * `kf = KFold(len(X), n_folds=5)` / `for tr, te in kf:` -> `kf = KFold(n_splits=5)` /
 * `for tr, te in kf.split(X):`. The data the old constructor took goes to
 * `.split()`: the array whose length it was given (else zeros of that
 * length), the labels (`StratifiedKFold(y)` -> `.split(np.zeros(len(y)), y)`),
 * the groups (`LabelKFold(g)` -> `GroupKFold().split(np.zeros(len(g)), groups=g)`).
 * A splitter assigned to a name and iterated (or not used at all) in this
 * cell is kept as the list of its splits (`kf = list(KFold(n_splits=5).split(X))`),
 * its uses left as they are: this cell and later ones iterate it, take its
 * len() or pass it as cv=, as they did the old object, and a shuffled split
 * stays the one split it was (the old splitters shuffled once, in the
 * constructor). One only passed on as cv= stays an object. The leave-out
 * splitters, whose lists grow with the square of the data, stay objects
 * where this cell uses them. A group splitter passed as cv= is a list: the
 * caller would not pass its groups. Old defaults are kept (n_folds was 3).
 */
const splitterProtocol = customRule({
  id: 'sklearn-cv-iterators-old-interface',
  category: 'signature-change',
  fact: withMined(
    {
      library: 'scikit-learn',
      version: '0.20',
      message:
        "scikit-learn 0.20 removed sklearn.cross_validation's splitters: the data went from the constructor to .split(X, y, groups) (KFold(n, n_folds=k) became KFold(n_splits=k).split(X)), the object is no longer iterable, and the Label* splitters became Group* ones.",
      source: SKLEARN_WHATS_NEW('0.20'),
      catalogId: 'sklearn-cross_validation-module'
    },
    'scikit-learn:module-moved:sklearn.cross_validation'
  ),
  trigger: new RegExp(
    [
      "unexpected keyword argument '(n_folds|n_iter|labels)'",
      "(KFold|ShuffleSplit)\\.__init__\\(\\) got an unexpected keyword argument '(n|y)'",
      '(KFold|ShuffleSplit|LeavePOut)\\.__init__\\(\\) takes',
      'LeaveOneOut\\(\\) takes no arguments',
      'The number of folds must be of Integral type',
      `'(${Object.keys(OLD_SPLITTERS).join('|')})' object is not iterable`,
      `object of type '(${Object.keys(OLD_SPLITTERS).join('|')})' has no len\\(\\)`,
      `cannot import name '(${RENAMED_SPLITTERS.join('|')})'`,
      `has no attribute '(${RENAMED_SPLITTERS.join('|')})'`
    ].join('|')
  ),
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    let numpy: { name: string; edits: IEdit[] } | undefined;
    const imports = renamedSplitterImports(source);
    for (const call of splitterCalls(source)) {
      if (!oldSplitter(source, call)) {
        continue;
      }
      const callee = source.callee(call)!;
      const name = source.dottedName(callee)!.split('.').pop()!;
      const old = OLD_SPLITTERS[name];
      const args = source.callArguments(call);
      const first = firstArgument(args, old);
      const rest = args.filter(arg => arg !== first);
      const positional = rest.filter(arg => !arg.name);
      if (!first || args.some(arg => arg.star) || positional.length > old.names.length || rest.some(arg => arg.name && ![...old.names, ...Object.values(old.renames)].includes(arg.name))) {
        return [];
      }
      const given = new Map<string, string>();
      positional.forEach((arg, index) => given.set(old.names[index], source.textOf(arg.value)));
      rest.filter(arg => arg.name).forEach(arg => given.set(arg.name!, source.textOf(arg.value)));
      const keywords = [...given].map(([param, value]) => [old.renames[param] ?? param, value]);
      for (const [param, value] of Object.entries(old.defaults)) {
        if (!keywords.some(([given]) => given === param)) {
          keywords.unshift([param, value]);
        }
      }
      if (old.testSize && given.has('train_size') && !given.has('test_size')) {
        keywords.push(['test_size', old.testSize]);
      }
      // PredefinedSplit kept its constructor: only the iteration changes.
      const keywordText = old.data === 'folds' ? source.textOf(first.node) : keywords.map(([param, value]) => `${param}=${value}`).join(', ');
      const dotted = source.dottedName(callee)!;
      const renamedCallee =
        old.today === name
          ? source.textOf(callee)
          : callee.name === 'MemberExpression'
            ? `${source.textOf(callee.firstChild!)}.${old.today}`
            : imports.plain.has(dotted)
              ? old.today
              : dotted;
      const rebuilt = `${renamedCallee}(${keywordText})`;
      const data = source.textOf(first.value);
      const splitArgs = (): string => {
        if (old.data === 'folds') {
          return '';
        }
        const measured = old.data === 'n' ? sizeOf(source, first.value) : undefined;
        if (measured !== undefined) {
          return measured;
        }
        numpy ??= importedName(source, 'numpy', 'np');
        switch (old.data) {
          case 'n':
            return `${numpy.name}.zeros(${data})`;
          case 'y':
            return `${numpy.name}.zeros(len(${data})), ${data}`;
          default:
            return `${numpy.name}.zeros(len(${data})), groups=${data}`;
        }
      };
      const splits = () => `list(${rebuilt}.split(${splitArgs()}))`;
      if (isLoopIterable(call)) {
        edits.push(replace(call, `${rebuilt}.split(${splitArgs()})`));
        continue;
      }
      const target = assignedName(source, call);
      const uses = target ? usesAfter(source, call, target) : [];
      const consumed = uses.filter(node => isLoopIterable(node) || isLenArgument(source, node));
      const passedOn = consumed.length < uses.length;
      const listed = old.countsFromData ? uses.length === 0 || (old.data === 'groups' && passedOn) : uses.length === 0 || consumed.length > 0 || old.data === 'groups';
      if ((target && listed) || (!target && old.data === 'groups')) {
        edits.push(replace(call, splits()));
        continue;
      }
      edits.push(replace(call, rebuilt));
      for (const node of consumed) {
        if (isLoopIterable(node)) {
          edits.push(replace(node, `${target}.split(${splitArgs()})`));
        } else {
          edits.push(replace(node.parent!.parent!, `${target}.get_n_splits(${old.countsFromData ? splitArgs() : ''})`));
        }
      }
    }
    const all = [...edits, ...(edits.length > 0 || imports.edits.length > 0 ? imports.edits : [])];
    return numpy && edits.length ? [...all, ...numpy.edits] : all;
  }
});

// ------------------------------------------- argument -> method on the result

/** An argument that became a method called on the call's result. */
interface IMovedArgument {
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

const MOVED_ARGUMENTS: IMovedArgument[] = [
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
function movedArgument(row: IMovedArgument): IRule {
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
interface IMovedToMethod {
  id: string;
  fact: IFact;
  classes: string[];
  keyword: string;
  /** The method that takes it now, as `**value`. */
  method: string;
  trigger: RegExp;
}

const MOVED_TO_METHOD: IMovedToMethod[] = [
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
function movedToMethod(row: IMovedToMethod): IRule {
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
            const methodArgs = source.callArguments(method);
            const argList = method.getChild('ArgList')!;
            edits.push(
              methodArgs.length > 0
                ? { from: methodArgs[methodArgs.length - 1].node.to, to: methodArgs[methodArgs.length - 1].node.to, insert: `, **${value}` }
                : { from: argList.from + 1, to: argList.from + 1, insert: `**${value}` }
            );
          }
        }
      }
      return edits;
    }
  });
}

// ----------------------------------------- a dict argument -> keyword arguments

/** The entries of a dict literal as [key, value] nodes; undefined with a `**spread` or anything unexpected. */
function dictEntries(dict: SyntaxNode): [SyntaxNode, SyntaxNode][] | undefined {
  const items: SyntaxNode[] = [];
  for (let child = dict.firstChild; child; child = child.nextSibling) {
    if (['{', '}', ',', ':', 'Comment'].includes(child.name)) {
      continue;
    }
    if (child.name === '**' || child.type.isError) {
      return undefined;
    }
    items.push(child);
  }
  if (items.length === 0 || items.length % 2 !== 0) {
    return undefined;
  }
  const entries: [SyntaxNode, SyntaxNode][] = [];
  for (let i = 0; i < items.length; i += 2) {
    entries.push([items[i], items[i + 1]]);
  }
  return entries;
}

/** One column of a groupby (`df.groupby(k)['a']`, `df.groupby(k).a`): a SeriesGroupBy. */
function isColumnOfGroupBy(source: PythonSource, node: SyntaxNode): boolean {
  const object = node.firstChild;
  const groupby = object?.name === 'CallExpression' && source.callee(object)?.name === 'MemberExpression' && source.textOf(source.callee(object)!.lastChild!) === 'groupby';
  if (!groupby || node.name !== 'MemberExpression') {
    return false;
  }
  // `[['a', 'b']]` selects a frame; `['a']` and `.a` a column.
  const subscript = node.getChild('[') ? node.getChild('[')!.nextSibling : null;
  return subscript ? subscript.name !== 'ArrayExpression' && subscript.name !== 'TupleExpression' : node.lastChild?.name === 'PropertyName';
}

/**
 * Renaming through a dict in groupby aggregation (pandas < 1.0):
 * `g['a'].agg({'a_mean': 'mean'})` -> `g['a'].agg(**{'a_mean': 'mean'})`
 * (named aggregation: the same columns), and
 * `g.agg({'a': {'a_mean': 'mean'}})` -> `pd.concat({'a': g['a'].agg(**{'a_mean': 'mean'})}, axis=1)`
 * (the same (column, name) MultiIndex). A dict mixing both shapes is left alone.
 */
const nestedRenamer = customRule({
  id: 'pandas-agg-nested-renamer',
  category: 'signature-change',
  fact: {
    library: 'pandas',
    version: '1.0',
    message:
      "pandas 1.0 removed renaming through a dict in aggregate() (deprecated in 0.20): g['a'].agg({'new': 'mean'}) is named aggregation today, g['a'].agg(new='mean'); a nested dict per column becomes one named aggregation per column.",
    source: 'https://pandas.pydata.org/docs/whatsnew/v1.0.0.html#removal-of-prior-version-deprecations-changes'
  },
  trigger: /nested renamer is not supported/,
  static: false,
  fix: ({ source, error }) => {
    const calls = onCulpritLines(source, error, [...source.methodCalls('agg'), ...source.methodCalls('aggregate')]);
    const edits: IEdit[] = [];
    let pandas: { name: string; edits: IEdit[] } | undefined;
    for (const call of calls) {
      const args = source.callArguments(call);
      const receiver = source.callee(call)!.firstChild!;
      if (args.length !== 1 || args[0].star || (args[0].name && args[0].name !== 'func') || args[0].value.name !== 'DictionaryExpression') {
        continue;
      }
      const entries = dictEntries(args[0].value);
      if (!entries) {
        continue;
      }
      const nested = entries.filter(([, value]) => value.name === 'DictionaryExpression');
      if (nested.length === 0) {
        // One column renamed: only where the receiver is a column of a groupby, or alone on the failing lines.
        if (!isColumnOfGroupBy(source, receiver) && !(receiver.name === 'VariableName' && calls.length === 1 && entries.every(([, value]) => value.name === 'String'))) {
          continue;
        }
        edits.push(replace(args[0].node, `**${source.textOf(args[0].value)}`));
        continue;
      }
      if (nested.length !== entries.length || isColumnOfGroupBy(source, receiver) || !entries.every(([, value]) => dictEntries(value) !== undefined)) {
        continue;
      }
      pandas ??= importedName(source, 'pandas', 'pd');
      const grouped = source.textOf(receiver);
      const columns = entries.map(([key, value]) => `${source.textOf(key)}: ${grouped}[${source.textOf(key)}].agg(**${source.textOf(value)})`);
      edits.push(replace(call, `${pandas.name}.concat({${columns.join(', ')}}, axis=1)`));
    }
    return pandas && edits.length ? [...edits, ...pandas.edits] : edits;
  }
});

// ------------------------------------------ list of records -> dict of arrays

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
interface IReshapedResult {
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

const RESHAPED_RESULTS: IReshapedResult[] = [
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
interface IKeptDimensions {
  id: string;
  fact: IFact;
  function: string;
  /** The keyword and value that restore the old shape. */
  keyword: string;
  value: string;
  trigger: RegExp;
}

const KEPT_DIMENSIONS: IKeptDimensions[] = [
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
function keptDimensions(row: IKeptDimensions): IRule {
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
        .map(call => {
          const args = source.callArguments(call);
          const argList = call.getChild('ArgList')!;
          return args.length > 0 ? insertAt(args[args.length - 1].node.to, `, ${row.keyword}=${row.value}`) : insertAt(argList.from + 1, `${row.keyword}=${row.value}`);
        })
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

function reshapedResult(row: IReshapedResult): IRule {
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

export const protocolRules: IRule[] = [
  splitterProtocol,
  ...MOVED_ARGUMENTS.map(movedArgument),
  ...MOVED_TO_METHOD.map(movedToMethod),
  nestedRenamer,
  ...RESHAPED_RESULTS.map(reshapedResult),
  ...KEPT_DIMENSIONS.map(keptDimensions)
];

/** For tests and reports: the tables behind the families. */
export const PROTOCOL_TABLES = { splitters: OLD_SPLITTERS, movedArguments: MOVED_ARGUMENTS, movedToMethod: MOVED_TO_METHOD, reshapedResults: RESHAPED_RESULTS, keptDimensions: KEPT_DIMENSIONS };

