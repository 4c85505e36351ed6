/**
 * Words for the engine's vocabulary (statuses, categories, origins, flags),
 * translated. The engine speaks in ids; people read these.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { FailureCategory } from '../core/diagnosis/diagnose';
import type { OutcomeClass } from '../core/diagnosis/outcome';
import type { IPatch, PatchFlagKind } from '../core/notebook/patch';
import type { CellStatus } from '../core/run';

/** What the panel shows for a cell: the engine's status, or waiting for a review. */
export type DisplayStatus = CellStatus | 'review';

export namespace Labels {
  export function status(trans: TranslationBundle, status: DisplayStatus): string {
    switch (status) {
      case 'pending':
        return trans.__('Not run yet');
      case 'running':
        return trans.__('Running');
      case 'ok':
        return trans.__('Ran clean');
      case 'fixed':
        return trans.__('Fixed');
      case 'error':
        return trans.__('Still failing');
      case 'timeout':
        return trans.__('Too slow');
      case 'skipped':
        return trans.__('Skipped');
      case 'review':
        return trans.__('Waiting for your review');
    }
  }

  export function category(trans: TranslationBundle, category: FailureCategory): string {
    switch (category) {
      case 'missing-module':
        return trans.__('Missing module');
      case 'removed-api':
        return trans.__('Removed API');
      case 'signature-change':
        return trans.__('Signature change');
      case 'python2-syntax':
        return trans.__('Python 2 syntax');
      case 'behavior-change':
        return trans.__('Behaviour change');
      case 'missing-data':
        return trans.__('Missing data file');
      case 'hardware':
        return trans.__('Hardware');
      case 'default-change':
        return trans.__('Changed default');
      case 'runtime':
        return trans.__('Runtime');
      case 'randomness':
        return trans.__('Randomness');
      case 'timeout':
        return trans.__('Timeout');
      case 'kernel-died':
        return trans.__('Kernel died');
      case 'consequence':
        return trans.__('Consequence');
      case 'score-drift':
        return trans.__('Score drift');
      default:
        return trans.__('Unknown');
    }
  }

  export function flag(trans: TranslationBundle, kind: PatchFlagKind): string {
    switch (kind) {
      case 'installs-package':
        return trans.__('Installs a package');
      case 'shell':
        return trans.__('Runs a shell command');
      case 'network':
        return trans.__('Reaches the network');
      case 'deletes-files':
        return trans.__('Deletes files');
      case 'writes-outside':
        return trans.__("Writes outside the notebook's folder");
      case 'runs-code':
        return trans.__('Runs code built at run time');
      case 'changes-results':
        return trans.__('Changes results');
    }
  }

  /** Who proposed a patch: a rule, an LLM, or one of the engine's own fixers. */
  export function origin(trans: TranslationBundle, patch: Pick<IPatch, 'origin'>): string {
    const [kind, ...rest] = patch.origin.split(':');
    const name = rest.join(':');
    if (kind === 'rule') {
      return trans.__('Rule %1', name);
    }
    if (kind === 'llm') {
      return trans.__('LLM %1', name);
    }
    if (kind === 'module') {
      return trans.__('Module fixer %1', name);
    }
    if (kind === 'data-path') {
      return trans.__('Data path fixer');
    }
    return patch.origin;
  }

  /** Where a patch stands. */
  export function decision(trans: TranslationBundle, patch: IPatch): string {
    if (patch.stale) {
      return trans.__('Refused: the cell was edited after this fix was proposed');
    }
    if (patch.reverted) {
      return trans.__('Undone: it did not bring the numbers closer');
    }
    if (patch.accepted === undefined) {
      return trans.__('Waiting for your review');
    }
    if (patch.accepted) {
      return patch.decidedBy === 'policy' ? trans.__('Applied by the accept policy') : trans.__('Accepted');
    }
    return trans.__('Rejected');
  }

  /** What the run did, in the classes the batch report sorts notebooks by. */
  export function outcome(trans: TranslationBundle, outcome: OutcomeClass): string {
    switch (outcome) {
      case 'clean-matching':
        return trans.__('Ran clean, numbers match');
      case 'errors-matching':
        return trans.__('Some errors, numbers match');
      case 'clean-numbers-off':
        return trans.__('Ran clean, numbers off');
      case 'errors-numbers-off':
        return trans.__('Errors and numbers off');
      case 'did-not-finish':
        return trans.__('Did not finish');
    }
  }

  /** "Cell 3": cells are numbered from 1 for people. */
  export function cell(trans: TranslationBundle, index: number): string {
    return trans.__('Cell %1', index + 1);
  }
}
