/**
 * Inline suggestions: when a code cell fails (a normal Shift-Enter as well as
 * any other run through the notebook's actions) and an offline rule fits, a
 * compact line appears under the cell's output. It goes away when the cell is
 * edited, run again, or its outputs are cleared. Apply writes the fix into the
 * cell (undoable), records its provenance and re-runs the cell; Review opens
 * the diff beside the notebook.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { Cell, CodeCell } from '@jupyterlab/cells';
import type { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { NotebookActions } from '@jupyterlab/notebook';
import type { INotebookTracker, Notebook } from '@jupyterlab/notebook';
import type { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import type { CellChange } from '@jupyter/ydoc';
import type { IDisposable } from '@lumino/disposable';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { PanelLayout } from '@lumino/widgets';

import type { IPatch } from '../../core/notebook/patch';
import type { RuleEngine } from '../../core/rules/engine';
import type { IRuleError } from '../../core/rules/types';
import { writePatch } from '../history/cells';
import { SuggestionLine } from './line';
import { SuggestionReview } from './review';
import { errorOfOutput, suggestFix } from './suggest';
import type { IInlineSuggestion } from './suggest';

export class InlineSuggestions implements IDisposable {
  constructor(options: InlineSuggestions.IOptions) {
    this._shell = options.shell;
    this._tracker = options.tracker;
    this._rules = options.rules;
    this._translator = options.translator;
    this._trans = options.trans;
    this._languages = options.languages;
    NotebookActions.executed.connect(this._onExecuted, this);
    NotebookActions.executionScheduled.connect(this._onCellReset, this);
    NotebookActions.outputCleared.connect(this._onCellReset, this);
  }

  /** Whether failing cells get suggestions; turning it off removes the lines shown. */
  get enabled(): boolean {
    return this._enabled;
  }
  set enabled(value: boolean) {
    if (value === this._enabled) {
      return;
    }
    this._enabled = value;
    if (!value) {
      for (const cell of [...this._lines.keys()]) {
        this._removeLine(cell);
      }
    }
  }

  /** Emitted when a suggestion was applied to a cell (before the cell re-runs). */
  get applied(): ISignal<this, InlineSuggestions.IApplied> {
    return this._applied;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this.enabled = false;
    for (const { review } of [...this._reviews.values()]) {
      review.dispose();
    }
    Signal.clearData(this);
  }

  /** The line shown under a cell, if any. */
  lineOf(cell: Cell): SuggestionLine | undefined {
    return this._lines.get(cell)?.line;
  }

  private _onExecuted(
    _: unknown,
    args: { notebook: Notebook; cell: Cell; success: boolean; error?: { errorName: string; errorValue: string; traceback: string[] } | null }
  ): void {
    const { notebook, cell, success } = args;
    if (!this._enabled || cell.model.type !== 'code' || !notebook.model) {
      return;
    }
    this._removeLine(cell);
    if (success) {
      return;
    }
    const error = Private.errorOfCell(cell as CodeCell) ?? Private.errorOfReply(args.error);
    const index = notebook.widgets.indexOf(cell);
    if (!error || index < 0) {
      return;
    }
    const cells = notebook.model.sharedModel.cells.map(shared => ({ type: shared.cell_type, source: shared.getSource() }));
    let suggestion: IInlineSuggestion | null = null;
    try {
      suggestion = suggestFix({ rules: this._rules, cells, index, error });
    } catch (reason) {
      console.warn('Modernizer: no inline suggestion, the rule engine failed', reason);
    }
    if (suggestion) {
      const found = suggestion;
      void cell.ready.then(() => this._showLine(notebook, cell, found));
    }
  }

  /** The cell runs again or lost its outputs: its line is outdated. */
  private _onCellReset(_: unknown, args: { notebook: Notebook; cell: Cell }): void {
    this._removeLine(args.cell);
  }

  private _showLine(notebook: Notebook, cell: Cell, suggestion: IInlineSuggestion): void {
    if (cell.isDisposed || !this._enabled || cell.model.sharedModel.getSource() !== suggestion.patch.before) {
      return;
    }
    this._removeLine(cell);
    const line = new SuggestionLine({
      suggestion,
      trans: this._trans,
      actions: {
        review: () => this._review(notebook, cell, suggestion),
        apply: clicked => {
          const refusal = this._apply(notebook, cell, suggestion);
          if (refusal) {
            clicked.notice = refusal;
          }
        },
        dismiss: () => this._removeLine(cell)
      }
    });
    const layout = cell.layout as PanelLayout;
    // Right under the outputs (CodeCell: input wrapper, output wrapper, footer...).
    const wrapper = (cell as CodeCell).outputArea?.parent;
    const at = wrapper ? layout.widgets.indexOf(wrapper) : -1;
    layout.insertWidget(at >= 0 ? at + 1 : layout.widgets.length, line);

    const onChange = (_: unknown, change: CellChange) => {
      if (change.sourceChange) {
        this._removeLine(cell);
      }
    };
    const onDisposed = () => this._removeLine(cell);
    cell.model.sharedModel.changed.connect(onChange);
    cell.disposed.connect(onDisposed);
    this._lines.set(cell, {
      line,
      disconnect: () => {
        if (!cell.isDisposed) {
          cell.model.sharedModel.changed.disconnect(onChange);
          cell.disposed.disconnect(onDisposed);
        }
      }
    });
  }

  private _removeLine(cell: Cell): void {
    const entry = this._lines.get(cell);
    if (!entry) {
      return;
    }
    this._lines.delete(cell);
    entry.disconnect();
    entry.line.dispose();
  }

  /**
   * Write the fix into the cell and run it again. Returns why it was refused,
   * or null when it was applied.
   */
  private _apply(notebook: Notebook, cell: Cell, suggestion: IInlineSuggestion): string | null {
    if (cell.isDisposed || notebook.isDisposed || !cell.model) {
      return this._trans.__('The cell is gone; nothing was applied.');
    }
    const index = notebook.widgets.indexOf(cell);
    const patch: IPatch = {
      ...suggestion.patch,
      target: { kind: 'cell', index },
      accepted: true,
      decidedBy: 'user'
    };
    if (!writePatch(cell.model, patch)) {
      return this._trans.__(
        'Not applied: the cell was edited after this fix was suggested. Run the cell again for a fresh suggestion.'
      );
    }
    this._removeLine(cell);
    this._closeReviews(cell);
    this._applied.emit({ notebook, cell, patch });
    const panel = this._tracker.find(candidate => candidate.content === notebook);
    void NotebookActions.runCells(notebook, [cell], panel?.sessionContext, undefined, this._translator);
    return null;
  }

  private _review(notebook: Notebook, cell: Cell, suggestion: IInlineSuggestion): void {
    const open = this._reviews.get(suggestion.patch.id)?.review;
    if (open && !open.isDisposed) {
      this._shell.activateById(open.id);
      return;
    }
    const review = new SuggestionReview({
      suggestion,
      cellLabel: this._trans.__('cell %1', notebook.widgets.indexOf(cell) + 1),
      trans: this._trans,
      languages: this._languages,
      actions: {
        apply: current => {
          const refusal = this._apply(notebook, cell, suggestion);
          if (refusal) {
            current.notice = refusal;
          } else {
            current.dispose();
          }
        },
        dismiss: current => {
          current.dispose();
          if (this._lines.get(cell)?.line.suggestion === suggestion) {
            this._removeLine(cell);
          }
        }
      }
    });
    this._reviews.set(suggestion.patch.id, { review, cell });
    review.disposed.connect(() => this._reviews.delete(suggestion.patch.id));
    const panel = this._tracker.find(candidate => candidate.content === notebook);
    this._shell.add(review, 'main', { mode: 'split-right', ref: panel?.id ?? null });
    this._shell.activateById(review.id);
  }

  /** Close the reviews open for this cell: it changed under them. */
  private _closeReviews(cell: Cell): void {
    for (const entry of [...this._reviews.values()]) {
      if (entry.cell === cell) {
        entry.review.dispose();
      }
    }
  }

  private _applied = new Signal<this, InlineSuggestions.IApplied>(this);
  private _enabled = true;
  private _isDisposed = false;
  private _languages: IEditorLanguageRegistry | null;
  private _lines = new Map<Cell, { line: SuggestionLine; disconnect: () => void }>();
  private _reviews = new Map<string, { review: SuggestionReview; cell: Cell }>();
  private _rules: RuleEngine;
  private _shell: JupyterFrontEnd.IShell;
  private _tracker: INotebookTracker;
  private _trans: TranslationBundle;
  private _translator: ITranslator;
}

export namespace InlineSuggestions {
  export interface IOptions {
    shell: JupyterFrontEnd.IShell;
    tracker: INotebookTracker;
    rules: RuleEngine;
    translator: ITranslator;
    trans: TranslationBundle;
    languages: IEditorLanguageRegistry | null;
  }

  export interface IApplied {
    notebook: Notebook;
    cell: Cell;
    patch: IPatch;
  }
}

namespace Private {
  /** The error output of a code cell, if it has one. */
  export function errorOfCell(cell: CodeCell): IRuleError | null {
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {
      const error = errorOfOutput(outputs.get(i).toJSON() as Record<string, unknown>);
      if (error) {
        return error;
      }
    }
    return null;
  }

  /** The error of an execute reply (when no error output reached the cell). */
  export function errorOfReply(
    error: { errorName: string; errorValue: string; traceback: string[] } | null | undefined
  ): IRuleError | null {
    return error ? errorOfOutput({ output_type: 'error', ename: error.errorName, evalue: error.errorValue, traceback: error.traceback }) : null;
  }
}
