/**
 * The inline-suggestions plugin: wires InlineSuggestions to the notebooks and
 * to the `inlineSuggestions` setting.
 */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { allFamilies, allRules } from '../../core/rules/all';
import { RuleEngine } from '../../core/rules/engine';
import { SETTINGS_ID } from '../settings';
import { InlineSuggestions } from './manager';

export const inlineSuggestionsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-modernizer:inline-suggestions',
  description:
    'Shows a one-line rule fix (Review · Apply) under any code cell that fails, also outside a Modernize run.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ITranslator, ISettingRegistry, IEditorLanguageRegistry],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null,
    languages: IEditorLanguageRegistry | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_modernizer');
    const suggestions = new InlineSuggestions({
      shell: app.shell,
      tracker,
      rules: new RuleEngine(allRules, allFamilies),
      translator: translator ?? nullTranslator,
      trans,
      languages
    });
    if (settingRegistry) {
      // Not awaited: activation does not wait for the settings.
      void settingRegistry
        .load(SETTINGS_ID)
        .then(settings => {
          const apply = () => {
            suggestions.enabled = settings.get('inlineSuggestions').composite !== false;
          };
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason => {
          console.error(trans.__('Modernizer: could not read the settings: %1', String(reason)));
        });
    }
  }
};
