/**
 * Signature changes: `f() got an unexpected keyword argument 'k'` (a keyword
 * renamed or removed) and `f() takes N positional arguments but M were given`
 * (positional arguments made keyword-only).
 */
import { replace } from '../../python/edit';
import { removeArgument } from '../../python/calls';
import { KnowledgeBase } from '../kb/knowledge';
import type { IKbFact } from '../kb/types';
import { callsOf, calledPath, escape, isMethod, lastPart } from './code';
import type { IKbRewrite, IKbShape } from './family';

/** The callable a TypeError names (`DataFrame.drop`, `read_csv`, `RandomForestRegressor.__init__`). */
export interface ICallableName {
  /** What it is called by: the method, function or (for `__init__`) class name; undefined when unnamed. */
  name?: string;
  /** The class part of a method's name. */
  owner?: string;
}

export function readCallable(qualname: string | undefined): ICallableName {
  if (!qualname) {
    return {};
  }
  const parts = qualname.split('.');
  const last = parts[parts.length - 1];
  if (last === '__init__') {
    return parts.length > 1 ? { name: parts[parts.length - 2] } : {};
  }
  const owner = parts.length > 1 && /^[A-Z]/.test(parts[parts.length - 2]) ? parts[parts.length - 2] : undefined;
  return { name: last, owner };
}

/** Whether a fact's callable is the one the error names (a method of that class, or that function). */
export function sameCallable(fact: IKbFact, named: ICallableName): boolean {
  if (!named.name) {
    return true;
  }
  if (isMethod(fact)) {
    return KnowledgeBase.ownerClass(fact.old) === named.owner;
  }
  // A function or a constructor: the error names no class part for a function.
  return named.owner === undefined && KnowledgeBase.callableName(fact.old) === named.name;
}

export const keywordShape: IKbShape = {
  id: 'kb-keyword',
  factsFor(error, kb) {
    const keyword = /(?:([\w.]+)\(\) )?got an unexpected keyword argument '(\w+)'/.exec(error.evalue);
    if (keyword) {
      const named = readCallable(keyword[1]);
      const facts = kb.byKeyword(named.name, keyword[2]);
      const exact = facts.filter(fact => sameCallable(fact, named));
      // An inherited method is named by the class that defines it (`NDFrame.to_csv`): then the
      // method and keyword pair, specific enough on its own, picks the fact.
      // Public classes first (`pandas.DataFrame.fillna` before `pandas.arrays.BooleanArray.fillna`).
      return exact.length > 0 || !named.owner ? exact : facts.filter(isMethod).sort((a, b) => a.old.split('.').length - b.old.split('.').length);
    }
    const positional = /([\w.]+)\(\) takes (?:from \d+ to )?\d+ positional arguments? but \d+ (?:positional arguments? )?(?:were|was) given/.exec(
      error.evalue
    );
    if (positional) {
      const named = readCallable(positional[1]);
      return named.name ? kb.byCallable(named.name).filter(fact => sameCallable(fact, named)) : [];
    }
    return [];
  },
  factsIn(source, kb) {
    const found: IKbFact[] = [];
    for (const call of source.findAll('CallExpression')) {
      const qualified = source.qualifiedName(source.callee(call));
      if (!qualified) {
        continue;
      }
      for (const arg of source.callArguments(call)) {
        if (arg.name) {
          const facts = kb.byKeyword(lastPart(qualified), arg.name);
          found.push(...facts.filter(fact => !isMethod(fact) && calledPath(fact) === qualified));
        }
      }
    }
    return found;
  }
};

export const keywordRewrite: IKbRewrite = {
  isStatic: fact => !isMethod(fact),
  trigger: fact => new RegExp(`got an unexpected keyword argument '${escape(fact.param!)}'`),
  uses: (fact, { source, error }) =>
    callsOf(source, fact, error).some(call => source.callArguments(call).some(arg => arg.name === fact.param)),
  edits(fact, { source, error }) {
    if (fact.kind === 'keyword-removed' && !Private.droppable(fact)) {
      return [];
    }
    return callsOf(source, fact, error).flatMap(call => {
      const args = source.callArguments(call);
      if (fact.kind === 'keyword-renamed' && args.some(arg => arg.name === fact.newParam)) {
        // Both spellings given: which one the author meant is not a rename.
        return [];
      }
      return args
        .filter(arg => arg.name === fact.param)
        .map(arg =>
          fact.kind === 'keyword-renamed'
            ? replace({ from: arg.node.from, to: arg.node.from + fact.param!.length }, fact.newParam!)
            : removeArgument(source, call, arg.node)
        );
    });
  }
};

/**
 * Positional arguments made keyword-only: the base records after which
 * parameter, not the names of the ones after it, so no rewrite can be
 * written; the fact is advice (the hand rule with the signatures rewrites).
 */
export const positionalRewrite: IKbRewrite = {
  isStatic: () => false,
  trigger: fact => new RegExp(`${escape(KnowledgeBase.callableName(fact.old))}\\(\\) takes .* positional argument`),
  uses: (fact, { source, error }) => callsOf(source, fact, error).length > 0,
  edits: () => []
};

namespace Private {
  /**
   * A removed keyword is dropped only when the library said it did nothing
   * any more; otherwise dropping it changes what the code computes, and the
   * fact is advice.
   */
  export function droppable(fact: IKbFact): boolean {
    return (
      !fact.newParam &&
      /\b(has no effect|had no effect|no longer has any effect|is ignored|was ignored|is not used|is unused|does nothing|not used anymore)\b/i.test(
        fact.message ?? ''
      )
    );
  }
}
