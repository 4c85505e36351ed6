/**
 * Option keys: pandas' `OptionError: No such keys(s): 'display.height'` and
 * Matplotlib's rcParams `KeyError: 'axes.color_cycle' is not a valid value
 * for rcParam`. The key is renamed where the code names it as an option:
 * `pd.set_option('...')` and friends, `rcParams['...']`, a dict given to
 * `rcParams.update` or `rc_context`.
 */
import type { SyntaxNode } from '@lezer/common';
import { replace } from '../../python/edit';
import type { PythonSource } from '../../python/syntax';
import type { IKbFact } from '../kb/types';
import { escape, lastPart, stringValue } from './code';
import type { IKbRewrite, IKbShape } from './family';

export const optionShape: IKbShape = {
  id: 'kb-option',
  factsFor(error, kb) {
    const pandasKey = /No such keys?\(s\): '([^']+)'/.exec(error.evalue)?.[1];
    if (pandasKey) {
      return kb.byOption(pandasKey).filter(fact => fact.library === 'pandas');
    }
    const rcKey =
      /'([\w.-]+)' is not a valid (?:value for rcParam|rc parameter)/.exec(error.evalue)?.[1] ??
      (error.ename === 'KeyError' ? /^["']*([\w-]+\.[\w.-]+)["']*$/.exec(error.evalue)?.[1] : undefined);
    return rcKey ? kb.byOption(rcKey).filter(fact => fact.library === 'matplotlib') : [];
  },
  factsIn(source, kb) {
    const found = new Set<IKbFact>();
    for (const node of source.findAll('String')) {
      const value = stringValue(source, node);
      if (value?.includes('.')) {
        kb.byOption(value).forEach(fact => found.add(fact));
      }
    }
    return [...found];
  }
};

export const optionRewrite: IKbRewrite = {
  isStatic: () => true,
  trigger: fact => new RegExp(`'${escape(fact.param!)}'`),
  uses: (fact, { source }) => Private.optionStrings(source, fact).length > 0,
  edits: (fact, { source }) =>
    fact.kind === 'option-renamed' && fact.newParam
      ? Private.optionStrings(source, fact).map(node => {
          const quote = source.textOf(node)[0];
          return replace(node, `${quote}${fact.newParam}${quote}`);
        })
      : []
};

namespace Private {
  /** Functions that take an option key (pandas) or a dict of rcParams (Matplotlib). */
  const OPTION_CALLS = new Set(['set_option', 'get_option', 'reset_option', 'describe_option', 'option_context', 'rc_context', 'update']);

  /** String literals spelling the fact's key where the code uses it as an option. */
  export function optionStrings(source: PythonSource, fact: IKbFact): SyntaxNode[] {
    return source.findAll('String').filter(node => stringValue(source, node) === fact.param && isOptionKey(source, node));
  }

  function isOptionKey(source: PythonSource, node: SyntaxNode): boolean {
    let parent = node.parent;
    if (parent?.name === 'DictionaryExpression') {
      parent = parent.parent;
    }
    if (parent?.name === 'ArgList' && parent.parent?.name === 'CallExpression') {
      const callee = source.dottedName(source.callee(parent.parent));
      return !!callee && OPTION_CALLS.has(lastPart(callee)) && (lastPart(callee) !== 'update' || /rcParams\.update$/.test(callee));
    }
    // `rcParams['key']`, `plt.rcParams['key'] = ...`
    if (parent?.name === 'MemberExpression' && parent.firstChild) {
      return /(^|\.)rcParams$/.test(source.dottedName(parent.firstChild) ?? '');
    }
    return false;
  }
}
