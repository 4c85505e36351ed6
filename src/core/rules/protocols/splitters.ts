/**
 * An iterated object that now has a method to call: the splitters of
 * sklearn.cross_validation took the data in their constructor and were
 * iterated; today's take it in `.split()`.
 */
import type { SyntaxNode } from '@lezer/common';
import { assignedName } from '../../python/names';
import { replace } from '../../python/edit';
import type { IEdit } from '../../python/edit';
import { importedName, rewriteFromImports } from '../../python/imports';
import type { ICallArgument, PythonSource } from '../../python/syntax';
import { customRule } from '../builders';
import { SKLEARN_WHATS_NEW, withMined } from './facts';

/** An old sklearn.cross_validation splitter and what became of it in sklearn.model_selection. */
export interface IOldSplitter {
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

export const OLD_SPLITTERS: Record<string, IOldSplitter> = {
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
export const splitterProtocol = customRule({
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
