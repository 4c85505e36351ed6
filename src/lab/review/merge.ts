/**
 * A CodeMirror merge view of one cell, before and after a patch, looking like
 * JupyterLab's own editors (its theme follows the light and dark themes).
 * The view exists only while the widget is attached.
 */
import { jupyterTheme } from '@jupyterlab/codemirror';
import { MergeView } from '@codemirror/merge';
import { Compartment, EditorState } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';

export class MergeWidget extends Widget {
  constructor(options: MergeWidget.IOptions) {
    super();
    this.addClass('jp-Modernizer-Merge');
    this._language = options.language ?? [];
    this._onEdit = options.onEdit;
  }

  /** Show a new pair of sources; the edits of the previous pair are dropped. */
  setSources(before: string, after: string): void {
    this._before = before;
    this._after = after;
    this._editable = false;
    if (this.isAttached) {
      this._create();
    }
  }

  /** The language support (Python), once the registry loaded it. */
  setLanguage(language: Extension): void {
    this._language = language;
    if (this.isAttached) {
      this._create();
    }
  }

  /** The "after" side as it is now, with the user's edits. */
  get after(): string {
    return this._view?.b.state.doc.toString() ?? this._after;
  }

  /** Whether the "after" side differs from the proposal. */
  get edited(): boolean {
    return this.after !== this._after;
  }

  get editable(): boolean {
    return this._editable;
  }

  /** Let the user edit the "after" side (Edit-then-accept), and focus it. */
  set editable(value: boolean) {
    this._editable = value;
    this._view?.b.dispatch({ effects: this._editableCompartment.reconfigure(this._editableExtension()) });
    if (value) {
      this._view?.b.focus();
    }
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._create();
  }

  protected onBeforeDetach(msg: Message): void {
    this._destroy();
    super.onBeforeDetach(msg);
  }

  dispose(): void {
    this._destroy();
    super.dispose();
  }

  private _create(): void {
    this._destroy();
    const base = [lineNumbers(), jupyterTheme, this._language];
    this._view = new MergeView({
      a: {
        doc: this._before,
        extensions: [...base, EditorView.editable.of(false), EditorState.readOnly.of(true)]
      },
      b: {
        doc: this._after,
        extensions: [
          ...base,
          this._editableCompartment.of(this._editableExtension()),
          EditorView.updateListener.of(update => {
            if (update.docChanged) {
              this._onEdit?.();
            }
          })
        ]
      },
      parent: this.node,
      highlightChanges: true,
      gutter: true,
      collapseUnchanged: { margin: 3, minSize: 6 }
    });
  }

  private _editableExtension(): Extension {
    return [EditorView.editable.of(this._editable), EditorState.readOnly.of(!this._editable)];
  }

  private _destroy(): void {
    if (this._view) {
      this._view.destroy();
      this._view = null;
    }
  }

  private _view: MergeView | null = null;
  private _before = '';
  private _after = '';
  private _editable = false;
  private _editableCompartment = new Compartment();
  private _language: Extension;
  private _onEdit?: () => void;
}

export namespace MergeWidget {
  export interface IOptions {
    language?: Extension;
    /** Called when the user edits the "after" side. */
    onEdit?: () => void;
  }
}
