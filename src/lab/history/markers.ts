/**
 * Markers on modernized cells: a small badge under the cell's prompt for every
 * code cell whose metadata carries provenance; clicking it shows the cell's
 * history under its input (collapsed by default). Markers follow the metadata,
 * so cells fixed by a Modernize run, by an inline suggestion, or loaded from
 * disk all get one, and a reverted cell loses it.
 */
import type { Cell, ICellModel } from '@jupyterlab/cells';
import type { INotebookTracker, Notebook, NotebookPanel } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';
import { historyIcon } from '@jupyterlab/ui-components';
import type { IDisposable } from '@lumino/disposable';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import type { PanelLayout } from '@lumino/widgets';

import { provenanceOf } from './cells';
import { HistoryView } from './view';

export class HistoryMarkers implements IDisposable {
  constructor(options: HistoryMarkers.IOptions) {
    this._trans = options.trans;
    this._onRevert = options.onRevert;
    options.tracker.widgetAdded.connect((_, panel) => this._watch(panel), this);
    options.tracker.forEach(panel => this._watch(panel));
  }

  /** Emitted when cells gained or lost their provenance (the revert command listens). */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    for (const cell of [...this._marked.keys()]) {
      this._unmark(cell);
    }
    Signal.clearData(this);
  }

  /** Show or hide a cell's history; returns whether it is shown now. */
  toggle(cell: Cell, show?: boolean): boolean {
    const entry = this._marked.get(cell);
    if (!entry) {
      return false;
    }
    const visible = show ?? entry.view.isHidden;
    entry.view.setHidden(!visible);
    entry.marker.node.setAttribute('aria-expanded', String(visible));
    entry.marker.toggleClass('jp-mod-active', visible);
    if (visible) {
      entry.view.update();
    }
    return visible;
  }

  private _watch(panel: NotebookPanel): void {
    const notebook = panel.content;
    const sync = () => this._sync(notebook);
    const onModel = () => {
      notebook.model?.cells.changed.connect(sync, this);
      // The notebook creates its cell widgets in its own handler of the same change.
      requestAnimationFrame(sync);
    };
    notebook.modelChanged.connect(onModel, this);
    onModel();
    void panel.context.ready.then(sync);
  }

  /** Connect every cell model once; mark or unmark every cell widget. */
  private _sync(notebook: Notebook): void {
    if (this._isDisposed || notebook.isDisposed) {
      return;
    }
    for (const cell of notebook.widgets) {
      if (cell.model.type !== 'code') {
        continue;
      }
      if (!this._watched.has(cell.model)) {
        this._watched.add(cell.model);
        cell.model.metadataChanged.connect(() => this._sync(notebook), this);
      }
      this._update(cell);
    }
  }

  private _update(cell: Cell): void {
    const provenance = cell.isDisposed ? undefined : provenanceOf(cell.model);
    const entry = this._marked.get(cell);
    if (!provenance) {
      if (entry) {
        this._unmark(cell);
        this._changed.emit();
      }
      return;
    }
    if (entry) {
      this._title(entry.marker, provenance.changes.length);
      entry.view.update();
      return;
    }
    if (this._pending.has(cell)) {
      return;
    }
    this._pending.add(cell);
    void cell.ready.then(() => {
      this._pending.delete(cell);
      if (!cell.isDisposed && !this._marked.has(cell) && provenanceOf(cell.model)) {
        this._mark(cell);
        this._changed.emit();
      }
    });
  }

  private _mark(cell: Cell): void {
    const input = cell.inputArea;
    if (!input) {
      return;
    }
    const provenance = provenanceOf(cell.model)!;
    const marker = new Widget({ node: document.createElement('button') });
    marker.addClass('jp-Modernizer-Marker');
    marker.node.setAttribute('type', 'button');
    marker.node.setAttribute('aria-expanded', 'false');
    // An icon given a container takes over its class names: give it its own span.
    const icon = document.createElement('span');
    icon.className = 'jp-Modernizer-Marker-icon';
    historyIcon.element({ container: icon, elementSize: 'small' });
    icon.classList.add('jp-Modernizer-Marker-icon');
    marker.node.appendChild(icon);
    const label = document.createElement('span');
    label.className = 'jp-Modernizer-Marker-label';
    label.textContent = this._trans.__('fixed');
    marker.node.appendChild(label);
    this._title(marker, provenance.changes.length);
    marker.node.addEventListener('click', event => {
      event.stopPropagation();
      this.toggle(cell);
    });
    (input.layout as PanelLayout).addWidget(marker);

    const view = new HistoryView({ cell: cell.model, trans: this._trans, onRevert: model => this._onRevert(model) });
    view.hide();
    const layout = cell.layout as PanelLayout;
    const at = layout.widgets.indexOf(input.parent!);
    layout.insertWidget(at >= 0 ? at + 1 : layout.widgets.length, view);

    cell.addClass('jp-Modernizer-modernizedCell');
    const onDisposed = () => this._marked.delete(cell);
    cell.disposed.connect(onDisposed);
    this._marked.set(cell, { marker, view, onDisposed });
  }

  private _unmark(cell: Cell): void {
    const entry = this._marked.get(cell);
    if (!entry) {
      return;
    }
    this._marked.delete(cell);
    entry.marker.dispose();
    entry.view.dispose();
    if (!cell.isDisposed) {
      cell.disposed.disconnect(entry.onDisposed);
      cell.removeClass('jp-Modernizer-modernizedCell');
    }
  }

  private _title(marker: Widget, changes: number): void {
    const title = this._trans._n(
      'Modernized (%1 change): click to see what changed and why',
      'Modernized (%1 changes): click to see what changed and why',
      changes
    );
    marker.node.title = title;
    marker.node.setAttribute('aria-label', title);
  }

  private _changed = new Signal<this, void>(this);
  private _isDisposed = false;
  private _marked = new Map<Cell, { marker: Widget; view: HistoryView; onDisposed: () => void }>();
  private _onRevert: (cell: ICellModel) => void;
  private _pending = new Set<Cell>();
  private _trans: TranslationBundle;
  private _watched = new WeakSet<ICellModel>();
}

export namespace HistoryMarkers {
  export interface IOptions {
    tracker: INotebookTracker;
    trans: TranslationBundle;
    /** Revert one cell (from its history view). */
    onRevert: (cell: ICellModel) => void;
  }
}
