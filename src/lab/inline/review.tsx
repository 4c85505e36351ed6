/**
 * Review of an inline suggestion: the cell before and after in the Modernize
 * review's merge view (src/lab/review/merge.ts, the same look as a run's
 * review), the rule and its fact, and Apply / Dismiss.
 */
import type { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Button, ReactWidget } from '@jupyterlab/ui-components';
import { Panel } from '@lumino/widgets';
import * as React from 'react';

import { MergeWidget } from '../review/merge';
import type { IInlineSuggestion } from './suggest';

export class SuggestionReview extends Panel {
  constructor(options: SuggestionReview.IOptions) {
    super();
    this.suggestion = options.suggestion;
    this.addClass('jp-Modernizer-SuggestionReview');
    this.id = `jp-Modernizer-review-${options.suggestion.patch.id}`;
    this.title.label = options.trans.__('Review fix: %1', options.cellLabel);
    this.title.caption = options.suggestion.message;
    this.title.closable = true;
    this._header = new Private.Header(options, this);
    this._merge = new MergeWidget({});
    this._merge.addClass('jp-Modernizer-SuggestionReview-merge');
    this._merge.setSources(options.suggestion.patch.before, options.suggestion.patch.after);
    this.addWidget(this._header);
    this.addWidget(this._merge);
    const python = options.languages?.findBest('python');
    if (python) {
      void options.languages!.getLanguage(python).then(language => {
        if (language?.support && !this.isDisposed) {
          this._merge.setLanguage(language.support);
        }
      });
    }
  }

  readonly suggestion: IInlineSuggestion;

  /** A message shown above the diff (why Apply was refused). */
  get notice(): string {
    return this._header.notice;
  }
  set notice(value: string) {
    this._header.notice = value;
  }

  private _header: Private.Header;
  private _merge: MergeWidget;
}

export namespace SuggestionReview {
  export interface IActions {
    apply(review: SuggestionReview): void;
    dismiss(review: SuggestionReview): void;
  }

  export interface IOptions {
    suggestion: IInlineSuggestion;
    /** How the cell is called in the title, e.g. "cell 3". */
    cellLabel: string;
    trans: TranslationBundle;
    languages: IEditorLanguageRegistry | null;
    actions: IActions;
  }
}

namespace Private {
  /** The fact, the rules, the guard flags, the notice and the two buttons. */
  export class Header extends ReactWidget {
    constructor(
      private readonly _options: SuggestionReview.IOptions,
      private readonly _review: SuggestionReview
    ) {
      super();
      this.addClass('jp-Modernizer-SuggestionReview-header');
    }

    get notice(): string {
      return this._notice;
    }
    set notice(value: string) {
      if (value !== this._notice) {
        this._notice = value;
        this.update();
      }
    }

    protected render(): JSX.Element {
      const { trans, suggestion, actions, cellLabel } = this._options;
      const { patch } = suggestion;
      return (
        <>
          <div className="jp-Modernizer-SuggestionReview-title">
            {suggestion.line
              ? trans.__('Fix for %1 (it failed at line %2)', cellLabel, suggestion.line)
              : trans.__('Fix for %1', cellLabel)}
          </div>
          <ul className="jp-Modernizer-SuggestionReview-facts">
            {patch.facts.map((fact, index) => (
              <li key={`${patch.ruleIds[index]}-${index}`}>
                <code>{patch.ruleIds[index]}</code> {fact.message}{' '}
                <a href={fact.source} target="_blank" rel="noopener noreferrer">
                  {trans.__('Source')}
                </a>
              </li>
            ))}
          </ul>
          {patch.flags.map(flag => (
            <div key={flag.kind} className="jp-Modernizer-SuggestionReview-flag">
              {flag.message}
            </div>
          ))}
          {this._notice && (
            <div className="jp-Modernizer-SuggestionReview-notice" role="alert">
              {this._notice}
            </div>
          )}
          <div className="jp-Modernizer-SuggestionReview-buttons">
            <Button
              className="jp-mod-styled jp-mod-accept"
              title={trans.__('Rewrite the cell with this fix and run it again (undo restores it)')}
              onClick={() => actions.apply(this._review)}
            >
              {trans.__('Apply')}
            </Button>
            <Button
              className="jp-mod-styled jp-mod-reject"
              title={trans.__('Close this review and leave the cell as it is')}
              onClick={() => actions.dismiss(this._review)}
            >
              {trans.__('Dismiss')}
            </Button>
          </div>
          <div className="jp-Modernizer-SuggestionReview-legend">
            <span>{trans.__('Before')}</span>
            <span>{trans.__('After')}</span>
          </div>
        </>
      );
    }

    private _notice = '';
  }
}
