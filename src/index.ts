import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { relayStatusPlugin } from './relaystatus';
import { inlineSuggestionsPlugin } from './lab/inline';
import { historyPlugin, revertPlugin } from './lab/history';

export { ModernizerAPI, requestAPI } from './request';
export { relayStatusPlugin, SETTINGS_ID } from './relaystatus';

/**
 * The plugins of the extension.
 */
const plugins: JupyterFrontEndPlugin<any>[] = [
  relayStatusPlugin,
  inlineSuggestionsPlugin,
  historyPlugin,
  revertPlugin
];

export default plugins;
