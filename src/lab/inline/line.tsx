/**
 * The compact line under a failing cell's output: the fact behind a rule's
 * fix, and Review · Apply. It never takes focus when it appears.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { Button, buildIcon, closeIcon, ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { IInlineSuggestion } from './suggest';

export class SuggestionLine extends ReactWidget {
  constructor(options: SuggestionLine.IOptions) {
    super();
    this.suggestion = options.suggestion;
    this._trans = options.trans;
    this._actions = options.actions;
    this.addClass('jp-Modernizer-SuggestionLine');
    this.node.setAttribute('role', 'status');
    this.node.setAttribute('aria-label', this._trans.__('Modernizer suggestion'));
  }

  readonly suggestion: IInlineSuggestion;

  /** A message in place of the actions (e.g. why Apply was refused). */
  get notice(): string {
    return this._notice;
  }
  set notice(value: string) {
    if (value === this._notice) {
      return;
    }
    this._notice = value;
    this.update();
  }

  protected render(): JSX.Element {
    const trans = this._trans;
    const { message, patch } = this.suggestion;
    const rules = patch.ruleIds.join(', ');
    const more = patch.ruleIds.length - 1;
    return (
      <>
        <buildIcon.react className="jp-Modernizer-SuggestionLine-icon" tag="span" />
        <span className="jp-Modernizer-SuggestionLine-message" title={`${patch.reason}\n(${rules})`}>
          {message}
          {more > 0 && (
            <span className="jp-Modernizer-SuggestionLine-more">
              {' '}
              {trans._n('(+%1 more fix in this cell)', '(+%1 more fixes in this cell)', more)}
            </span>
          )}
        </span>
        {this._notice ? (
          <span className="jp-Modernizer-SuggestionLine-notice">{this._notice}</span>
        ) : (
          <span className="jp-Modernizer-SuggestionLine-actions">
            <Button
              minimal
              small
              className="jp-Modernizer-SuggestionLine-review"
              title={trans.__('Show the change as a diff before applying it')}
              onClick={() => this._actions.review(this)}
            >
              {trans.__('Review')}
            </Button>
            <span className="jp-Modernizer-SuggestionLine-sep" aria-hidden="true">
              ·
            </span>
            <Button
              minimal
              small
              className="jp-Modernizer-SuggestionLine-apply"
              title={trans.__('Rewrite the cell with this fix and run it again (undo restores it)')}
              onClick={() => this._actions.apply(this)}
            >
              {trans.__('Apply')}
            </Button>
          </span>
        )}
        <Button
          minimal
          small
          className="jp-Modernizer-SuggestionLine-dismiss"
          title={trans.__('Dismiss this suggestion')}
          aria-label={trans.__('Dismiss')}
          onClick={() => this._actions.dismiss(this)}
        >
          <closeIcon.react tag="span" elementSize="small" />
        </Button>
      </>
    );
  }

  private _notice = '';
  private _trans: TranslationBundle;
  private _actions: SuggestionLine.IActions;
}

export namespace SuggestionLine {
  /** What the line's buttons do; the manager decides. */
  export interface IActions {
    review(line: SuggestionLine): void;
    apply(line: SuggestionLine): void;
    dismiss(line: SuggestionLine): void;
  }

  export interface IOptions {
    suggestion: IInlineSuggestion;
    trans: TranslationBundle;
    actions: IActions;
  }
}
