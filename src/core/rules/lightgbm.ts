/** LightGBM 4.0: early stopping, logging and evaluation recording moved to callbacks. */
import type { SyntaxNode } from '@lezer/common';
import { customRule } from './builders';
import { importedName } from '../python/imports';
import { removeArgument } from '../python/calls';
import { replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import type { PythonSource } from '../python/syntax';
import { constructorOf } from './xgboost';
import type { IFact, IRule, IRuleError } from './types';

function fact(catalogId: string, message: string, source: string): IFact {
  return { library: 'lightgbm', version: '4.0.0', message, source, catalogId };
}

/** A call constructing a LightGBM scikit-learn model (the LGBM* names are LightGBM's own). */
export function isLgbmConstructor(source: PythonSource, call: SyntaxNode | null): boolean {
  const dotted = call?.name === 'CallExpression' ? source.dottedName(source.callee(call)) : undefined;
  return !!dotted && /^LGBM(Classifier|Regressor|Ranker|Model)$/.test(dotted.split('.').pop()!);
}

/**
 * The edits moving `early_stopping_rounds=`, `verbose_eval=` / fit's
 * `verbose=` and `evals_result=` of one call into `callbacks=[...]`.
 */
function toCallbacks(source: PythonSource, call: SyntaxNode, verboseName: 'verbose_eval' | 'verbose'): IEdit[] {
  const args = source.callArguments(call);
  const early = args.find(arg => arg.name === 'early_stopping_rounds');
  const verbose = args.find(arg => arg.name === verboseName);
  const record = args.find(arg => arg.name === 'evals_result');
  const moved = [early, verbose, record].filter(arg => arg !== undefined);
  if (moved.length === 0 || args.some(arg => arg.star === '**')) {
    return [];
  }
  const lgb = importedName(source, 'lightgbm', 'lgb');
  const verboseText = verbose ? source.textOf(verbose.value) : undefined;
  const callbacks: string[] = [];
  if (early) {
    const quiet = verboseText === 'False' || verboseText === '0' || verboseText === '-1';
    callbacks.push(`${lgb.name}.early_stopping(stopping_rounds=${source.textOf(early.value)}${quiet ? ', verbose=False' : ''})`);
  }
  if (verboseText !== undefined && !['False', '0', '-1', 'None'].includes(verboseText)) {
    // verbose_eval=True logged every iteration; an int logs every that many.
    callbacks.push(`${lgb.name}.log_evaluation(period=${verboseText === 'True' ? '1' : verboseText})`);
  }
  if (record) {
    callbacks.push(`${lgb.name}.record_evaluation(${source.textOf(record.value)})`);
  }
  const edits: IEdit[] = [];
  const existing = args.find(arg => arg.name === 'callbacks');
  if (existing && callbacks.length) {
    const value = existing.value;
    if (value.name === 'ArrayExpression') {
      const inner = source.textOf(value).slice(1, -1).trim();
      edits.push(replace(value, `[${inner ? inner.replace(/,\s*$/, '') + ', ' : ''}${callbacks.join(', ')}]`));
    } else {
      edits.push(replace(value, `[*${source.textOf(value)}, ${callbacks.join(', ')}]`));
    }
    edits.push(...moved.map(arg => removeArgument(source, call, arg.node)));
  } else {
    const [first, ...rest] = moved;
    edits.push(
      callbacks.length ? replace(first.node, `callbacks=[${callbacks.join(', ')}]`) : removeArgument(source, call, first.node),
      ...rest.map(arg => removeArgument(source, call, arg.node))
    );
  }
  return [...edits, ...(callbacks.length ? lgb.edits : [])];
}

/** The lightgbm.train / lightgbm.cv calls that pass `keyword`. */
function lgbCalls(source: PythonSource, fn: 'train' | 'cv', keyword: string): SyntaxNode[] {
  return source
    .callsTo(qualified => qualified === `lightgbm.${fn}` || qualified === `lightgbm.engine.${fn}`)
    .filter(call => source.callArguments(call).some(arg => arg.name === keyword));
}

function trainRule(id: string, keyword: string, message: string, pr: number): IRule {
  return customRule({
    id,
    category: 'signature-change',
    fact: fact(id, message, `https://github.com/microsoft/LightGBM/pull/${pr}`),
    trigger: new RegExp(`^TypeError: train\\(\\) got an unexpected keyword argument '${keyword}'`),
    static: true,
    fix: ({ source }) => lgbCalls(source, 'train', keyword).flatMap(call => toCallbacks(source, call, 'verbose_eval'))
  });
}

const trainEarlyStopping = trainRule(
  'lightgbm-train-early_stopping_rounds',
  'early_stopping_rounds',
  'LightGBM 4.0 removed lgb.train(early_stopping_rounds=); pass callbacks=[lgb.early_stopping(stopping_rounds=n)].',
  4908
);
const trainVerboseEval = trainRule(
  'lightgbm-train-verbose_eval',
  'verbose_eval',
  'LightGBM 4.0 removed lgb.train(verbose_eval=); pass callbacks=[lgb.log_evaluation(period=n)].',
  4878
);
const trainEvalsResult = trainRule(
  'lightgbm-train-evals_result',
  'evals_result',
  'LightGBM 4.0 removed lgb.train(evals_result=); pass callbacks=[lgb.record_evaluation(result_dict)].',
  4574
);

const cvEarlyStopping = customRule({
  id: 'lightgbm-cv-early_stopping',
  category: 'signature-change',
  fact: fact(
    'lightgbm-cv-early_stopping',
    'LightGBM 4.0 removed lgb.cv(early_stopping_rounds=, verbose_eval=); pass callbacks=[lgb.early_stopping(n), lgb.log_evaluation(k)].',
    'https://github.com/microsoft/LightGBM/pull/4908'
  ),
  trigger: /^TypeError: cv\(\) got an unexpected keyword argument '(early_stopping_rounds|verbose_eval|evals_result)'/,
  static: true,
  fix: ({ source }) => {
    const calls = new Map<number, SyntaxNode>();
    for (const keyword of ['early_stopping_rounds', 'verbose_eval', 'evals_result']) {
      for (const call of lgbCalls(source, 'cv', keyword)) {
        calls.set(call.from, call);
      }
    }
    return [...calls.values()].flatMap(call => toCallbacks(source, call, 'verbose_eval'));
  }
});

/** `LGBMClassifier().fit(X, y, early_stopping_rounds=50, verbose=100)` -> callbacks. */
const fitEarlyStopping = customRule({
  id: 'lightgbm-sklearn-fit-early_stopping',
  category: 'signature-change',
  fact: fact(
    'lightgbm-sklearn-fit-early_stopping',
    "LightGBM 4.0 removed early_stopping_rounds= and verbose= from the scikit-learn models' fit(); pass callbacks=[lgb.early_stopping(n), lgb.log_evaluation(k)].",
    'https://github.com/microsoft/LightGBM/pull/4574'
  ),
  trigger: /LGBM\w*\.fit\(\) got an unexpected keyword argument '(early_stopping_rounds|verbose)'/,
  static: true,
  fix: ({ source, error }) => {
    const named = namesLgbmFit(error);
    return source.methodCalls('fit').flatMap(fit => {
      const args = source.callArguments(fit);
      if (!args.some(arg => arg.name === 'early_stopping_rounds' || arg.name === 'verbose')) {
        return [];
      }
      const object = source.callee(fit)!.firstChild!;
      const constructor = constructorOf(source, object, fit.from);
      if (!(constructor ? isLgbmConstructor(source, constructor) : named)) {
        return [];
      }
      return toCallbacks(source, fit, 'verbose');
    });
  }
});

function namesLgbmFit(error?: IRuleError): boolean {
  return !!error && /LGBM\w*\.fit\(\)/.test(error.evalue);
}

export const lightgbmRules: IRule[] = [trainEarlyStopping, trainVerboseEval, trainEvalsResult, cvEarlyStopping, fitEarlyStopping];
