import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import {
  panelPlugin,
  reviewPlugin,
  runPlugin,
  runsPlugin,
  settingsPlugin,
  statusPlugin
} from './lab/plugins';
import { relayStatusPlugin } from './relaystatus';
import { inlineSuggestionsPlugin } from './lab/inline';
import { historyPlugin, revertPlugin } from './lab/history';

export { ModernizerAPI, requestAPI } from './request';
export { relayStatusPlugin, SETTINGS_ID } from './relaystatus';
export { IModernizerConfig, IModernizerRuns } from './lab/tokens';
export { ModernizerSettings } from './lab/settings';
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
