/** XGBoost 1.x -> 3.x: fit() arguments moved to the constructor, GPU parameters, ntree_limit. */
import type { SyntaxNode } from '@lezer/common';
import { customRule, renamedKeyword } from './builders';
import { appendArgument, removeArgument } from '../python/calls';
import { insertAt, replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import type { ICallArgument, PythonSource } from '../python/syntax';
import type { IFact, IRule } from './types';

const NEWS = 'https://github.com/dmlc/xgboost/blob/master/NEWS.md';
const CHANGES = (version: string) => `https://xgboost.readthedocs.io/en/stable/changes/v${version}.html`;

function fact(catalogId: string, version: string, message: string, source: string): IFact {
  return { library: 'xgboost', version, message, source, catalogId };
}

const SKLEARN_CLASS = /^XGB(Classifier|Regressor|Ranker|RFClassifier|RFRegressor|Model)$/;

/** A call constructing an XGBoost scikit-learn model. */
export function isXgbConstructor(source: PythonSource, call: SyntaxNode | null): boolean {
  if (!call || call.name !== 'CallExpression') {
    return false;
  }
  const callee = source.callee(call);
  const dotted = source.dottedName(callee);
  // The XGB* class names are XGBoost's own: no import needed to be sure.
  return !!dotted && SKLEARN_CLASS.test(dotted.split('.').pop()!);
}

/**
 * The call that built the object a method is called on: `XGBClassifier(...).fit`
 * or the last `name = XGBClassifier(...)` before it in the source.
 */
export function constructorOf(source: PythonSource, object: SyntaxNode, before: number): SyntaxNode | null {
  if (object.name === 'CallExpression') {
    return object;
  }
  if (object.name !== 'VariableName') {
    return null;
  }
  const name = source.textOf(object);
  let found: SyntaxNode | null = null;
  for (const assign of source.findAll('AssignStatement')) {
    if (assign.from >= before) {
      break;
    }
    const target = assign.firstChild;
    const value = assign.lastChild;
    if (target?.name === 'VariableName' && source.textOf(target) === name && target.nextSibling?.name === 'AssignOp') {
      found = value?.name === 'CallExpression' ? value : null;
    }
  }
  return found;
}

const MOVED_FROM_FIT = ['early_stopping_rounds', 'eval_metric', 'callbacks'];

/**
 * `model.fit(X, y, eval_set=..., early_stopping_rounds=50, eval_metric='auc')`
 * -> the two move to `XGBClassifier(...)`; when the constructor is not in the
 * cell, to a `model.set_params(...)` line before the fit.
 */
const fitEarlyStopping = customRule({
  id: 'xgboost-fit-early_stopping_rounds',
  category: 'signature-change',
  fact: fact(
    'xgboost-fit-early_stopping_rounds',
    '2.1.0',
    'XGBoost 2.1 removed early_stopping_rounds, eval_metric and callbacks from the scikit-learn fit(); they are constructor parameters.',
    CHANGES('2.1.0')
  ),
  trigger: /XGB\w*\.fit\(\) got an unexpected keyword argument '(early_stopping_rounds|eval_metric|callbacks)'/,
  static: true,
  fix: ({ source, error }) => {
    const edits: IEdit[] = [];
    const namedByError = !!error && /XGB\w*\.fit\(\)/.test(error.evalue);
    for (const fit of source.methodCalls('fit')) {
      const moved = source.callArguments(fit).filter(arg => arg.name && MOVED_FROM_FIT.includes(arg.name));
      if (moved.length === 0) {
        continue;
      }
      const object = source.callee(fit)!.firstChild!;
      const constructor = constructorOf(source, object, fit.from);
      if (constructor && isXgbConstructor(source, constructor)) {
        const existing = new Set(source.callArguments(constructor).map(arg => arg.name));
        const parts = moved.filter(arg => !existing.has(arg.name)).map(arg => source.textOf(arg.node));
        if (parts.length) {
          edits.push(appendArgument(source, constructor, parts.join(', ')));
        }
      } else if (namedByError && !constructor && object.name === 'VariableName') {
        const statement = source.statementOf(fit);
        const indent = source.indentAt(statement.from);
        const parts = moved.map(arg => source.textOf(arg.node));
        edits.push(insertAt(statement.from, `${source.textOf(object)}.set_params(${parts.join(', ')})\n${indent}`));
      } else {
        continue;
      }
      edits.push(...moved.map(arg => removeArgument(source, fit, arg.node)));
    }
    return edits;
  }
});

/** `{'tree_method': 'gpu_hist'}`-style entries: [key, value] pairs of a dictionary literal. */
function dictEntries(source: PythonSource, dict: SyntaxNode): [SyntaxNode, SyntaxNode][] {
  const entries: [SyntaxNode, SyntaxNode][] = [];
  for (let key = dict.firstChild; key; key = key.nextSibling) {
    if (key.name === 'String' && key.nextSibling?.name === ':' && key.nextSibling.nextSibling) {
      entries.push([key, key.nextSibling.nextSibling]);
    }
  }
  return entries;
}

function unquote(text: string): string | undefined {
  const match = /^(['"])(.*)\1$/.exec(text);
  return match ? match[2] : undefined;
}

/** Remove one entry (key: value) of a dictionary literal with its comma. */
function removeEntry(dict: SyntaxNode, entries: [SyntaxNode, SyntaxNode][], index: number): IEdit {
  if (index > 0) {
    return { from: entries[index - 1][1].to, to: entries[index][1].to, insert: '' };
  }
  if (entries.length > 1) {
    return { from: entries[0][0].from, to: entries[1][0].from, insert: '' };
  }
  return { from: dict.from + 1, to: dict.to - 1, insert: '' };
}

/**
 * tree_method='gpu_hist' -> tree_method='hist', device='cuda'; gpu_id=N ->
 * device='cuda:N'; predictor= dropped. In constructor keywords and params
 * dictionaries. device='cuda' falls back to the CPU with a warning.
 */
const gpuHist = customRule({
  id: 'xgboost-gpu_hist',
  category: 'removed-api',
  fact: fact(
    'xgboost-gpu_hist',
    '3.1.0',
    "XGBoost removed tree_method='gpu_hist', gpu_id and predictor (removed for good in 3.1); use tree_method='hist' with device='cuda' (or 'cpu').",
    CHANGES('3.1.0')
  ),
  trigger: /Invalid Input: 'gpu_hist'|`gpu_id` has been removed|gpu_hist|gpu_predictor/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    const handle = (
      items: { name: string; node: { from: number; to: number }; value: SyntaxNode }[],
      remove: (index: number) => IEdit,
      add: (part: string) => IEdit,
      render: (name: string, value: string) => string
    ) => {
      let device: string | undefined;
      const hasDevice = items.some(item => item.name === 'device');
      items.forEach((item, index) => {
        const value = source.textOf(item.value);
        if (item.name === 'tree_method' && unquote(value) === 'gpu_hist') {
          edits.push(replace(item.value, `${value[0]}hist${value[0]}`));
          device ??= 'cuda';
        } else if (item.name === 'gpu_id') {
          edits.push(remove(index));
          device = /^\d+$/.test(value) ? `cuda:${value}` : 'cuda';
        } else if (item.name === 'predictor') {
          edits.push(remove(index));
        }
      });
      if (device && !hasDevice) {
        edits.push(add(render('device', `'${device}'`)));
      }
    };
    for (const call of source.findAll('CallExpression')) {
      if (!isXgbConstructor(source, call)) {
        continue;
      }
      const args = source.callArguments(call).filter((arg): arg is ICallArgument & { name: string } => !!arg.name);
      if (!args.some(arg => ['tree_method', 'gpu_id', 'predictor'].includes(arg.name))) {
        continue;
      }
      if (!args.some(arg => arg.name === 'gpu_id' || arg.name === 'predictor' || (arg.name === 'tree_method' && unquote(source.textOf(arg.value)) === 'gpu_hist'))) {
        continue;
      }
      handle(
        args,
        index => removeArgument(source, call, args[index].node),
        part => appendArgument(source, call, part),
        (name, value) => `${name}=${value}`
      );
    }
    for (const dict of source.findAll('DictionaryExpression')) {
      const entries = dictEntries(source, dict);
      const items = entries.map(([key, value]) => ({ name: unquote(source.textOf(key)) ?? '', node: { from: key.from, to: value.to }, value }));
      const gpu = items.some(item => item.name === 'tree_method' && unquote(source.textOf(item.value)) === 'gpu_hist');
      const predictor = items.some(item => item.name === 'predictor' && /^(gpu|cpu)_predictor$/.test(unquote(source.textOf(item.value)) ?? ''));
      if (!gpu && !predictor && !(items.some(item => item.name === 'gpu_id') && items.some(item => item.name === 'tree_method'))) {
        continue;
      }
      const quote = source.textOf(entries[0][0])[0];
      handle(
        items,
        index => removeEntry(dict, entries, index),
        part => insertAt(entries[entries.length - 1][1].to, `, ${part}`),
        (name, value) => `${quote}${name}${quote}: ${value.replace(/'/g, quote)}`
      );
    }
    // params['tree_method'] = 'gpu_hist'
    for (const assign of source.findAll('AssignStatement')) {
      const target = assign.firstChild;
      const value = assign.lastChild;
      if (target?.name !== 'MemberExpression' || target.lastChild?.name !== ']' || value?.name !== 'String' || unquote(source.textOf(value)) !== 'gpu_hist') {
        continue;
      }
      const key = target.lastChild.prevSibling;
      if (!key || unquote(source.textOf(key)) !== 'tree_method') {
        continue;
      }
      const object = source.textOf(target.firstChild!);
      const quote = source.textOf(value)[0];
      edits.push(replace(value, `${quote}hist${quote}`));
      edits.push(insertAt(assign.to, `\n${source.indentAt(assign.from)}${object}[${quote}device${quote}] = ${quote}cuda${quote}`));
    }
    return edits;
  }
});

/**
 * predict(X, ntree_limit=...) -> iteration_range=(0, n); dropped on the
 * scikit-learn models (they use best_iteration themselves);
 * `m.best_ntree_limit` -> `m.best_iteration + 1`.
 */
const ntreeLimit = customRule({
  id: 'xgboost-ntree_limit',
  category: 'signature-change',
  fact: fact(
    'xgboost-ntree_limit',
    '2.0.0',
    'XGBoost 2.0 removed predict(ntree_limit=) and best_ntree_limit; use iteration_range=(0, best_iteration + 1) (the scikit-learn models use the best iteration by themselves).',
    NEWS
  ),
  trigger: /unexpected keyword argument 'ntree_limit'|has no attribute 'best_ntree_limit'/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    const handled = new Set<number>();
    for (const call of source.findAll('CallExpression')) {
      const callee = source.callee(call);
      if (callee?.name !== 'MemberExpression') {
        continue;
      }
      const arg = source.callArguments(call).find(a => a.name === 'ntree_limit');
      if (!arg) {
        continue;
      }
      const object = callee.firstChild!;
      const constructor = constructorOf(source, object, call.from);
      const value = arg.value;
      const text = source.textOf(value);
      if ((constructor && isXgbConstructor(source, constructor)) || text === '0' || text === 'None') {
        edits.push(removeArgument(source, call, arg.node));
      } else if (value.name === 'MemberExpression' && source.textOf(value.lastChild!) === 'best_ntree_limit') {
        edits.push(replace(arg.node, `iteration_range=(0, ${source.textOf(value.firstChild!)}.best_iteration + 1)`));
      } else {
        edits.push(replace(arg.node, `iteration_range=(0, ${text})`));
      }
      handled.add(value.from);
    }
    for (const member of source.memberAccesses('best_ntree_limit')) {
      if (handled.has(member.from)) {
        continue;
      }
      edits.push(replace(member, `(${source.textOf(member.firstChild!)}.best_iteration + 1)`));
    }
    return edits;
  }
});

/** silent=True -> verbosity=0 on the scikit-learn models and in params passed to xgb.train/cv. */
const silent = customRule({
  id: 'xgboost-silent',
  category: 'signature-change',
  fact: fact('xgboost-silent', '1.1.0', "XGBoost 1.1 dropped the silent parameter (it is ignored with a warning); use verbosity=0.", NEWS),
  trigger: /Parameters: \{[^}]*"silent"[^}]*\} are not used/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    const verbosity = (text: string) => (['True', '1'].includes(text) ? '0' : ['False', '0'].includes(text) ? '1' : undefined);
    for (const call of source.findAll('CallExpression')) {
      if (!isXgbConstructor(source, call)) {
        continue;
      }
      for (const arg of source.callArguments(call)) {
        const level = arg.name === 'silent' ? verbosity(source.textOf(arg.value)) : undefined;
        if (level) {
          edits.push(replace(arg.node, `verbosity=${level}`));
        }
      }
    }
    for (const dict of xgbParamDicts(source)) {
      for (const [key, value] of dictEntries(source, dict)) {
        const level = unquote(source.textOf(key)) === 'silent' ? verbosity(source.textOf(value)) : undefined;
        if (level) {
          const quote = source.textOf(key)[0];
          edits.push(replace({ from: key.from, to: value.to }, `${quote}verbosity${quote}: ${level}`));
        }
      }
    }
    return edits;
  }
});

/** Dictionary literals passed (directly or through a name) as params to xgboost.train / xgboost.cv. */
function xgbParamDicts(source: PythonSource): SyntaxNode[] {
  const dicts: SyntaxNode[] = [];
  for (const call of source.callsTo(qualified => qualified === 'xgboost.train' || qualified === 'xgboost.cv')) {
    const first = source.callArguments(call)[0];
    if (!first || first.name) {
      continue;
    }
    if (first.value.name === 'DictionaryExpression') {
      dicts.push(first.value);
    } else if (first.value.name === 'VariableName') {
      const name = source.textOf(first.value);
      for (const assign of source.findAll('AssignStatement')) {
        if (source.textOf(assign.firstChild!) === name && assign.lastChild?.name === 'DictionaryExpression') {
          dicts.push(assign.lastChild);
        }
      }
    }
  }
  return dicts;
}

const labelEncoder = customRule({
  id: 'xgboost-label-encoder',
  category: 'signature-change',
  fact: fact(
    'xgboost-label-encoder',
    '1.6.0',
    "XGBoost 1.6 removed the classifier's label encoder, so use_label_encoder= is ignored with a warning (labels must already be 0..n-1).",
    NEWS
  ),
  trigger: /Parameters: \{[^}]*"use_label_encoder"[^}]*\} are not used/,
  static: true,
  fix: ({ source }) =>
    source
      .findAll('CallExpression')
      .filter(call => isXgbConstructor(source, call))
      .flatMap(call =>
        source
          .callArguments(call)
          .filter(arg => arg.name === 'use_label_encoder')
          .map(arg => removeArgument(source, call, arg.node))
      )
});

const feval = renamedKeyword({
  id: 'xgboost-train-feval',
  fact: fact(
    'xgboost-train-feval',
    '3.0.0',
    'XGBoost 3.0 removed feval= from xgb.train/xgb.cv; pass the metric as custom_metric= (it gets raw margins with a custom objective).',
    CHANGES('3.0.0')
  ),
  trigger: /train\(\) got an unexpected keyword argument 'feval'|cv\(\) got an unexpected keyword argument 'feval'/,
  calls: qualified => qualified === 'xgboost.train' || qualified === 'xgboost.cv',
  from: 'feval',
  to: 'custom_metric'
});

export const xgboostRules: IRule[] = [fitEarlyStopping, gpuHist, ntreeLimit, silent, labelEncoder, feval];
