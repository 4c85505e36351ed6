export * from './types';
export * from './engine';
export * from './builders';
export { allFamilies, allRules } from './all';
