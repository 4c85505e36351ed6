/**
 * Builders for calls whose keywords changed: a keyword renamed, removed,
 * given renamed values, made keyword-only, or added to restore an old default.
 */
import type { IEdit } from '../../python/edit';
import { replace } from '../../python/edit';
import type { CallFilter } from '../../python/calls';
import { appendArgument, callsMatching, removeArgument } from '../../python/calls';
import { splitTopLevel } from '../../python/text';
import type { IRule, RuleCategory } from '../types';
import type { IRuleBase } from './base';

/**
 * `f(old=v)` -> `f(new=v)`; with `value`, the value is rewritten too (`None`
 * from `value` drops the argument).
 */
export function renamedKeyword(
  options: IRuleBase & {
    calls: CallFilter;
    from: string;
    to: string;
    value?: (valueText: string) => string | null;
    static?: boolean;
  }
): IRule {
  return {
    id: options.id,
    category: options.category ?? 'signature-change',
    fact: options.fact,
    trigger: options.trigger,
    static: options.static ?? true,
    fix: ({ source }) => {
      const edits: IEdit[] = [];
      for (const call of callsMatching(source, options.calls)) {
        for (const arg of source.callArguments(call)) {
          if (arg.name !== options.from) {
            continue;
          }
          const valueText = source.textOf(arg.value);
          const newValue = options.value ? options.value(valueText) : valueText;
          if (newValue === null) {
            edits.push(removeArgument(source, call, arg.node));
          } else if (options.to !== options.from || newValue !== valueText) {
            edits.push(replace(arg.node, `${options.to}=${newValue}`));
          }
        }
      }
      return edits;
    }
  };
}

/**
 * `f(kw='old')` -> `f(kw='new')`: a keyword value that was renamed. Only the
 * values in `values` (source text, quotes included) are touched.
 */
export function renamedKeywordValue(
  options: IRuleBase & { calls: CallFilter; keyword: string; values: Record<string, string>; static?: boolean }
): IRule {
  return renamedKeyword({
    ...options,
    from: options.keyword,
    to: options.keyword,
    value: text => (/^(['"]).*\1$/.test(text) ? options.values[text.slice(1, -1)] ?? text : text)
  });
}

/** `f(x, removed=v)` -> `f(x)`: a keyword that no longer exists and has no successor. */
export function removedKeyword(
  options: IRuleBase & { calls: CallFilter; keyword: string; static?: boolean }
): IRule {
  return {
    id: options.id,
    category: options.category ?? 'signature-change',
    fact: options.fact,
    trigger: options.trigger,
    static: options.static ?? true,
    fix: ({ source }) =>
      callsMatching(source, options.calls).flatMap(call =>
        source
          .callArguments(call)
          .filter(arg => arg.name === options.keyword)
          .map(arg => removeArgument(source, call, arg.node))
      )
  };
}

/**
 * `f(a, 1)` -> `f(a, axis=1)`: positional arguments that became keyword-only.
 * `keywords[i]` names the i-th positional argument; undefined leaves it.
 */
export function keywordOnly(
  options: IRuleBase & { calls: CallFilter; keywords: (string | undefined)[]; static?: boolean }
): IRule {
  return {
    id: options.id,
    category: options.category ?? 'signature-change',
    fact: options.fact,
    trigger: options.trigger,
    static: options.static ?? false,
    fix: ({ source }) => {
      const edits: IEdit[] = [];
      for (const call of callsMatching(source, options.calls)) {
        const positional = source.callArguments(call).filter(arg => !arg.name && !arg.star);
        positional.forEach((arg, index) => {
          const keyword = options.keywords[index];
          if (keyword) {
            edits.push(replace(arg.node, `${keyword}=${source.textOf(arg.value)}`));
          }
        });
      }
      return edits;
    }
  };
}

/**
 * `f(...)` -> `f(..., keyword=value)` when the call does not pass `keyword`:
 * restoring an old default, or adding a speed-up like `n_jobs=-1`. Calls with
 * `**kwargs` are left alone (the keyword may be in there).
 */
export function addedKeyword(
  options: IRuleBase & {
    calls: CallFilter;
    keyword: string;
    value: string;
    category: RuleCategory;
    runtime?: IRule['runtime'];
  }
): IRule {
  return {
    id: options.id,
    category: options.category,
    fact: options.fact,
    trigger: options.trigger,
    static: true,
    runtime: options.runtime,
    fix: ({ source }) =>
      callsMatching(source, options.calls).flatMap(call => {
        const args = source.callArguments(call);
        if (args.some(arg => arg.name === options.keyword || arg.star === '**')) {
          return [];
        }
        // A value may bring companion keywords (`'random', learning_rate=200.0`): one the author
        // already passes is kept as written, never passed twice (a SyntaxError).
        const pairs = Private.keywordPairs(options.keyword, options.value).filter(pair => !args.some(arg => arg.name === pair.split('=')[0]));
        return [appendArgument(source, call, pairs.join(', '))];
      })
  };
}

namespace Private {
  /** `keyword=value` and the companions the value brings, split at top-level commas. */
  export function keywordPairs(keyword: string, value: string): string[] {
    const [first, ...companions] = splitTopLevel(value).map(part => part.trim());
    return [`${keyword}=${first}`, ...companions];
  }
}
