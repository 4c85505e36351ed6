export * from './types';
export * from './engine';
export * from './builders';
export { allRules } from './all';
