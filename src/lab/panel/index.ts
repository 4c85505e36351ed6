export { ModernizerPanel } from './panel';
