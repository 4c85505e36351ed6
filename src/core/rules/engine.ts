/**
 * The offline rule engine: the error picks a rule, the rule rewrites the
 * cell on its syntax tree. Static rules that also match the same cell are
 * fixed in the same patch, so one re-run covers several removed APIs.
 */
import { applyEdits } from '../python/edit';
import type { IEdit } from '../python/edit';
import { PythonSource } from '../python/syntax';
import type { IRule, IRuleError, IRuleFamily } from './types';

/** A rewrite of one source proposed by one or more rules. */
export interface IRuleProposal {
  /** The triggering rule first, then the companions fixed with it. */
  rules: IRule[];
  source: string;
}

/** A pre-flight finding: a known-removed API or silent change in the source. */
export interface IScanFinding {
  rule: IRule;
  /** 1-based line of the first match. */
  line: number;
  /** The rewrite the rule proposes for this source. */
  source: string;
}

/**
 * Hand-written rules come first, then the families' mined facts. A hand rule
 * exists where a table is not enough (a structural rewrite, `df.append(row)`
 * -> `pd.concat`): when its shape is in the code it must win over a generic
 * rename of the same name. When its shape is not there it edits nothing, and
 * the family gets its turn.
 */
export class RuleEngine {
  constructor(
    readonly rules: readonly IRule[],
    readonly families: readonly IRuleFamily[] = []
  ) {
    for (const rule of rules) {
      if (this._byId.has(rule.id)) {
        throw new Error(`Duplicate rule id ${rule.id}`);
      }
      this._byId.set(rule.id, rule);
    }
  }

  /** The rule with this id, hand-written or a family's. */
  get(id: string): IRule | undefined {
    return this._byId.get(id) ?? this.families.map(family => family.get(id)).find(Boolean);
  }

  /** Rules whose trigger matches the error text, hand-written first, then the families'. */
  triggeredBy(error: IRuleError): IRule[] {
    const text = RuleEngine.errorText(error);
    const hand = this.rules.filter(rule => rule.trigger && rule.trigger.test(text));
    return [...hand, ...this.families.flatMap(family => family.triggeredBy(error))];
  }

  /**
   * A rule that explains this error in this code without a safe rewrite (a
   * mined fact that failed validation): its fact is advice for the diagnosis
   * and the LLM.
   */
  advise(text: string, error: IRuleError, knownImports?: ReadonlyMap<string, string>): IRule | undefined {
    const candidates = this.families.flatMap(family => family.triggeredBy(error)).filter(rule => rule.uses);
    if (candidates.length === 0) {
      return undefined;
    }
    const source = new PythonSource(text, knownImports);
    return candidates.find(rule => Private.safeUses(rule, source, error));
  }

  /**
   * A patch for `text` that fixes `error`, or null when no rule fits. The
   * first triggered rule whose shape is found in the source wins.
   * @param exclude rule ids already tried on this source (they did not help)
   */
  propose(
    text: string,
    error: IRuleError,
    knownImports?: ReadonlyMap<string, string>,
    exclude: ReadonlySet<string> = new Set()
  ): IRuleProposal | null {
    const source = new PythonSource(text, knownImports);
    for (const rule of this.triggeredBy(error)) {
      if (exclude.has(rule.id)) {
        continue;
      }
      const edits = Private.safeFix(rule, source, error);
      if (edits.length === 0) {
        continue;
      }
      const rules = [rule];
      const all: IEdit[] = [...edits];
      const familyCompanions = this.families.flatMap(family => family.scan(source));
      for (const companion of [...this.rules, ...familyCompanions]) {
        // Hardware fallbacks wait for their own error: on a machine with a GPU the code is right.
        if (
          companion.id === rule.id ||
          rules.some(added => added.id === companion.id) ||
          !companion.static ||
          !companion.trigger ||
          companion.category === 'hardware' ||
          exclude.has(companion.id)
        ) {
          continue;
        }
        const more = Private.safeFix(companion, source);
        if (more.length > 0 && !more.some(edit => all.some(other => Private.overlaps(edit, other)))) {
          rules.push(companion);
          all.push(...more);
        }
      }
      const rewritten = applyEdits(text, all);
      if (rewritten !== text) {
        return { rules, source: rewritten };
      }
    }
    return null;
  }

  /**
   * Pre-flight: the static rules and silent behaviour changes this source
   * hits, before anything runs.
   */
  scan(text: string, knownImports?: ReadonlyMap<string, string>): IScanFinding[] {
    const source = new PythonSource(text, knownImports);
    const findings: IScanFinding[] = [];
    const handEdits: IEdit[] = [];
    const familyRules = this.families.flatMap(family => family.scan(source));
    for (const rule of [...this.rules, ...familyRules]) {
      // Speed-ups are proposed for slow cells, not listed up front.
      if ((!rule.static && rule.trigger) || rule.category === 'runtime' || findings.some(found => found.rule.id === rule.id)) {
        continue;
      }
      const edits = Private.safeFix(rule, source);
      // A mined fact a hand rule already rewrites there is not listed twice.
      if (edits.length > 0 && !edits.some(edit => handEdits.some(other => Private.overlaps(edit, other)))) {
        const first = Math.min(...edits.map(edit => edit.from));
        findings.push({ rule, line: source.lineAt(first), source: applyEdits(text, edits) });
        if (this._byId.has(rule.id)) {
          handEdits.push(...edits);
        }
      }
    }
    return findings;
  }

  /** Rules of a category whose rewrite fits this source, each with its rewrite. */
  applicable(text: string, category: IRule['category'], knownImports?: ReadonlyMap<string, string>): IScanFinding[] {
    const source = new PythonSource(text, knownImports);
    const found: IScanFinding[] = [];
    for (const rule of this.rules) {
      if (rule.category !== category) {
        continue;
      }
      const edits = Private.safeFix(rule, source);
      if (edits.length > 0) {
        found.push({ rule, line: source.lineAt(Math.min(...edits.map(e => e.from))), source: applyEdits(text, edits) });
      }
    }
    return found;
  }

  /** The text triggers are matched against. */
  static errorText(error: IRuleError): string {
    return `${error.ename}: ${error.evalue}`;
  }

  private _byId = new Map<string, IRule>();
}

namespace Private {
  /** A rule that throws on odd code is a rule that does not fit. */
  export function safeFix(rule: IRule, source: PythonSource, error?: IRuleError): IEdit[] {
    try {
      return rule.fix({ source, error });
    } catch {
      return [];
    }
  }

  export function safeUses(rule: IRule, source: PythonSource, error: IRuleError): boolean {
    try {
      return rule.uses!({ source, error });
    } catch {
      return false;
    }
  }

  export function overlaps(a: IEdit, b: IEdit): boolean {
    return a.from < b.to && b.from < a.to;
  }
}
