/**
 * Score comparison: the numbers a cell's stored outputs show (printed
 * metrics, arrays, tables) paired with the numbers the same cell shows now,
 * the equivalences that make different text the same result, the run-to-run
 * spread of unseeded cells, and the verdicts made from them.
 */
export * from './types';
export * from './parse';
export * from './tables';
export * from './equivalences';
export * from './pairing';
export * from './randomness';
export * from './verdicts';
export * from './cell';
export * from './highlight';
