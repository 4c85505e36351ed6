/**
 * Semantic drift: what a patch changes that would change the notebook's
 * results without raising anything. Both sources are read as syntax trees
 * and compared for a different model class, changed hyperparameters, seeds,
 * split sizes, row sampling and hard-coded numbers where a metric was
 * computed. A patch that only renames or moves an API keeps all of these.
 */
import type { SyntaxNode } from '@lezer/common';
import { SIZE_KEYWORDS, dataSelection, hardCodedFigures, literalArguments, samplingRemoved, trainingCalls, trainingData } from './drift-calls';
import type { IDriftCall, IDriftRead } from './drift-calls';
import type { IPatchFlag } from './patch';
import { PythonSource } from './python/syntax';

/**
 * One `changes-results` flag per change found, in a stable order. `figures`:
 * the numbers the author's outputs printed, which a patch must not write in;
 * `statesDefaults`: a calibration, which may state a keyword the original
 * left to its default in a call the original makes (not a seed).
 */
export function driftFlags(
  before: string,
  after: string,
  options: { figures?: readonly number[]; statesDefaults?: boolean } = {}
): IPatchFlag[] {
  // The original may be Python 2: read it as far as the parser recovers.
  const old = Private.read(before, false);
  const now = Private.read(after, true);
  if (!old || !now) {
    return [];
  }
  const pairs = Private.pairCalls(old.calls, now.calls);
  const messages = [
    ...Private.modelClasses(old, now),
    ...Private.keywordChanges(old, now, options.statesDefaults === true),
    ...literalArguments(old, now, pairs.filter(([call]) => call?.name !== 'sample' && call?.name !== 'head')),
    ...Private.seedCalls(old, now),
    ...trainingCalls(old, now),
    ...trainingData(pairs),
    ...Private.sampling(old, now),
    ...samplingRemoved(old, now),
    ...dataSelection(old, now),
    ...Private.hardCodedMetrics(old, now),
    ...hardCodedFigures(old, now, options.figures ?? [])
  ];
  return [...new Set(messages)].map(message => ({ kind: 'changes-results', message }));
}

/**
 * The cell as plain Python: IPython line magics, shell escapes (`!ls`,
 * `x = !ls`) and a leading cell magic line are blanked out, offsets kept.
 */
export function withoutMagics(text: string): string {
  return text
    .split('\n')
    .map(line => (/^\s*[%!]/.test(line) || /^\s*[\w.]+\s*=\s*[%!]/.test(line) ? line.replace(/\S/g, ' ') : line))
    .join('\n');
}

/** Cell magics whose body is Python; the body of any other (`%%bash`, `%%html`) is not. */
export function isPythonCell(text: string): boolean {
  const first = /^\s*%%(\w+)/.exec(text);
  return !first || ['time', 'timeit', 'capture', 'prun', 'debug', 'python', 'python3'].includes(first[1]);
}

namespace Private {
  /** Keywords that choose the randomness. */
  const SEED_KEYWORDS = new Set(['random_state', 'seed', 'random_seed']);
  /** Keywords that size a train/test split or cross-validation. */
  const SPLIT_KEYWORDS = new Set(['test_size', 'train_size', 'validation_split', 'n_splits', 'cv']);
  /** Keywords that change how a fit is shown or scheduled, not what it computes. */
  const NEUTRAL_KEYWORDS = new Set([
    'verbose',
    'verbosity',
    'silent',
    'n_jobs',
    'nthread',
    'workers',
    'use_multiprocessing',
    'use_label_encoder',
    'copy'
  ]);
  /** Calls that fit a model: their keywords are hyperparameters too. */
  const FIT_METHODS = new Set(['fit', 'fit_transform', 'fit_predict', 'fit_resample', 'train', 'compile', 'fit_generator']);
  /** Class names that are estimators, models or preprocessing steps. */
  const MODEL_CLASS =
    /(Classifier|Regressor|Regression|SVC|SVR|SVM|Means|Clustering|DBSCAN|Forest|Tree|Boost\w*|NB|Sequential|Model|Pipeline|PCA|SVD|TSNE|Scaler|Encoder|Imputer|Booster|Ridge|Lasso|ElasticNet|Neighbors\w*|Mixture|Discriminant\w*|Perceptron|Vectorizer)$/;
  /** Functions whose result is a metric. */
  const METRIC = /(score|accuracy|auc|error|loss|f1|precision|recall|r2|mse|rmse|mae|logloss|evaluate)$/i;
  /** Calls that seed a random generator. */
  const SEED_CALL = /(^|\.)(seed|set_seed|manual_seed|set_random_seed)$/;

  export type IRead = IDriftRead;
  /** `callee`: dotted (`np.random.seed`, `model.fit`); `name`: its last part. */
  export type ICall = IDriftCall;

  export function read(text: string, strict: boolean): IRead | null {
    const source = new PythonSource(withoutMagics(text));
    if (strict && source.hasSyntaxErrors) {
      return null;
    }
    const calls: ICall[] = [];
    for (const node of source.findAll('CallExpression')) {
      const callee = source.dottedName(source.callee(node)) ?? source.textOf(source.callee(node) ?? node).replace(/\s+/g, '');
      const keywords = new Map<string, string>();
      const positional: string[] = [];
      for (const arg of source.callArguments(node)) {
        const value = normalize(source.textOf(arg.value));
        if (arg.star) {
          continue;
        }
        if (arg.name) {
          keywords.set(arg.name, value);
        } else {
          positional.push(value);
        }
      }
      calls.push({ callee, name: callee.slice(callee.lastIndexOf('.') + 1), node, keywords, positional });
    }
    return { source, calls };
  }

  function normalize(text: string): string {
    return text.replace(/\s+/g, ' ').replace(/"/g, "'").trim();
  }

  function isClass(name: string): boolean {
    return /^[A-Z]/.test(name) && MODEL_CLASS.test(name);
  }

  /** A class renamed by its library keeps the old name inside the new (Imputer -> SimpleImputer). */
  function renamed(a: string, b: string): boolean {
    return a.endsWith(b) || b.endsWith(a) || a.startsWith(b) || b.startsWith(a);
  }

  export function modelClasses(old: IRead, now: IRead): string[] {
    const count = (read: IRead) => {
      const counts = new Map<string, number>();
      for (const call of read.calls) {
        if (isClass(call.name)) {
          counts.set(call.name, (counts.get(call.name) ?? 0) + 1);
        }
      }
      return counts;
    };
    const before = count(old);
    const after = count(now);
    let removed = [...before.keys()].filter(name => (after.get(name) ?? 0) < before.get(name)!);
    let added = [...after.keys()].filter(name => (before.get(name) ?? 0) < after.get(name)!);
    // A class its library renamed is the same model.
    const renames = removed.filter(name => added.some(other => renamed(name, other)));
    removed = removed.filter(name => !renames.includes(name));
    added = added.filter(name => !renames.some(old => renamed(old, name)));
    const messages: string[] = [];
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      if (removed[i] && added[i]) {
        messages.push(`This replaces ${removed[i]} with ${added[i]}.`);
      } else if (removed[i]) {
        messages.push(`This no longer constructs ${removed[i]}.`);
      } else {
        messages.push(`This constructs a ${added[i]} the original did not.`);
      }
    }
    return messages;
  }

  /**
   * Keyword changes in constructor and fit calls (hyperparameters), and in
   * any call for seeds and split sizes. A keyword removed from one call and
   * added with the same value elsewhere (or under a new name) was moved or
   * renamed by an API change: that keeps the results.
   */
  export function keywordChanges(old: IRead, now: IRead, statesDefaults: boolean): string[] {
    const relevant = (call: ICall, keyword: string) =>
      !NEUTRAL_KEYWORDS.has(keyword) &&
      (SEED_KEYWORDS.has(keyword) ||
        SPLIT_KEYWORDS.has(keyword) ||
        // Sample sizes are the sampling check's.
        (SIZE_KEYWORDS.has(keyword) && call.name !== 'sample' && call.name !== 'head') ||
        /^[A-Z]/.test(call.name) ||
        FIT_METHODS.has(call.name));
    const paired = pairCalls(old.calls, now.calls);
    const changed: string[] = [];
    const removed: { call: ICall; keyword: string; value: string }[] = [];
    const added: { call: ICall; keyword: string; value: string }[] = [];
    for (const [before, after] of paired) {
      if (!before) {
        after!.keywords.forEach((value, keyword) => relevant(after!, keyword) && added.push({ call: after!, keyword, value }));
        continue;
      }
      if (!after) {
        before.keywords.forEach((value, keyword) => relevant(before, keyword) && removed.push({ call: before, keyword, value }));
        continue;
      }
      for (const [keyword, value] of before.keywords) {
        if (!relevant(before, keyword)) {
          continue;
        }
        const next = after.keywords.get(keyword);
        if (next === undefined) {
          removed.push({ call: before, keyword, value });
        } else if (next !== value) {
          changed.push(`This changes ${describe(keyword)} from ${value} to ${next} in ${before.callee}().`);
        }
      }
      if (/^[A-Z]/.test(before.name) && before.positional.length === after.positional.length) {
        before.positional.forEach((value, i) => {
          if (after.positional[i] !== value && /^[-+\d.e]+$/.test(value + after.positional[i])) {
            changed.push(`This changes argument ${i + 1} of ${before.callee}() from ${value} to ${after.positional[i]}.`);
          }
        });
      }
      for (const [keyword, value] of after.keywords) {
        if (relevant(after, keyword) && !before.keywords.has(keyword)) {
          added.push({ call: after, keyword, value });
        }
      }
    }
    // Moves and renames: the same value leaves one place and arrives at another.
    for (const gone of [...removed]) {
      const arrival = added.find(item => item.value === gone.value && (item.keyword === gone.keyword || item.call.callee === gone.call.callee));
      if (arrival) {
        removed.splice(removed.indexOf(gone), 1);
        added.splice(added.indexOf(arrival), 1);
      }
    }
    return [
      ...changed,
      ...removed.map(item => `This drops ${describe(item.keyword)}=${item.value} from ${item.call.callee}() (the default applies instead).`),
      // A keyword the original left to its default, stated by a calibration in a call the original makes.
      ...added
        .filter(item => !(statesDefaults && !SEED_KEYWORDS.has(item.keyword) && old.calls.some(call => call.callee === item.call.callee)))
        .map(item => `This sets ${describe(item.keyword)}=${item.value} in ${item.call.callee}(), which the original did not.`)
    ];
  }

  function describe(keyword: string): string {
    if (SEED_KEYWORDS.has(keyword)) {
      return `the seed ${keyword}`;
    }
    if (SPLIT_KEYWORDS.has(keyword)) {
      return `the split size ${keyword}`;
    }
    return keyword;
  }

  /** Calls paired by callee, in order of appearance; unpaired ones stand alone. */
  export function pairCalls(old: ICall[], now: ICall[]): [ICall | undefined, ICall | undefined][] {
    const byCallee = (calls: ICall[]) => {
      const map = new Map<string, ICall[]>();
      calls.forEach(call => map.set(call.callee, [...(map.get(call.callee) ?? []), call]));
      return map;
    };
    const before = byCallee(old);
    const after = byCallee(now);
    const pairs: [ICall | undefined, ICall | undefined][] = [];
    for (const callee of new Set([...before.keys(), ...after.keys()])) {
      const a = before.get(callee) ?? [];
      const b = after.get(callee) ?? [];
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        pairs.push([a[i], b[i]]);
      }
    }
    return pairs;
  }

  /** Seeding calls (`np.random.seed(42)`, `tf.random.set_seed`) added, removed or changed. */
  export function seedCalls(old: IRead, now: IRead): string[] {
    const seeds = (read: IRead) => read.calls.filter(call => SEED_CALL.test(call.callee)).map(call => `${call.callee}(${call.positional.join(', ')})`);
    const before = seeds(old);
    const after = seeds(now);
    const messages: string[] = [];
    const gone = before.filter(call => !after.includes(call));
    const come = after.filter(call => !before.includes(call));
    for (let i = 0; i < Math.max(gone.length, come.length); i++) {
      if (gone[i] && come[i]) {
        messages.push(`This changes the seed from ${gone[i]} to ${come[i]}.`);
      } else if (gone[i]) {
        messages.push(`This removes the seed ${gone[i]}.`);
      } else {
        messages.push(`This adds the seed ${come[i]}, which the original did not set.`);
      }
    }
    return messages;
  }

  /** Row sampling the original did not do: `.sample(`, `.head(n)` kept as data, `nrows=`. */
  export function sampling(old: IRead, now: IRead): string[] {
    const found = (read: IRead) => {
      const items: string[] = [];
      for (const call of read.calls) {
        const text = normalize(read.source.textOf(call.node));
        if (call.name === 'sample' && call.callee.includes('.')) {
          items.push(text);
        } else if (call.name === 'head' && call.callee.includes('.') && !shownOnly(read.source, call.node)) {
          items.push(text);
        }
        if (call.keywords.has('nrows')) {
          items.push(`nrows=${call.keywords.get('nrows')}`);
        }
      }
      return items;
    };
    const before = found(old);
    const after = found(now);
    for (const item of before) {
      const at = after.indexOf(item);
      if (at >= 0) {
        after.splice(at, 1);
      }
    }
    return after.map(item => `This adds row sampling (${item}): the results come from a part of the data.`);
  }

  /** `df.head()` alone or inside print/display only shows rows; it does not sample them. */
  function shownOnly(source: PythonSource, node: SyntaxNode): boolean {
    let parent = node.parent;
    if (parent?.name === 'ArgList') {
      const call = parent.parent;
      const callee = call && source.dottedName(source.callee(call));
      if (callee !== 'print' && callee !== 'display') {
        return false;
      }
      parent = call!.parent;
    }
    return parent?.name === 'ExpressionStatement';
  }

  /**
   * A number written where a metric was computed: `acc = accuracy_score(...)`
   * becoming `acc = 0.83`, or metric calls disappearing while new literals appear.
   */
  export function hardCodedMetrics(old: IRead, now: IRead): string[] {
    const messages: string[] = [];
    const assigned = (read: IRead) => {
      const map = new Map<string, SyntaxNode>();
      for (const statement of read.source.findAll('AssignStatement')) {
        const target = statement.firstChild;
        const value = statement.lastChild;
        if (target?.name === 'VariableName' && value) {
          map.set(read.source.textOf(target), value);
        }
      }
      return map;
    };
    const before = assigned(old);
    const after = assigned(now);
    const handled = new Set<string>();
    for (const [name, value] of after) {
      const was = before.get(name);
      if (!was || !isLiteral(now.source, value) || isLiteral(old.source, was)) {
        continue;
      }
      const computed = old.calls.find(call => call.node.from >= was.from && call.node.to <= was.to && METRIC.test(call.name));
      if (computed) {
        handled.add(computed.name);
        messages.push(`This hard-codes ${name} = ${normalize(now.source.textOf(value))} where ${computed.callee}() computed it.`);
      }
    }
    const metrics = (read: IRead) => read.calls.filter(call => METRIC.test(call.name)).map(call => call.callee);
    const lost = metrics(old).filter(name => !handled.has(name.slice(name.lastIndexOf('.') + 1)));
    const kept = metrics(now);
    for (const name of kept) {
      const at = lost.indexOf(name);
      if (at >= 0) {
        lost.splice(at, 1);
      }
    }
    const numbers = (read: IRead) => read.source.findAll('Number').map(node => read.source.textOf(node)).filter(text => /[.eE]/.test(text));
    const oldNumbers = numbers(old);
    const newNumbers = numbers(now).filter(text => !oldNumbers.includes(text));
    if (lost.length > 0 && newNumbers.length > 0) {
      messages.push(`This replaces the computed ${lost[0]}() with the hard-coded number ${newNumbers[0]}.`);
    }
    return messages;
  }

  function isLiteral(source: PythonSource, node: SyntaxNode): boolean {
    if (node.name === 'Number') {
      return true;
    }
    if (node.name === 'UnaryExpression' || node.name === 'TupleExpression' || node.name === 'ArrayExpression') {
      const numbers = source.findAll('Number').filter(n => n.from >= node.from && n.to <= node.to);
      const names = source.findAll('VariableName', 'CallExpression').filter(n => n.from >= node.from && n.to <= node.to);
      return numbers.length > 0 && names.length === 0;
    }
    return false;
  }
}
