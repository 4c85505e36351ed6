/**
 * What every built rule is given, and the builder for a rule written by hand.
 */
import type { IEdit } from '../../python/edit';
import type { IFact, IRule, IRuleContext, RuleCategory } from '../types';

/** The fields every builder takes. */
export interface IRuleBase {
  id: string;
  fact: IFact;
  trigger?: RegExp;
  category?: RuleCategory;
}

/** A rule written by hand, with the base fields checked in one place. */
export function customRule(
  options: IRuleBase & {
    category: RuleCategory;
    static: boolean;
    fix: (context: IRuleContext) => IEdit[];
    runtime?: IRule['runtime'];
  }
): IRule {
  return { ...options };
}
