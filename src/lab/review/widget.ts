/**
 * The diff review of one notebook's run: the proposal waiting for a decision,
 * its merge view, and the decision buttons. It follows the model: when a
 * proposal is decided, the next one shows.
 */
import type { ICellModel } from '@jupyterlab/cells';
import type { Extension } from '@codemirror/state';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Panel, Widget } from '@lumino/widgets';
import * as React from 'react';
import type { IProposal } from '../decider';
import { modernizeIcon } from '../icons';
import { Labels } from '../labels';
import type { RunModel } from '../model';
import { MergeWidget } from './merge';
import { DecisionBar, ProposalHeader } from './proposal';
import { trackTyping } from './typing';

export class ReviewWidget extends Panel {
  constructor(options: ReviewWidget.IOptions) {
    super();
    this.model = options.model;
    this._trans = options.trans;
    this.id = `jp-modernizer-review-${Private.nextId++}`;
    this.addClass('jp-Modernizer-Review');
    this.title.icon = modernizeIcon;
    this.title.closable = true;
    this._updateTitle();
    // Focusable, so that the keyboard flow works right after it opens.
    this.node.tabIndex = -1;
    // Alt+Y/R/N are the review's, except while typing in its editor.
    this._stopTracking = trackTyping(this.node);

    this._header = new Private.ElementWidget();
    this._header.addClass('jp-Modernizer-ReviewHeader');
    this._columns = new Widget();
    this._columns.addClass('jp-Modernizer-Columns');
    this._merge = new MergeWidget({ language: options.language, onEdit: () => this._renderBar() });
    this._bar = new Private.ElementWidget();
    this._bar.addClass('jp-Modernizer-ReviewBar');
    this._empty = new Widget();
    this._empty.addClass('jp-Modernizer-ReviewEmpty');
    this.addWidget(this._header);
    this.addWidget(this._columns);
    this.addWidget(this._merge);
    this.addWidget(this._bar);
    this.addWidget(this._empty);

    this.model.changed.connect(this._onModelChanged, this);
    this._onModelChanged();
  }

  readonly model: RunModel;

  /** The proposal shown, or null. */
  get proposal(): IProposal | null {
    return this._shown;
  }

  /** Accept the shown proposal (with the user's edit, if any). */
  accept(): void {
    if (this._shown) {
      this.model.accept(this._shown.patch.id, this._merge.edited ? this._merge.after : undefined);
    }
  }

  reject(): void {
    if (this._shown) {
      this.model.reject(this._shown.patch.id);
    }
  }

  edit(): void {
    this._merge.editable = true;
    this._renderBar();
  }

  setLanguage(language: Extension): void {
    this._merge.setLanguage(language);
  }

  dispose(): void {
    this._stopTracking();
    if (this.isDisposed) {
      return;
    }
    this._watchCell(null);
    this.model.changed.disconnect(this._onModelChanged, this);
    super.dispose();
  }

  private _stopTracking: () => void;

  private _onModelChanged(): void {
    if (this.model.isDisposed) {
      this.dispose();
      return;
    }
    const proposal = this.model.reviewing;
    if (proposal?.patch.id !== this._shown?.patch.id) {
      this._shown = proposal;
      if (proposal) {
        this._merge.setSources(proposal.patch.before, proposal.patch.after);
      }
      const target = proposal?.patch.target;
      this._watchCell(target?.kind === 'cell' ? this.model.cellModel(target.index) ?? null : null);
    }
    const has = proposal !== null;
    this._header.setHidden(!has);
    this._columns.setHidden(!has);
    this._merge.setHidden(!has);
    this._bar.setHidden(!has);
    this._empty.setHidden(has);
    this._updateTitle();
    this._renderHeader();
    this._renderBar();
    this._renderEmpty();
  }

  /** Re-render the stale warning when the user edits the proposal's cell. */
  private _watchCell(cell: ICellModel | null): void {
    this._watched?.sharedModel.changed.disconnect(this._renderHeader, this);
    this._watched = cell;
    cell?.sharedModel.changed.connect(this._renderHeader, this);
  }

  private _stale(): boolean {
    const patch = this._shown?.patch;
    if (!patch || patch.target.kind !== 'cell') {
      return false;
    }
    const live = this.model.cellModel(patch.target.index)?.sharedModel.getSource();
    return live !== patch.before;
  }

  private _renderHeader(): void {
    const proposal = this._shown;
    const trans = this._trans;
    if (!proposal) {
      return;
    }
    const pending = this.model.pending;
    const position = pending.findIndex(p => p.patch.id === proposal.patch.id) + 1;
    this._header.setElement(
      React.createElement(ProposalHeader, {
        proposal,
        position,
        count: pending.length,
        stale: this._stale(),
        trans
      })
    );
    this._columns.node.innerHTML = '';
    for (const text of [trans.__('Before'), this._merge.editable ? trans.__('After (editing)') : trans.__('After')]) {
      const span = document.createElement('span');
      span.textContent = text;
      this._columns.node.appendChild(span);
    }
  }

  private _renderBar(): void {
    const proposal = this._shown;
    if (!proposal) {
      return;
    }
    this._bar.setElement(
      React.createElement(DecisionBar, {
        trans: this._trans,
        editing: this._merge.editable,
        edited: this._merge.edited,
        hasNext: this.model.pending.length > 1,
        canAcceptAllRules: !this.model.acceptingRules,
        onAccept: () => this.accept(),
        onEdit: () => {
          this.edit();
          this._renderHeader();
        },
        onReject: () => this.reject(),
        onNext: () => {
          const next = this.model.nextProposal();
          if (next) {
            this.model.select(next.patch.id);
          }
        },
        onAcceptAllRules: () => this.model.acceptAllRuleFixes()
      })
    );
  }

  private _renderEmpty(): void {
    const trans = this._trans;
    const node = this._empty.node;
    node.innerHTML = '';
    const lines: string[] = [];
    const refused = this.model.staleRefusals[this.model.staleRefusals.length - 1];
    if (refused && refused.target.kind === 'cell') {
      lines.push(
        trans.__(
          'The fix for cell %1 was refused: the cell was edited after it was proposed. Your edit is kept.',
          refused.target.index + 1
        )
      );
    }
    if (this.model.running) {
      lines.push(trans.__('No fix waits for review. The run goes on; new proposals show here.'));
    } else {
      lines.push(trans.__('No fix waits for review. The run is over: see the summary in the Modernizer panel.'));
    }
    lines.forEach((text, i) => {
      const p = document.createElement('p');
      p.textContent = text;
      if (i === 0 && refused) {
        p.className = 'jp-Modernizer-Notice jp-mod-warning';
        p.setAttribute('role', 'alert');
      }
      node.appendChild(p);
    });
  }

  private _updateTitle(): void {
    const name = this.model.panel.context.localPath.split('/').pop() ?? '';
    const target = this._shown?.patch.target;
    this.title.label =
      target?.kind === 'cell'
        ? this._trans.__('Review %1: %2', name, Labels.cell(this._trans, target.index))
        : this._trans.__('Review %1', name);
    this.title.caption = this._trans.__('Fixes proposed for %1', this.model.panel.context.path);
  }

  private _trans: TranslationBundle;
  private _header: Private.ElementWidget;
  private _columns: Widget;
  private _merge: MergeWidget;
  private _bar: Private.ElementWidget;
  private _empty: Widget;
  private _shown: IProposal | null = null;
  private _watched: ICellModel | null = null;
}

export namespace ReviewWidget {
  export interface IOptions {
    model: RunModel;
    trans: TranslationBundle;
    /** Python support for the merge view. */
    language?: Extension;
  }
}

namespace Private {
  export let nextId = 0;

  /** A React body whose element is set from outside. */
  export class ElementWidget extends ReactWidget {
    setElement(element: React.ReactElement): void {
      this._element = element;
      this.update();
    }

    protected render(): React.ReactElement | null {
      return this._element;
    }

    private _element: React.ReactElement | null = null;
  }
}
