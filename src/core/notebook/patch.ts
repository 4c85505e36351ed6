/**
 * A patch: one proposed change to one cell (or helper file), with who
 * proposed it, why, and what it risks. Patches are data: the engine applies a
 * decision to produce new sources and never changes a patch's `before`.
 */
import { guardFlags } from '../guards/risks';
import type { RiskKind } from '../guards/types';
import type { IFact, IRule } from '../rules/types';

export type PatchTarget = { kind: 'cell'; index: number } | { kind: 'file'; path: string };

/** The guards' risks, and a change to the notebook's results (the semantic-drift check). */
export type PatchFlagKind = RiskKind | 'changes-results';

export interface IPatchFlag {
  kind: PatchFlagKind;
  message: string;
}

export interface IPatch {
  /** Unique within a run. */
  id: string;
  target: PatchTarget;
  /** `rule:<id>`, `data-path`, `module:<name>`, later `llm:<model>`. */
  origin: string;
  ruleIds: string[];
  facts: IFact[];
  /** One sentence: why this change. */
  reason: string;
  before: string;
  after: string;
  /** What makes this patch unsafe to apply without a person looking. */
  flags: IPatchFlag[];
  /** Undefined until decided. */
  accepted?: boolean;
  decidedBy?: 'policy' | 'user';
  /** Set when the cell was edited after the proposal: the patch was refused. */
  stale?: boolean;
  /** Why an accepted patch was not written (a helper file edited meanwhile, a symbolic link). */
  refusedBecause?: string;
  /** A labelled runtime or score fix: the only kind a policy may apply despite 'changes-results'. */
  label?: 'runtime' | 'score' | 'seed';
  /** Accepted, run, and undone by the engine because it did not help. */
  reverted?: boolean;
  /**
   * The patch set this patch is part of (the id of the set's lead patch): a
   * fix and the edits to other cells and files that go with it.
   */
  setId?: string;
}

/** A decision on a patch: accept it, accept an edited version, or reject it. */
export type Decision = { action: 'accept' } | { action: 'accept-edited'; source: string } | { action: 'reject' };

/**
 * Guards: what a patch adds that should never run without a person deciding,
 * read from the syntax tree (guards/risks.ts). Changes to results are judged
 * by the semantic-drift check.
 */
export { guardFlags };

/** The patch one or more rules propose: the first rule names it, all give their facts. */
export function rulePatch(id: string, target: PatchTarget, before: string, after: string, rules: readonly IRule[]): IPatch {
  return {
    id,
    target,
    origin: `rule:${rules[0].id}`,
    ruleIds: rules.map(rule => rule.id),
    facts: rules.map(rule => rule.fact),
    reason: rules.map(rule => rule.fact.message).join(' '),
    before,
    after,
    flags: guardFlags(before, after)
  };
}
