/**
 * The history plugin: markers on modernized cells and their history views.
 */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { revertCellModel } from './cells';
import { HistoryMarkers } from './markers';

export const historyPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-modernizer:history',
  description:
    'Marks modernized cells; the marker opens the cell history (what changed, by which rule or model, why) and a per-cell revert.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ITranslator],
  activate: (app: JupyterFrontEnd, tracker: INotebookTracker, translator: ITranslator | null): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_modernizer');
    const markers = new HistoryMarkers({
      tracker,
      trans,
      onRevert: cell => {
        revertCellModel(cell);
        app.commands.notifyCommandChanged();
      }
    });
    markers.changed.connect(() => app.commands.notifyCommandChanged());
  }
};
