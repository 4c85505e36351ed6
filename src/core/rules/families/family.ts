/**
 * How a mined fact becomes a rule: each kind of change has a rewrite (the
 * edits on the syntax tree), each error shape a family (which facts an error
 * names). One rule object per fact, made when first asked for.
 */
import type { IEdit } from '../../python/edit';
import type { PythonSource } from '../../python/syntax';
import type { KnowledgeBase } from '../kb/knowledge';
import type { IKbFact, KbKind } from '../kb/types';
import type { IRule, IRuleContext, IRuleError, IRuleFamily } from '../types';
import { KB_RULE_PREFIX, categoryOf, factOf, kbRuleId } from './fact';

/** The rewrite of one kind of change. */
export interface IKbRewrite {
  /** Edits that replace the old use in the source; only validated facts are applied. */
  edits(fact: IKbFact, context: IRuleContext): IEdit[];
  /** Whether the source uses the old API where the error points (advice needs no rewrite). */
  uses(fact: IKbFact, context: IRuleContext): boolean;
  /** Whether the code alone proves the use (a qualified name, an import), with no error. */
  isStatic(fact: IKbFact): boolean;
  /** The error text this fact's change raises today. */
  trigger(fact: IKbFact): RegExp;
}

/** One error shape: which facts an error names, and which a source uses outright. */
export interface IKbShape {
  id: string;
  /** Facts the error names, the owner checked against the error's own words. */
  factsFor(error: IRuleError, kb: KnowledgeBase): readonly IKbFact[];
  /** Facts whose old API the source uses in a way its code alone proves. */
  factsIn(source: PythonSource, kb: KnowledgeBase): readonly IKbFact[];
}

/** The rules of the mined facts, one per fact. */
export class KbRules {
  constructor(
    readonly kb: KnowledgeBase,
    private readonly _rewrites: Readonly<Record<KbKind, IKbRewrite>>
  ) {}

  /** The rule of a fact: it rewrites when the fact is validated, and advises otherwise. */
  ruleOf(fact: IKbFact): IRule {
    let rule = this._rules.get(fact.id);
    if (!rule) {
      const rewrite = this._rewrites[fact.kind];
      rule = {
        id: kbRuleId(fact),
        category: categoryOf(fact),
        fact: factOf(fact),
        trigger: rewrite.trigger(fact),
        static: rewrite.isStatic(fact),
        fix: context => (fact.validated ? rewrite.edits(fact, context) : []),
        uses: context => rewrite.uses(fact, context)
      };
      this._rules.set(fact.id, rule);
    }
    return rule;
  }

  /** The rule named `kb:<fact id>`. */
  get(id: string): IRule | undefined {
    const fact = id.startsWith(KB_RULE_PREFIX) ? this.kb.get(id.slice(KB_RULE_PREFIX.length)) : undefined;
    return fact && this.ruleOf(fact);
  }

  private _rules = new Map<string, IRule>();
}

/** An error shape over the shared rules, as the engine sees it. */
export class KbFamily implements IRuleFamily {
  constructor(
    private readonly _shape: IKbShape,
    private readonly _rules: KbRules
  ) {
    this.id = _shape.id;
  }

  readonly id: string;

  triggeredBy(error: IRuleError): IRule[] {
    // Exact owners come first in factsFor; a long tail of same-named facts adds nothing.
    return this._shape
      .factsFor(error, this._rules.kb)
      .slice(0, Private.MAX_TRIGGERED)
      .map(fact => this._rules.ruleOf(fact));
  }

  scan(source: PythonSource): IRule[] {
    return this._shape
      .factsIn(source, this._rules.kb)
      .filter(fact => fact.validated)
      .map(fact => this._rules.ruleOf(fact))
      .filter(rule => rule.static);
  }

  get(id: string): IRule | undefined {
    return this._rules.get(id);
  }
}

namespace Private {
  export const MAX_TRIGGERED = 8;
}
