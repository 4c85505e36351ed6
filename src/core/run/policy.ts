/**
 * Decision policies for headless runs: which proposals apply without a
 * person. Flagged patches (package installs, shell, network, deletions,
 * changed results) never apply automatically; the only exception, labelled
 * runtime and score fixes of the rules under `all`, is never made for a
 * model's patch.
 */
import type { IDecider, ICellRecord } from './types';
import type { Decision, IPatch } from '../notebook/patch';

export type AcceptPolicy = 'none' | 'rules' | 'all';

export class PolicyDecider implements IDecider {
  constructor(
    readonly policy: AcceptPolicy,
    readonly options: { allowInstalls?: boolean } = {}
  ) {}

  async decide(patch: IPatch, _cell: ICellRecord): Promise<Decision> {
    patch.decidedBy = 'policy';
    return { action: PolicyDecider.accepts(this.policy, patch, this.options) ? 'accept' : 'reject' };
  }

  static accepts(policy: AcceptPolicy, patch: IPatch, options: { allowInstalls?: boolean } = {}): boolean {
    if (policy === 'none') {
      return false;
    }
    // A labelled runtime or score fix of a rule may change results: that is what it is for, and
    // `all` says yes. A model's patch that drifts from the author's code waits for a person.
    // An install of a vetted package applies only when the user allowed installs.
    const allowed = (kind: string) =>
      (kind === 'changes-results' && policy === 'all' && patch.label !== undefined && !patch.origin.startsWith('llm:')) ||
      (kind === 'installs-package' && options.allowInstalls === true && patch.origin === 'rule:pip-install');
    if (patch.flags.some(flag => !allowed(flag.kind))) {
      return false;
    }
    return policy === 'all' || patch.origin.startsWith('rule:');
  }
}
