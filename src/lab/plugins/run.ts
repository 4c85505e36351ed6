import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Dialog, ICommandPalette, Notification, showDialog } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookActions } from '@jupyterlab/notebook';
import type { NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { CommandIDs } from '../commands';
import { modernizeIcon } from '../icons';
import { PANEL_ID } from './panel';
import { IModernizerConfig, IModernizerRuns } from '../tokens';

/**
 * The Modernize command (toolbar button, palette, shortcut) and the run's
 * controls: pause, resume, stop, save the report and the modernized copy.
 */
export const runPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-modernizer:run',
  description: 'Adds the Modernize command and the commands that control and save a run.',
  autoStart: true,
  requires: [INotebookTracker, IModernizerRuns, IModernizerConfig],
  optional: [ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    runs: IModernizerRuns,
    config: IModernizerConfig,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_modernizer');
    const { commands, shell } = app;
    const category = trans.__('Notebook Modernizer');
    const noArgs = { args: { type: 'object', properties: {} } } as const;

    const panelOf = (): NotebookPanel | null => tracker.currentWidget;
    const modelOf = () => {
      const panel = panelOf();
      return panel ? runs.modelFor(panel) : null;
    };

    // The run and the user share the kernel: a cell the user runs meanwhile is queued between
    // the run's cells (never interrupted by it), and the user is told so once per run.
    const warned = new WeakSet<object>();
    NotebookActions.executionScheduled.connect((_, { notebook }) => {
      const panel = tracker.find(widget => widget.content === notebook);
      const model = panel ? runs.modelFor(panel) : null;
      if (!model?.running || warned.has(model.runToken)) {
        return;
      }
      warned.add(model.runToken);
      Notification.warning(
        trans.__(
          "Modernize is running in this notebook's kernel: the cell you ran waits for the run's current cell and shares its variables. The run never interrupts it; stop the run to work on your own."
        ),
        { autoClose: 10000 }
      );
    });

    commands.addCommand(CommandIDs.run, {
      label: trans.__('Modernize'),
      caption: trans.__(
        'Run the notebook top to bottom in its kernel, diagnose what fails and review the proposed fixes cell by cell'
      ),
      icon: modernizeIcon,
      describedBy: noArgs,
      isEnabled: () => {
        const model = modelOf();
        return model !== null && !model.running;
      },
      execute: async () => {
        const panel = panelOf();
        const model = modelOf();
        if (!panel || !model || model.running) {
          return;
        }
        let restart = false;
        if (config.settings.restartBeforeRun) {
          const name = panel.context.localPath.split('/').pop() ?? '';
          const result = await showDialog({
            title: trans.__('Restart the kernel and modernize %1?', name),
            body: trans.__(
              'The kernel restarts, so that the notebook runs from a clean state, top to bottom. Its variables are lost. Each fix waits for your review before it changes a cell.'
            ),
            buttons: [
              Dialog.cancelButton({ label: trans.__('Cancel') }),
              Dialog.okButton({ label: trans.__('Restart and modernize') })
            ]
          });
          if (!result.button.accept) {
            return;
          }
          restart = true;
        }
        shell.activateById(PANEL_ID);
        await model.start({ restart });
      }
    });

    commands.addCommand(CommandIDs.pause, {
      label: () => (modelOf()?.paused ? trans.__('Resume the Modernize run') : trans.__('Pause the Modernize run')),
      caption: trans.__('Pause before the next cell, or go on'),
      describedBy: noArgs,
      isEnabled: () => modelOf()?.status === 'running',
      execute: () => {
        const model = modelOf();
        if (model?.paused) {
          model.resume();
        } else {
          model?.pause();
        }
      }
    });

    commands.addCommand(CommandIDs.stop, {
      label: trans.__('Stop the Modernize run'),
      caption: trans.__('Interrupt the running cell, reject the waiting fixes and skip the remaining cells'),
      describedBy: noArgs,
      isEnabled: () => modelOf()?.running ?? false,
      execute: () => modelOf()?.stop()
    });

    const save = async (what: 'report' | 'copy') => {
      const model = modelOf();
      if (!model) {
        return;
      }
      try {
        const path = what === 'report' ? await model.saveReport() : await model.saveCopy();
        Notification.success(
          what === 'report' ? trans.__('Report saved as %1', path) : trans.__('Modernized copy saved as %1', path),
          {
            autoClose: 5000,
            actions: [
              {
                label: trans.__('Open'),
                callback: () => void commands.execute('docmanager:open', { path })
              }
            ]
          }
        );
      } catch (error) {
        Notification.error(trans.__('Could not save: %1', (error as Error).message));
      }
    };

    commands.addCommand(CommandIDs.saveReport, {
      label: trans.__('Save the Modernize report (JSON)'),
      caption: trans.__('Save the report of the last run beside the notebook'),
      describedBy: noArgs,
      isEnabled: () => modelOf()?.report != null,
      execute: () => save('report')
    });

    commands.addCommand(CommandIDs.saveCopy, {
      label: trans.__('Save the modernized copy'),
      caption: trans.__('Save the modernized notebook as a new file beside the original, which is left as it is'),
      describedBy: noArgs,
      isEnabled: () => {
        const model = modelOf();
        return model !== null && model.report !== null && !model.running;
      },
      execute: () => save('copy')
    });

    // The buttons' enabled state follows the current notebook's run.
    const refresh = () => {
      commands.notifyCommandChanged(CommandIDs.run);
      commands.notifyCommandChanged(CommandIDs.pause);
      commands.notifyCommandChanged(CommandIDs.stop);
    };
    runs.added.connect((_, model) => model.changed.connect(refresh));
    runs.currentChanged.connect(refresh);

    if (palette) {
      for (const command of [CommandIDs.run, CommandIDs.pause, CommandIDs.stop, CommandIDs.saveReport, CommandIDs.saveCopy]) {
        palette.addItem({ command, category });
      }
    }
  }
};
