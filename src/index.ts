import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import {
  panelPlugin,
  relayStatusPlugin,
  reviewPlugin,
  runPlugin,
  runsPlugin,
  settingsPlugin,
  statusPlugin
} from './lab/plugins';
import { inlineSuggestionsPlugin } from './lab/inline';
import { historyPlugin, revertPlugin } from './lab/history';

export { ModernizerAPI, requestAPI } from './lab/request';
export { relayStatusPlugin } from './lab/plugins';
export { IModernizerConfig, IModernizerRuns } from './lab/tokens';
export { ModernizerSettings, SETTINGS_ID } from './lab/settings';
export type { IModernizerSettings } from './lab/settings';

/**
 * The plugins of the extension, one per line.
 */
const plugins: JupyterFrontEndPlugin<any>[] = [
  settingsPlugin,
  relayStatusPlugin,
  runsPlugin,
  runPlugin,
  panelPlugin,
  reviewPlugin,
  statusPlugin,
  inlineSuggestionsPlugin,
  historyPlugin,
  revertPlugin
];

export default plugins;
