/** Running code in a kernel: the session that executes cells, what a cell did, the environment probe. */
export * from './ansi';
export * from './probe';
export * from './session';
export * from './types';
