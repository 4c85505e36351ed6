/**
 * Semantic drift in what a cell computes with: literals in any call (epoch
 * counts, sample sizes, ranges), training and prediction calls added or
 * removed, what a model is trained on, which rows and columns are selected,
 * and the author's printed figures written into the code. Judged on the two
 * syntax trees that flags.ts reads; each finding is one sentence.
 */
import type { SyntaxNode } from '@lezer/common';
import type { PythonSource } from '../python/syntax';

/** A call as drift.ts reads it. */
export interface IDriftCall {
  callee: string;
  name: string;
  node: SyntaxNode;
  keywords: Map<string, string>;
  positional: string[];
}

export interface IDriftRead {
  source: PythonSource;
  calls: IDriftCall[];
}

/** Keywords that size a computation in any call, not only in model constructors. */
export const SIZE_KEYWORDS = new Set([
  'epochs',
  'nb_epoch',
  'n_iter',
  'max_iter',
  'num_boost_round',
  'num_rounds',
  'n_estimators',
  'batch_size',
  'steps_per_epoch',
  'iterations',
  'n',
  'frac',
  'n_samples',
  'max_evals',
  'n_trials'
]);

/**
 * Literal positional arguments changed in calls that compute: `range(100)`
 * becoming `range(10)`, `df.sample(1000)` becoming `df.sample(100)`. Display
 * calls (print, plots, rounding) and model classes (flags.ts judges those)
 * are left out.
 */
export function literalArguments(old: IDriftRead, now: IDriftRead, pairs: [IDriftCall | undefined, IDriftCall | undefined][]): string[] {
  const messages: string[] = [];
  for (const [before, after] of pairs) {
    if (
      !before ||
      !after ||
      /^[A-Z]/.test(before.name) ||
      Private.isDisplay(before) ||
      Private.SEEDING.test(before.callee) ||
      before.positional.length !== after.positional.length
    ) {
      continue;
    }
    before.positional.forEach((value, i) => {
      const next = after.positional[i];
      if (next !== value && Private.NUMBER.test(value) && Private.NUMBER.test(next)) {
        messages.push(`This changes argument ${i + 1} of ${before.callee}() from ${value} to ${next}.`);
      }
    });
  }
  return messages;
}

/** Training and prediction calls the patch removes or adds (`fit_generator` is `fit` under its old name). */
export function trainingCalls(old: IDriftRead, now: IDriftRead): string[] {
  const before = Private.trainingCallees(old);
  const after = Private.trainingCallees(now);
  const messages: string[] = [];
  for (const [callee, count] of before) {
    const left = after.get(callee) ?? 0;
    if (left < count) {
      messages.push(`This removes ${Private.times(count - left)}${callee}(), which the original ${Private.verb(callee)}.`);
    }
  }
  for (const [callee, count] of after) {
    const had = before.get(callee) ?? 0;
    if (had < count) {
      messages.push(`This adds ${Private.times(count - had)}${callee}(), which the original did not call.`);
    }
  }
  return messages;
}

/** What a model is trained or scored on: the data arguments of fit/train/score calls, paired in order. */
export function trainingData(pairs: [IDriftCall | undefined, IDriftCall | undefined][]): string[] {
  const messages: string[] = [];
  for (const [before, after] of pairs) {
    if (!before || !after || !Private.TRAINING.test(Private.normalName(before.name)) || Private.normalName(before.name) !== Private.normalName(after.name)) {
      continue;
    }
    const data = (call: IDriftCall) => call.positional.filter(value => !Private.NUMBER.test(value)).join(', ');
    if (data(before) !== data(after)) {
      messages.push(`This changes what ${before.callee}() gets: (${data(before)}) then, (${data(after)}) now.`);
    }
  }
  return messages;
}

/**
 * Row and column selection: subscripts with literals (`df[['a', 'b']]`,
 * `X[:1000]`, `df.iloc[:, 1:5]`) compared by what is inside the brackets, so
 * `.ix[...]` becoming `.iloc[...]` keeps them; sampling the original did and
 * the patch no longer does, or does differently.
 */
export function dataSelection(old: IDriftRead, now: IDriftRead): string[] {
  const before = Private.selections(old.source);
  const after = Private.selections(now.source);
  for (const item of [...before]) {
    const at = after.indexOf(item);
    if (at >= 0) {
      after.splice(at, 1);
      before.splice(before.indexOf(item), 1);
    }
  }
  const messages: string[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    if (before[i] !== undefined && after[i] !== undefined) {
      messages.push(`This changes the data selection [${before[i]}] to [${after[i]}].`);
    } else if (before[i] !== undefined) {
      messages.push(`This drops the data selection [${before[i]}].`);
    } else {
      messages.push(`This adds the data selection [${after[i]}], which the original did not make.`);
    }
  }
  return messages;
}

/** Row sampling the original did and the patch dropped (added sampling is drift.ts's `sampling`). */
export function samplingRemoved(old: IDriftRead, now: IDriftRead): string[] {
  const found = (read: IDriftRead) =>
    read.calls
      .filter(call => (call.name === 'sample' || call.name === 'head') && call.callee.includes('.') && call.positional.length + call.keywords.size > 0)
      .map(call => `${call.name}(${[...call.positional, ...[...call.keywords].map(([k, v]) => `${k}=${v}`)].join(', ')})`);
  const after = found(now);
  return found(old)
    .filter(item => {
      const at = after.indexOf(item);
      return at < 0 || (after.splice(at, 1), false);
    })
    .map(item => `This no longer samples rows with .${item}: the results come from other rows.`);
}

/**
 * The author's printed figures written into the code: a number literal the
 * original did not have that equals a stored figure (a calibration that
 * hard-codes its target).
 */
export function hardCodedFigures(old: IDriftRead, now: IDriftRead, figures: readonly number[]): string[] {
  if (figures.length === 0) {
    return [];
  }
  const numbers = (read: IDriftRead) => read.source.findAll('Number').map(node => read.source.textOf(node));
  const had = new Set(numbers(old));
  const messages: string[] = [];
  for (const text of new Set(numbers(now))) {
    const value = Number(text.replace(/_/g, ''));
    if (had.has(text) || !Number.isFinite(value) || Number.isInteger(value)) {
      continue;
    }
    if (figures.some(figure => figure === value)) {
      messages.push(`This writes the original's printed figure ${text} into the code.`);
    }
  }
  return messages;
}

namespace Private {
  /** Seeding calls: drift.ts says how a seed changed. */
  export const SEEDING = /(^|\.)(seed|set_seed|manual_seed|set_random_seed)$/;
  export const NUMBER = /^[-+]?(\d[\d_]*\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

  /** Calls that train or predict (metric calls are drift.ts's hard-coded-metric check). */
  const TRAIN_OR_PREDICT = /^(fit|fit_transform|fit_predict|fit_resample|partial_fit|train|predict|predict_proba|predict_classes|cross_val_predict|cross_validate)$/;
  /** Calls whose arguments are the training data. */
  export const TRAINING = /^(fit|fit_transform|fit_predict|fit_resample|partial_fit|train)$/;

  /** Display-only callees: what they get changes what is shown, not what is computed. */
  const DISPLAY_ROOTS = /^(print|display|round|format|str|repr|plt|sns|ax\d*|axes|axs|fig|figure|px|go|tqdm)$/;
  const DISPLAY_NAMES =
    /^(print|display|round|format|plot|scatter|hist|bar|barh|pie|imshow|show|figure|subplot|subplots|savefig|title|suptitle|legend|text|annotate|tight_layout|heatmap|countplot|barplot|boxplot|violinplot|distplot|histplot|kdeplot|pairplot|lineplot|scatterplot|set_option|set_style|set_title|set_xlabel|set_ylabel|set_xlim|set_ylim|xlabel|ylabel|xlim|ylim|xticks|yticks|grid|describe|info|sleep)$/;

  export function isDisplay(call: IDriftCall): boolean {
    return DISPLAY_ROOTS.test(call.callee.split('.')[0]) || DISPLAY_NAMES.test(call.name);
  }

  /** Keras' `_generator` methods are the plain ones under their old names. */
  export function normalName(name: string): string {
    return name.replace(/_generator$/, '');
  }

  export function trainingCallees(read: IDriftRead): Map<string, number> {
    const counts = new Map<string, number>();
    for (const call of read.calls) {
      const name = normalName(call.name);
      if (TRAIN_OR_PREDICT.test(name)) {
        const callee = call.callee.slice(0, call.callee.length - call.name.length) + name;
        counts.set(callee, (counts.get(callee) ?? 0) + 1);
      }
    }
    return counts;
  }

  export function verb(callee: string): string {
    return TRAINING.test(callee.slice(callee.lastIndexOf('.') + 1)) ? 'trains with' : 'calls';
  }

  export function times(count: number): string {
    return count > 1 ? `${count} calls to ` : 'the call ';
  }

  /** Bracket contents of subscripts that hold a literal (string, number or slice with numbers). */
  export function selections(source: PythonSource): string[] {
    const found: string[] = [];
    for (const node of source.findAll('MemberExpression')) {
      const open = node.getChild('[');
      const close = node.getChild(']');
      if (!open || !close) {
        continue;
      }
      const inside = source.text.slice(open.to, close.from);
      if (/['"\d]/.test(inside)) {
        found.push(inside.replace(/\s+/g, ' ').replace(/"/g, "'").trim());
      }
    }
    return found;
  }
}
