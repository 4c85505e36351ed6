/**
 * Semantic drift: what a patch changes that would change the notebook's
 * results without raising anything. Both sources are read as syntax trees
 * and compared for a different model class, changed hyperparameters, seeds,
 * split sizes, row sampling and hard-coded numbers where a metric was
 * computed. A patch that only renames or moves an API keeps all of these.
 * The model's checks are in models.ts, the calls' in calls.ts.
 */
import type { SyntaxNode } from '@lezer/common';
import { dataSelection, hardCodedFigures, literalArguments, samplingRemoved, trainingCalls, trainingData } from './calls';
import type { IDriftCall, IDriftRead } from './calls';
import { keywordChanges, modelClasses, pairCalls, seedCalls } from './models';
import type { IPatchFlag } from '../notebook/patch';
import { withoutMagics } from '../python/magics';
import { PythonSource } from '../python/syntax';

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
  const pairs = pairCalls(old.calls, now.calls);
  const messages = [
    ...modelClasses(old, now),
    ...keywordChanges(old, now, options.statesDefaults === true),
    ...literalArguments(old, now, pairs.filter(([call]) => call?.name !== 'sample' && call?.name !== 'head')),
    ...seedCalls(old, now),
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

namespace Private {
  /** Functions whose result is a metric. */
  const METRIC = /(score|accuracy|auc|error|loss|f1|precision|recall|r2|mse|rmse|mae|logloss|evaluate)$/i;

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
