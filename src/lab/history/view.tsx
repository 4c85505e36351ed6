/**
 * The history of a modernized cell, shown under its input when its marker is
 * clicked: every recorded change with who made it, why, the fact's link and a
 * compact before/after, and a button that restores the original source.
 */
import type { ICellModel } from '@jupyterlab/cells';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Button, ReactWidget, undoIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import { editedSince, provenanceOf } from './cells';
import { HistoryChanges, HistoryProblems, OriginalSource } from './content';

export class HistoryView extends ReactWidget {
  constructor(options: HistoryView.IOptions) {
    super();
    this._cell = options.cell;
    this._trans = options.trans;
    this._onRevert = options.onRevert;
    this.addClass('jp-Modernizer-History');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', this._trans.__('Modernization history'));
  }

  protected render(): JSX.Element | null {
    const provenance = provenanceOf(this._cell);
    if (!provenance) {
      return null;
    }
    const trans = this._trans;
    const edited = editedSince(this._cell, provenance);
    return (
      <>
        <div className="jp-Modernizer-History-header">
          <span className="jp-Modernizer-History-title">
            {trans._n('Modernized: %1 change', 'Modernized: %1 changes', provenance.changes.length)}
          </span>
          <span className="jp-Modernizer-History-kept">
            {trans.__('The original source is kept in the cell metadata.')}
          </span>
          <Button
            minimal
            small
            className="jp-Modernizer-History-revert"
            title={trans.__('Restore the source this cell had before it was modernized (undo brings the change back)')}
            onClick={() => this._onRevert(this._cell)}
          >
            <undoIcon.react tag="span" elementSize="small" className="jp-Modernizer-History-revertIcon" />
            {trans.__('Revert cell')}
          </Button>
        </div>
        {edited && (
          <div className="jp-Modernizer-History-edited">
            {trans.__('You edited this cell after it was modernized: reverting discards those edits too.')}
          </div>
        )}
        <HistoryProblems provenance={provenance} trans={trans} />
        <HistoryChanges provenance={provenance} trans={trans} />
        <OriginalSource provenance={provenance} trans={trans} />
      </>
    );
  }

  private _cell: ICellModel;
  private _onRevert: (cell: ICellModel) => void;
  private _trans: TranslationBundle;
}

export namespace HistoryView {
  export interface IOptions {
    cell: ICellModel;
    trans: TranslationBundle;
    onRevert: (cell: ICellModel) => void;
  }
}
