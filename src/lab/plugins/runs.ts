import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ModernizerRuns } from '../runs';
import { IModernizerConfig, IModernizerRuns } from '../tokens';

/**
 * One Modernize run model per notebook, following the current notebook.
 */
export const runsPlugin: JupyterFrontEndPlugin<IModernizerRuns> = {
  id: 'jupyterlab-modernizer:runs',
  description: 'Keeps one Modernize run model per notebook panel and knows the current one.',
  autoStart: true,
  provides: IModernizerRuns,
  requires: [INotebookTracker, IModernizerConfig],
  activate: (app: JupyterFrontEnd, tracker: INotebookTracker, config: IModernizerConfig): IModernizerRuns => {
    return new ModernizerRuns({
      tracker,
      contents: app.serviceManager.contents,
      serverSettings: app.serviceManager.serverSettings,
      serverRoot: PageConfig.getOption('serverRoot') || undefined,
      settings: () => config.settings
    });
  }
};
