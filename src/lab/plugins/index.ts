export { settingsPlugin } from './settings';
export { runsPlugin } from './runs';
export { runPlugin } from './run';
export { panelPlugin, PANEL_ID } from './panel';
export { reviewPlugin } from './review';
export { statusPlugin } from './status';
export { relayStatusPlugin } from './relaystatus';
