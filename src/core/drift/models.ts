/**
 * Semantic drift in the model a cell builds: a different model class, changed
 * hyperparameters (keywords of constructors and fits), seeds and split sizes,
 * seeding calls added or changed. Judged on the two syntax trees that
 * flags.ts reads; each finding is one sentence.
 */
import { SIZE_KEYWORDS } from './calls';
import type { IDriftCall, IDriftRead } from './calls';

export function modelClasses(old: IDriftRead, now: IDriftRead): string[] {
  const count = (read: IDriftRead) => {
    const counts = new Map<string, number>();
    for (const call of read.calls) {
      if (Private.isClass(call.name)) {
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
  const renames = removed.filter(name => added.some(other => Private.renamed(name, other)));
  removed = removed.filter(name => !renames.includes(name));
  added = added.filter(name => !renames.some(old => Private.renamed(old, name)));
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
export function keywordChanges(old: IDriftRead, now: IDriftRead, statesDefaults: boolean): string[] {
  const relevant = (call: IDriftCall, keyword: string) =>
    !Private.NEUTRAL_KEYWORDS.has(keyword) &&
    (Private.SEED_KEYWORDS.has(keyword) ||
      Private.SPLIT_KEYWORDS.has(keyword) ||
      // Sample sizes are the sampling check's.
      (SIZE_KEYWORDS.has(keyword) && call.name !== 'sample' && call.name !== 'head') ||
      /^[A-Z]/.test(call.name) ||
      Private.FIT_METHODS.has(call.name));
  const paired = pairCalls(old.calls, now.calls);
  const changed: string[] = [];
  const removed: { call: IDriftCall; keyword: string; value: string }[] = [];
  const added: { call: IDriftCall; keyword: string; value: string }[] = [];
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
        changed.push(`This changes ${Private.describe(keyword)} from ${value} to ${next} in ${before.callee}().`);
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
    ...removed.map(item => `This drops ${Private.describe(item.keyword)}=${item.value} from ${item.call.callee}() (the default applies instead).`),
    // A keyword the original left to its default, stated by a calibration in a call the original makes.
    ...added
      .filter(item => !(statesDefaults && !Private.SEED_KEYWORDS.has(item.keyword) && old.calls.some(call => call.callee === item.call.callee)))
      .map(item => `This sets ${Private.describe(item.keyword)}=${item.value} in ${item.call.callee}(), which the original did not.`)
  ];
}

/** Calls paired by callee, in order of appearance; unpaired ones stand alone. */
export function pairCalls(old: IDriftCall[], now: IDriftCall[]): [IDriftCall | undefined, IDriftCall | undefined][] {
  const byCallee = (calls: IDriftCall[]) => {
    const map = new Map<string, IDriftCall[]>();
    calls.forEach(call => map.set(call.callee, [...(map.get(call.callee) ?? []), call]));
    return map;
  };
  const before = byCallee(old);
  const after = byCallee(now);
  const pairs: [IDriftCall | undefined, IDriftCall | undefined][] = [];
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
export function seedCalls(old: IDriftRead, now: IDriftRead): string[] {
  const seeds = (read: IDriftRead) => read.calls.filter(call => Private.SEED_CALL.test(call.callee)).map(call => `${call.callee}(${call.positional.join(', ')})`);
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

namespace Private {
  /** Keywords that choose the randomness. */
  export const SEED_KEYWORDS = new Set(['random_state', 'seed', 'random_seed']);
  /** Keywords that size a train/test split or cross-validation. */
  export const SPLIT_KEYWORDS = new Set(['test_size', 'train_size', 'validation_split', 'n_splits', 'cv']);
  /** Keywords that change how a fit is shown or scheduled, not what it computes. */
  export const NEUTRAL_KEYWORDS = new Set([
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
  export const FIT_METHODS = new Set(['fit', 'fit_transform', 'fit_predict', 'fit_resample', 'train', 'compile', 'fit_generator']);
  /** Class names that are estimators, models or preprocessing steps. */
  const MODEL_CLASS =
    /(Classifier|Regressor|Regression|SVC|SVR|SVM|Means|Clustering|DBSCAN|Forest|Tree|Boost\w*|NB|Sequential|Model|Pipeline|PCA|SVD|TSNE|Scaler|Encoder|Imputer|Booster|Ridge|Lasso|ElasticNet|Neighbors\w*|Mixture|Discriminant\w*|Perceptron|Vectorizer)$/;
  /** Calls that seed a random generator. */
  export const SEED_CALL = /(^|\.)(seed|set_seed|manual_seed|set_random_seed)$/;

  export function isClass(name: string): boolean {
    return /^[A-Z]/.test(name) && MODEL_CLASS.test(name);
  }

  /** A class renamed by its library keeps the old name inside the new (Imputer -> SimpleImputer). */
  export function renamed(a: string, b: string): boolean {
    return a.endsWith(b) || b.endsWith(a) || a.startsWith(b) || b.startsWith(a);
  }

  export function describe(keyword: string): string {
    if (SEED_KEYWORDS.has(keyword)) {
      return `the seed ${keyword}`;
    }
    if (SPLIT_KEYWORDS.has(keyword)) {
      return `the split size ${keyword}`;
    }
    return keyword;
  }
}
