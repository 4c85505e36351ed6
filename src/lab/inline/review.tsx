/**
 * Review of an inline suggestion: the cell before and after in a CodeMirror
 * merge view, the rule and its fact, and Apply / Dismiss. The merge view is
 * created when the widget is attached and destroyed when it is detached.
 */
import { EditorState } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { MergeView } from '@codemirror/merge';
import { jupyterTheme } from '@jupyterlab/codemirror';
import type { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Button, ReactWidget } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import { Panel, Widget } from '@lumino/widgets';
import * as React from 'react';

import type { IInlineSuggestion } from './suggest';

export class SuggestionReview extends Panel {
  constructor(options: SuggestionReview.IOptions) {
    super();
    this.suggestion = options.suggestion;
    this._languages = options.languages;
    this.addClass('jp-Modernizer-SuggestionReview');
    this.id = `jp-Modernizer-review-${options.suggestion.patch.id}`;
    this.title.label = options.trans.__('Review fix: %1', options.cellLabel);
    this.title.caption = options.suggestion.message;
    this.title.closable = true;
    this._header = new Private.Header(options, this);
    this._host = new Widget();
    this._host.addClass('jp-Modernizer-SuggestionReview-merge');
    this.addWidget(this._header);
    this.addWidget(this._host);
  }

  readonly suggestion: IInlineSuggestion;

  /** A message shown above the diff (why Apply was refused). */
  get notice(): string {
    return this._header.notice;
  }
  set notice(value: string) {
    this._header.notice = value;
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    const language = this._languages?.findBest('python')?.support;
    const extensions: Extension[] = [
      EditorView.editable.of(false),
      EditorState.readOnly.of(true),
      EditorView.lineWrapping,
      jupyterTheme,
      ...(language ? [language] : [])
    ];
    const { before, after } = this.suggestion.patch;
    this._merge = new MergeView({
      a: { doc: before, extensions },
      b: { doc: after, extensions },
      parent: this._host.node,
      highlightChanges: true,
      gutter: true,
      collapseUnchanged: { margin: 3, minSize: 8 }
    });
  }

  protected onBeforeDetach(msg: Message): void {
    this._merge?.destroy();
    this._merge = null;
    super.onBeforeDetach(msg);
  }

  dispose(): void {
    this._merge?.destroy();
    this._merge = null;
    super.dispose();
  }

  private _header: Private.Header;
  private _host: Widget;
  private _languages: IEditorLanguageRegistry | null;
  private _merge: MergeView | null = null;
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
