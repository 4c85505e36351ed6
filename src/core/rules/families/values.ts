/**
 * Renamed keyword values: scikit-learn's `InvalidParameterError: The
 * 'criterion' parameter of DecisionTreeRegressor must be a str among {...}.
 * Got 'mse' instead.`
 */
import { replace } from '../../python/edit';
import { KnowledgeBase } from '../kb/knowledge';
import type { IKbFact } from '../kb/types';
import type { SyntaxNode } from '@lezer/common';
import type { PythonSource } from '../../python/syntax';
import type { IRuleError } from '../types';
import { callsOf, escape, stringValue, unquote } from './code';
import type { IKbRewrite, IKbShape } from './family';

export const valueShape: IKbShape = {
  id: 'kb-value',
  factsFor(error, kb) {
    const match = /The '(\w+)' parameter of (\w+) must be [\s\S]*?Got (.+?) instead\./.exec(error.evalue);
    if (!match) {
      return [];
    }
    const [, keyword, owner, value] = match;
    return kb.byValue(keyword, unquote(value)).filter(fact => KnowledgeBase.callableName(fact.old) === owner);
  },
  // Never static (see valueRewrite): nothing to find without the error.
  factsIn: () => []
};

export const valueRewrite: IKbRewrite = {
  // A value renamed is proven only by the library rejecting it: the old value may still be
  // accepted (with another meaning) and the base cannot tell, so the error must confirm.
  isStatic: () => false,
  trigger: fact =>
    new RegExp(`The '${escape(fact.param!)}' parameter of ${escape(KnowledgeBase.callableName(fact.old))} must be[\\s\\S]*Got ${escape(fact.value!)} instead`),
  uses: (fact, { source, error }) => Private.oldValues(fact, source, error).length > 0,
  edits: (fact, { source, error }) => Private.oldValues(fact, source, error).map(node => replace(node, fact.newValue!))
};

namespace Private {
  /** The `keyword='old'` values of the fact's calls. */
  export function oldValues(fact: IKbFact, source: PythonSource, error?: IRuleError): SyntaxNode[] {
    const old = unquote(fact.value!);
    return callsOf(source, fact, error).flatMap(call =>
      source
        .callArguments(call)
        .filter(arg => arg.name === fact.param && stringValue(source, arg.value) === old)
        .map(arg => arg.value)
    );
  }
}
