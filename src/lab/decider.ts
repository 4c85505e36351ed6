/**
 * The person's side of the repair loop: every proposed patch waits here until
 * the user accepts, edits or rejects it in the review (or the accept policy
 * applies it). The engine awaits `decide()`; the views call `accept()` and
 * `reject()`.
 */
import { PromiseDelegate } from '@lumino/coreutils';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { Decision, IPatch } from '../core/notebook/patch';
import { PolicyDecider } from '../core/run/policy';
import type { ICellRecord, IDecider } from '../core/run';

/** A proposal waiting for a decision. */
export interface IProposal {
  patch: IPatch;
  /** The cell record the patch belongs to (its failure is the reason for the patch). */
  cell: ICellRecord;
}

export class ReviewDecider implements IDecider {
  constructor(options: ReviewDecider.IOptions = {}) {
    this._acceptRules = options.acceptRules ?? false;
  }

  /** Proposals waiting for a decision, oldest first. */
  get pending(): readonly IProposal[] {
    return this._pending.map(entry => entry.proposal);
  }

  /** Emitted when a proposal arrives or is decided. */
  get pendingChanged(): ISignal<this, readonly IProposal[]> {
    return this._pendingChanged;
  }

  /** Whether unflagged rule fixes are accepted without asking (the policy, or "accept all" for this run). */
  get acceptRules(): boolean {
    return this._acceptRules;
  }

  async decide(patch: IPatch, cell: ICellRecord): Promise<Decision> {
    if (this._closed) {
      return { action: 'reject' };
    }
    if (this._acceptRules && ReviewDecider.isPlainRuleFix(patch)) {
      patch.decidedBy = 'policy';
      return { action: 'accept' };
    }
    const delegate = new PromiseDelegate<Decision>();
    this._pending.push({ proposal: { patch, cell }, delegate });
    this._pendingChanged.emit(this.pending);
    return delegate.promise;
  }

  /** Accept a proposal, as proposed or with the user's edit. */
  accept(patchId: string, editedSource?: string): void {
    const entry = this._take(patchId);
    if (!entry) {
      return;
    }
    entry.proposal.patch.decidedBy = 'user';
    const edited = editedSource !== undefined && editedSource !== entry.proposal.patch.after;
    entry.delegate.resolve(edited ? { action: 'accept-edited', source: editedSource } : { action: 'accept' });
    this._pendingChanged.emit(this.pending);
  }

  reject(patchId: string): void {
    const entry = this._take(patchId);
    if (!entry) {
      return;
    }
    entry.proposal.patch.decidedBy = 'user';
    entry.delegate.resolve({ action: 'reject' });
    this._pendingChanged.emit(this.pending);
  }

  /**
   * "Accept all rule fixes for this run": the waiting unflagged rule fixes
   * and every later one are applied; flagged and LLM fixes still wait.
   */
  acceptAllRuleFixes(): void {
    this._acceptRules = true;
    for (const { patch } of this.pending) {
      if (ReviewDecider.isPlainRuleFix(patch)) {
        this.accept(patch.id);
      }
    }
  }

  /** The run stops: every waiting proposal is rejected and later ones too. */
  close(): void {
    this._closed = true;
    for (const { patch } of this.pending) {
      this.reject(patch.id);
    }
  }

  private _take(patchId: string): ReviewDecider.IEntry | undefined {
    const index = this._pending.findIndex(entry => entry.proposal.patch.id === patchId);
    return index < 0 ? undefined : this._pending.splice(index, 1)[0];
  }

  private _acceptRules: boolean;
  private _closed = false;
  private _pending: ReviewDecider.IEntry[] = [];
  private _pendingChanged = new Signal<this, readonly IProposal[]>(this);
}

export namespace ReviewDecider {
  export interface IOptions {
    /** Start with unflagged rule fixes accepted without asking (the 'rules' accept policy). */
    acceptRules?: boolean;
  }

  export interface IEntry {
    proposal: IProposal;
    delegate: PromiseDelegate<Decision>;
  }

  /** A rule's fix without any guard flag: what a policy may apply. */
  export function isPlainRuleFix(patch: IPatch): boolean {
    return PolicyDecider.accepts('rules', patch);
  }
}
