import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { RunStatus } from '../status';
import { IModernizerRuns } from '../tokens';

/**
 * A status bar item with the run's progress while it goes.
 */
export const statusPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-modernizer:status',
  description: "Shows the Modernize run's progress in the status bar.",
  autoStart: true,
  requires: [IModernizerRuns],
  optional: [IStatusBar, ITranslator],
  activate: (
    _app: JupyterFrontEnd,
    runs: IModernizerRuns,
    statusBar: IStatusBar | null,
    translator: ITranslator | null
  ): void => {
    if (!statusBar) {
      return;
    }
    const trans = (translator ?? nullTranslator).load('jupyterlab_modernizer');
    const item = new RunStatus({ runs, trans });
    statusBar.registerStatusItem('jupyterlab-modernizer:status', {
      item,
      align: 'left',
      rank: 5,
      isActive: () => item.isActive,
      activeStateChanged: item.activeStateChanged
    });
  }
};
