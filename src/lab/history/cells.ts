/**
 * Writing a decided patch into a notebook cell and taking it back out, through
 * the cell's shared model so that the notebook's own undo covers it.
 */
import type { ICellModel } from '@jupyterlab/cells';
import type { INotebookModel } from '@jupyterlab/notebook';
import type { PartialJSONValue } from '@lumino/coreutils';

import type { IPatch } from '../../core/notebook/patch';
import { PROVENANCE_KEY, readProvenance, recordProvenance, revertCell } from '../../core/notebook/provenance';
import type { IProvenance } from '../../core/notebook/provenance';

/** The provenance recorded in a cell's metadata, if any. */
export function provenanceOf(cell: ICellModel): IProvenance | undefined {
  return readProvenance(cell.sharedModel.getMetadata() as Record<string, unknown>);
}

/** Whether the cell's source is no longer what the last recorded change wrote. */
export function editedSince(cell: ICellModel, provenance: IProvenance | undefined = provenanceOf(cell)): boolean {
  const last = provenance?.changes[provenance.changes.length - 1];
  return !!last && last.after !== cell.sharedModel.getSource();
}

/** The cells of a notebook that carry provenance. */
export function modernizedCells(model: INotebookModel | null | undefined): ICellModel[] {
  const cells: ICellModel[] = [];
  if (!model) {
    return cells;
  }
  for (let i = 0; i < model.cells.length; i++) {
    const cell = model.cells.get(i);
    if (provenanceOf(cell)) {
      cells.push(cell);
    }
  }
  return cells;
}

/**
 * Write an accepted patch into the cell and record it in the cell's metadata,
 * in one undoable step. Refused (false) when the cell no longer holds the
 * source the patch was made for: a stale patch never overwrites an edit.
 */
export function writePatch(cell: ICellModel, patch: IPatch): boolean {
  const shared = cell.sharedModel;
  if (shared.getSource() !== patch.before) {
    return false;
  }
  const metadata = recordProvenance(shared.getMetadata(), patch.before, [patch]);
  shared.transact(() => {
    shared.setSource(patch.after);
    shared.setMetadata(PROVENANCE_KEY, metadata[PROVENANCE_KEY] as PartialJSONValue);
  });
  return true;
}

/** Restore a modernized cell's original source and drop its provenance, in one undoable step. */
export function revertCellModel(cell: ICellModel): boolean {
  const shared = cell.sharedModel;
  const metadata = shared.getMetadata() as Record<string, unknown>;
  if (!readProvenance(metadata)) {
    return false;
  }
  const reverted = revertCell(shared.getSource(), metadata);
  shared.transact(() => {
    if (shared.getSource() !== reverted.source) {
      shared.setSource(reverted.source);
    }
    shared.deleteMetadata(PROVENANCE_KEY);
  });
  return true;
}

/**
 * Revert several cells. With document-wide undo it is one notebook step;
 * with JupyterLab's default per-cell undo each cell gets its own step (a
 * notebook-level transaction would not be undoable in the cells).
 */
export function revertCellModels(notebook: INotebookModel, cells: readonly ICellModel[]): number {
  let count = 0;
  const run = () => {
    for (const cell of cells) {
      if (revertCellModel(cell)) {
        count++;
      }
    }
  };
  if (notebook.sharedModel.disableDocumentWideUndoRedo) {
    run();
  } else {
    notebook.sharedModel.transact(run);
  }
  return count;
}
