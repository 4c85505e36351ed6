/**
 * The run: the `Modernizer` and what it reports. The steps it calls
 * (execute, repair, calibrate, ...) are internal to this folder.
 */
export * from './types';
export * from './modernizer';
