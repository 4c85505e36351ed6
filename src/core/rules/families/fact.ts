/**
 * A mined fact as the rest of the engine shows it: the one-sentence IFact of
 * every proposal, diagnosis, report and LLM prompt, quoting the library's own
 * words and the release that said them.
 */
import type { IKbFact } from '../kb/types';
import { KnowledgeBase } from '../kb/knowledge';
import type { IFact, RuleCategory } from '../types';

/** Reports and provenance name a mined fact's rule `kb:<fact id>` (`rule:kb:pandas:...`). */
export const KB_RULE_PREFIX = 'kb:';

export function kbRuleId(fact: IKbFact): string {
  return KB_RULE_PREFIX + fact.id;
}

/** The IFact shown with a mined rule's proposal or advice. */
export function factOf(fact: IKbFact): IFact {
  const version = fact.removedIn ?? fact.deprecatedIn ?? Private.release(fact) ?? '';
  const change = Private.change(fact);
  const when = fact.removedIn ? ` (removed in ${fact.library} ${fact.removedIn})` : '';
  const said = quote(fact);
  return {
    library: fact.library,
    version,
    message: `${fact.library}: ${change}${when}.${said ? ' ' + said : ''}`,
    source: fact.source
  };
}

/**
 * The library's own words with the release that said them: `pandas 0.25.3
 * said: "..."`; empty when the fact carries no message.
 */
export function quote(fact: IKbFact): string {
  const message = fact.message?.replace(/\s+/g, ' ').trim();
  if (!message) {
    return '';
  }
  const release = Private.release(fact) ?? fact.deprecatedIn;
  const trimmed = message.length > 300 ? message.slice(0, 297) + '...' : message;
  return `${fact.library}${release ? ' ' + release : ''} said: "${trimmed}"`;
}

export function categoryOf(fact: IKbFact): RuleCategory {
  switch (fact.kind) {
    // A module a library moved is its API's change, not a package to install.
    case 'module-moved':
    case 'name-moved':
    case 'attribute-renamed':
    case 'attribute-removed':
      return 'removed-api';
    default:
      return 'signature-change';
  }
}

namespace Private {
  /** `<library> <release> <file>:<line>` -> the release; undefined for a URL source. */
  export function release(fact: IKbFact): string | undefined {
    const match = /^\S+\s+(\d[\w.+-]*)\s/.exec(fact.source + ' ');
    return match?.[1];
  }

  export function change(fact: IKbFact): string {
    const callable = KnowledgeBase.callableName(fact.old);
    switch (fact.kind) {
      case 'module-moved':
        return fact.new ? `module ${fact.old} moved to ${fact.new}` : `module ${fact.old} was removed`;
      case 'name-moved':
        return `${fact.old} moved to ${fact.new}`;
      case 'attribute-renamed':
        return `${fact.old} is now ${fact.new}`;
      case 'attribute-removed':
        return `${fact.old} was removed`;
      case 'keyword-renamed':
        return `keyword ${fact.param}= of ${callable}() is now ${fact.newParam}=`;
      case 'keyword-removed':
        return `${callable}() no longer takes ${fact.param}=`;
      case 'positional-to-keyword':
        return `the arguments of ${callable}() after ${fact.param} are keyword-only`;
      case 'option-renamed':
        return `option '${fact.param}' is now '${fact.newParam}'`;
      case 'option-removed':
        return `option '${fact.param}' was removed`;
      case 'value-renamed':
        return `${callable}(${fact.param}=${fact.value}) is now ${fact.param}=${fact.newValue}`;
    }
  }
}
