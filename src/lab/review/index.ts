export { ReviewWidget } from './widget';
