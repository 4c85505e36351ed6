/**
 * The history of a modernized cell, shown under its input when its marker is
 * clicked: every recorded change with who made it, why, the fact's link and a
 * compact before/after, and a button that restores the original source.
 */
import type { ICellModel } from '@jupyterlab/cells';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Button, ReactWidget, undoIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { IProvenance, IProvenanceChange } from '../../core/provenance';
import { lineDiff, withContext } from '../inline/linediff';
import { editedSince, provenanceOf } from './cells';

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
        <ol className="jp-Modernizer-History-changes">
          {provenance.changes.map((change, index) => (
            <Private.Change key={index} change={change} trans={trans} />
          ))}
        </ol>
        <Private.Original provenance={provenance} trans={trans} />
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

namespace Private {
  /** Who made a change: a rule, a model, or something else the engine knows. */
  export function author(change: IProvenanceChange, trans: TranslationBundle): string {
    const [kind, ...rest] = change.origin.split(':');
    const name = rest.join(':');
    if (kind === 'rule' && change.ruleIds.length > 0) {
      return trans._n('rule %2', 'rules %2', change.ruleIds.length, change.ruleIds.join(', '));
    }
    if (kind === 'rule') {
      return trans.__('rule %1', name);
    }
    if (kind === 'llm') {
      return trans.__('model %1', name);
    }
    return change.origin;
  }

  export function Change(props: { change: IProvenanceChange; trans: TranslationBundle }): JSX.Element {
    const { change, trans } = props;
    const lines = withContext(lineDiff(change.before, change.after), 1);
    return (
      <li className="jp-Modernizer-History-change">
        <div className="jp-Modernizer-History-who">
          <span className="jp-Modernizer-History-author">{author(change, trans)}</span>
          <span className="jp-Modernizer-History-decided">
            {change.decidedBy === 'user' ? trans.__('accepted by you') : trans.__('applied by policy')}
          </span>
        </div>
        <div className="jp-Modernizer-History-reason">
          {change.reason}
          {change.sources.map((source, index) => (
            <React.Fragment key={`${source}-${index}`}>
              {' '}
              <a href={source} target="_blank" rel="noopener noreferrer" title={source}>
                {change.sources.length > 1 ? trans.__('Source %1', index + 1) : trans.__('Source')}
              </a>
            </React.Fragment>
          ))}
        </div>
        <pre className="jp-Modernizer-History-diff" aria-label={trans.__('What changed')}>
          {lines.map((line, index) =>
            line === null ? (
              <div key={index} className="jp-Modernizer-History-gap">
                {'⋯'}
              </div>
            ) : (
              <div key={index} className={`jp-Modernizer-History-line jp-mod-${line.kind}`}>
                <span className="jp-Modernizer-History-sign" aria-hidden="true">
                  {line.kind === 'removed' ? '−' : line.kind === 'added' ? '+' : ' '}
                </span>
                {line.text || ' '}
              </div>
            )
          )}
        </pre>
      </li>
    );
  }

  /** The original source, collapsed: the whole cell as the author wrote it. */
  export function Original(props: { provenance: IProvenance; trans: TranslationBundle }): JSX.Element {
    return (
      <details className="jp-Modernizer-History-original">
        <summary>{props.trans.__('Original source')}</summary>
        <pre>{props.provenance.original}</pre>
      </details>
    );
  }
}
