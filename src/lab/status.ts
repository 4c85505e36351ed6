/**
 * The status bar item: the current notebook's run in a few words, while it goes.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import type { RunModel } from './model';
import type { IModernizerRuns } from './tokens';

export class RunStatus extends Widget {
  constructor(options: RunStatus.IOptions) {
    super();
    this.addClass('jp-Modernizer-StatusItem');
    this._trans = options.trans;
    this._runs = options.runs;
    this._runs.currentChanged.connect(this._follow, this);
    this._follow();
  }

  /** Shown only while the current notebook's run goes. */
  get isActive(): boolean {
    return this._model?.running ?? false;
  }

  get activeStateChanged(): ISignal<this, void> {
    return this._activeStateChanged;
  }

  private _follow(): void {
    this._model?.changed.disconnect(this._render, this);
    this._model = this._runs.current;
    this._model?.changed.connect(this._render, this);
    this._render();
  }

  private _render(): void {
    const model = this._model;
    const active = model?.running ?? false;
    if (active !== this._wasActive) {
      this._wasActive = active;
      this._activeStateChanged.emit();
    }
    if (!model || !active) {
      this.node.textContent = '';
      return;
    }
    const trans = this._trans;
    const code = model.cells.filter(cell => cell.cellType === 'code');
    const done = code.filter(cell => cell.status !== 'pending' && cell.status !== 'running').length;
    let text: string;
    if (model.status === 'starting') {
      text = trans.__('Modernizer: starting…');
    } else if (model.pending.length > 0) {
      text = trans._n('Modernizer: %2/%3 cells · %1 fix to review', 'Modernizer: %2/%3 cells · %1 fixes to review', model.pending.length, done, code.length);
    } else if (model.paused) {
      text = trans.__('Modernizer: paused at %1/%2 cells', done, code.length);
    } else {
      text = trans.__('Modernizer: %1/%2 cells', done, code.length);
    }
    this.node.textContent = text;
    this.node.title = trans.__('Modernize run of %1', model.panel.context.path);
  }

  private _trans: TranslationBundle;
  private _runs: IModernizerRuns;
  private _model: RunModel | null = null;
  private _wasActive = false;
  private _activeStateChanged = new Signal<this, void>(this);
}

export namespace RunStatus {
  export interface IOptions {
    runs: IModernizerRuns;
    trans: TranslationBundle;
  }
}
