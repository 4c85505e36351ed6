/**
 * What a rule is: a fact about an API change (library, version, source) and a
 * rewrite on the Python syntax tree that fixes code hit by it.
 */
import type { PythonSource } from '../python/syntax';
import type { IEdit } from '../python/edit';

/** Failure categories a rule can fix (the diagnoser's vocabulary). */
export type RuleCategory =
  | 'missing-module'
  | 'removed-api'
  | 'signature-change'
  | 'python2-syntax'
  | 'behavior-change'
  | 'missing-data'
  | 'hardware'
  /** A default changed under the code: the rewrite restores the old value (score calibration). */
  | 'default-change'
  /** A rewrite that makes a cell faster (runtime reduction). */
  | 'runtime'
  /** A random step without a seed: numbers change from run to run. */
  | 'randomness';

/** The fact behind a rule, shown to the user with every proposal. */
export interface IFact {
  library: string;
  /** Release where the old code stopped working or started behaving differently. */
  version: string;
  /** One sentence naming the library, the version and the change. */
  message: string;
  /** Release note, migration guide or changelog. */
  source: string;
  /** Id of the matching entry in the shared api-changes catalog, when there is one. */
  catalogId?: string;
}

/** The error that triggered a rule, as the kernel reported it. */
export interface IRuleError {
  ename: string;
  evalue: string;
  /** Traceback lines without ANSI colour codes. */
  traceback: string[];
}

export interface IRuleContext {
  source: PythonSource;
  /** Absent in the static pre-flight scan. */
  error?: IRuleError;
}

export interface IRule {
  /** Stable id, `<library>-<change>`; reports say `rule:<id>`. */
  id: string;
  category: RuleCategory;
  fact: IFact;
  /**
   * Matched against `ename: evalue`. Absent for silent behaviour changes,
   * which only the pre-flight scan finds.
   */
  trigger?: RegExp;
  /**
   * True when the code's shape alone proves the API is used (a qualified
   * name like `numpy.float`, Python 2 syntax): then the pre-flight scan lists
   * it and the engine fixes it together with a triggered rule in the same
   * cell. False for shapes that other types share (`x.append(...)` is also a
   * list method): those need the error to confirm.
   */
  static: boolean;
  /** Edits that fix this source; [] when the code does not have the rule's shape. */
  fix(context: IRuleContext): IEdit[];
  /**
   * For runtime rules: whether results stay the same ('keeps-results', tried
   * first) or change ('changes-results', always flagged), and the speed-up to
   * expect, said to the user.
   */
  runtime?: { tier: 'keeps-results' | 'changes-results'; speedup: string };
  /**
   * Whether the source uses the changed API at all. Set by rules that may
   * know a change without a safe rewrite for it (unvalidated mined facts):
   * their fact still explains the error as advice.
   */
  uses?(context: IRuleContext): boolean;
}

/**
 * A general rule family: one error shape (`has no attribute`, `unexpected
 * keyword argument`, ...) read against a table of facts. It hands the engine
 * concrete rules, one per fact, made on demand.
 */
export interface IRuleFamily {
  id: string;
  /** Rules for the facts this error names, their owner checked against the error's own words. */
  triggeredBy(error: IRuleError): IRule[];
  /** Rules whose old API the code alone proves it uses (qualified names, imports): pre-flight and companions. */
  scan(source: PythonSource): IRule[];
  /** One of this family's rules by id, for reports and provenance. */
  get(id: string): IRule | undefined;
}
