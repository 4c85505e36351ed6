import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { ModernizerAPI, requestAPI } from '../request';
import { SETTINGS_ID } from '../settings';

/**
 * Asks the server whether an LLM key is configured and logs the answer.
 */
export const relayStatusPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-modernizer:relay-status',
  description:
    'Asks the server extension whether an LLM API key is configured and logs the answer.',
  autoStart: true,
  optional: [ITranslator, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_modernizer');
    const serverSettings = app.serviceManager.serverSettings;

    const check = async (): Promise<void> => {
      if (settingRegistry) {
        const settings = await settingRegistry.load(SETTINGS_ID);
        if (settings.get('checkRelayOnStartup').composite === false) {
          return;
        }
      }
      const status = await requestAPI<ModernizerAPI.IRelayStatus>(
        'llm/status',
        serverSettings
      );
      if (status.has_key) {
        console.info(
          trans.__(
            'Modernizer: the server relays LLM requests to %1 (model: %2).',
            status.base_url,
            status.model ?? trans.__('not set')
          )
        );
      } else {
        console.info(
          trans.__(
            'Modernizer: no LLM API key on the server; rules only. Set OPENAI_API_KEY where Jupyter runs to enable the LLM.'
          )
        );
      }
    };

    // Not awaited: activation must not wait on the network.
    check().catch(reason => {
      console.error(
        trans.__('Modernizer: the server extension did not answer: %1', String(reason))
      );
    });
  }
};
