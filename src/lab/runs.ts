/**
 * One run model per notebook panel, and the one of the current notebook.
 */
import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type { Contents, ServerConnection } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import { RunModel } from './model';
import type { IModernizerSettings } from './settings';
import type { IModernizerRuns } from './tokens';

export class ModernizerRuns implements IModernizerRuns {
  constructor(options: ModernizerRuns.IOptions) {
    this._options = options;
    this._tracker = options.tracker;
    this._tracker.currentChanged.connect(this._onCurrentChanged, this);
    this._onCurrentChanged();
  }

  get current(): RunModel | null {
    return this._current;
  }

  get currentChanged(): ISignal<this, RunModel | null> {
    return this._currentChanged;
  }

  get added(): ISignal<this, RunModel> {
    return this._added;
  }

  modelFor(panel: NotebookPanel): RunModel {
    let model = this._models.get(panel);
    if (!model) {
      model = new RunModel({
        panel,
        contents: this._options.contents,
        serverSettings: this._options.serverSettings,
        serverRoot: this._options.serverRoot,
        settings: this._options.settings
      });
      this._models.set(panel, model);
      panel.disposed.connect(() => {
        this._models.get(panel)?.dispose();
        this._models.delete(panel);
      });
      this._added.emit(model);
    }
    return model;
  }

  private _onCurrentChanged(): void {
    const panel = this._tracker.currentWidget;
    const model = panel ? this.modelFor(panel) : null;
    if (model === this._current) {
      return;
    }
    if (this._current && !this._current.isDisposed) {
      this._current.isActive = false;
    }
    this._current = model;
    if (model) {
      model.isActive = true;
    }
    this._currentChanged.emit(model);
  }

  private _options: ModernizerRuns.IOptions;
  private _tracker: INotebookTracker;
  private _models = new Map<NotebookPanel, RunModel>();
  private _current: RunModel | null = null;
  private _currentChanged = new Signal<this, RunModel | null>(this);
  private _added = new Signal<this, RunModel>(this);
}

export namespace ModernizerRuns {
  export interface IOptions {
    tracker: INotebookTracker;
    contents: Contents.IManager;
    serverSettings: ServerConnection.ISettings;
    serverRoot?: string;
    settings: () => IModernizerSettings;
  }
}
