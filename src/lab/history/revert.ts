/**
 * Revert: commands that restore modernized cells' original sources from their
 * metadata and drop their provenance. Cells edited after they were modernized
 * are left alone unless asked for, so nothing the user wrote is lost.
 */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { undoIcon } from '@jupyterlab/ui-components';

import { editedSince, modernizedCells, provenanceOf, revertCellModel, revertCellModels } from './cells';

/** Command ids of the revert plugin. */
export namespace CommandIDs {
  export const revertAll = 'modernizer:revert-cells';
  export const revertCell = 'modernizer:revert-cell';
}

export const revertPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-modernizer:revert',
  description: "Commands that restore modernized cells' original sources from their metadata.",
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_modernizer');
    const { commands } = app;
    const category = trans.__('Notebook Modernizer');
    const current = () => tracker.currentWidget?.content ?? null;

    commands.addCommand(CommandIDs.revertAll, {
      label: trans.__('Revert Modernized Cells'),
      caption: trans.__("Restore every modernized cell's original source from its metadata"),
      icon: args => (args.toolbar ? undoIcon : undefined),
      isEnabled: () => modernizedCells(current()?.model).length > 0,
      describedBy: {
        args: {
          type: 'object',
          properties: {
            includeEdited: {
              type: 'boolean',
              description: trans.__(
                'Also revert cells edited after they were modernized (their later edits are discarded; undo brings them back).'
              )
            }
          }
        }
      },
      execute: args => {
        const notebook = current();
        const model = notebook?.model;
        if (!notebook || !model) {
          return;
        }
        const includeEdited = args.includeEdited === true;
        const cells = modernizedCells(model);
        const edited = cells.filter(cell => editedSince(cell));
        const chosen = includeEdited ? cells : cells.filter(cell => !edited.includes(cell));
        const count = revertCellModels(model, chosen);
        if (!includeEdited && edited.length > 0) {
          Notification.warning(
            trans._n(
              'Reverted %2 cells. %1 cell was edited after it was modernized and was left as it is.',
              'Reverted %2 cells. %1 cells were edited after they were modernized and were left as they are.',
              edited.length,
              count
            ),
            {
              autoClose: 8000,
              actions: [
                {
                  label: trans.__('Revert them too'),
                  caption: trans.__('Discard the later edits as well (undo brings them back)'),
                  callback: () => void commands.execute(CommandIDs.revertAll, { includeEdited: true })
                }
              ]
            }
          );
        } else if (count > 0) {
          Notification.info(trans._n('Reverted %1 modernized cell.', 'Reverted %1 modernized cells.', count), {
            autoClose: 4000
          });
        }
        commands.notifyCommandChanged();
      }
    });

    commands.addCommand(CommandIDs.revertCell, {
      label: trans.__('Revert Modernized Cell'),
      caption: trans.__("Restore the active cell's original source from its metadata"),
      isEnabled: () => {
        const cell = current()?.activeCell;
        return !!cell && !!provenanceOf(cell.model);
      },
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => {
        const cell = current()?.activeCell;
        if (cell && revertCellModel(cell.model)) {
          commands.notifyCommandChanged();
        }
      }
    });

    palette?.addItem({ command: CommandIDs.revertAll, category });
    palette?.addItem({ command: CommandIDs.revertCell, category });

    const notify = () => commands.notifyCommandChanged();
    tracker.currentChanged.connect(notify);
    tracker.activeCellChanged.connect(notify);
  }
};
