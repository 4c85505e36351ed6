import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ILayoutRestorer } from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { RunModel } from '../model';
import { ModernizerPanel } from '../panel';
import { IModernizerRuns } from '../tokens';

/** The id of the Modernizer side panel. */
export const PANEL_ID = 'jp-modernizer-panel';

/**
 * The right side panel: the current notebook's run, live.
 */
export const panelPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-modernizer:panel',
  description: 'Adds the Modernizer side panel, showing the run of the current notebook.',
  autoStart: true,
  requires: [IModernizerRuns],
  optional: [ITranslator, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    runs: IModernizerRuns,
    translator: ITranslator | null,
    restorer: ILayoutRestorer | null
  ): void => {
    translator = translator ?? nullTranslator;
    const trans = translator.load('jupyterlab_modernizer');
    const panel = new ModernizerPanel({
      commands: app.commands,
      translator,
      trans,
      showCell: (model: RunModel, index: number) => {
        const at = model.notebookIndex(index);
        if (at < 0) {
          return;
        }
        const notebook = model.panel.content;
        app.shell.activateById(model.panel.id);
        notebook.deselectAll();
        notebook.activeCellIndex = at;
        notebook.mode = 'command';
        void notebook.scrollToCell(notebook.widgets[at], 'center');
      }
    });
    panel.model = runs.current;
    runs.currentChanged.connect((_, model) => {
      panel.model = model;
    });
    app.shell.add(panel, 'right', { rank: 600 });
    restorer?.add(panel, 'jupyterlab-modernizer:panel');
  }
};
