import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { relayStatusPlugin } from './relaystatus';

export { ModernizerAPI, requestAPI } from './request';
export { relayStatusPlugin, SETTINGS_ID } from './relaystatus';

/**
 * The plugins of the extension.
 */
const plugins: JupyterFrontEndPlugin<any>[] = [relayStatusPlugin];

export default plugins;
