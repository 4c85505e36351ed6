/**
 * jupyter-modernize batch: every notebook under a folder, N kernels at a
 * time on one or more Jupyter servers, each in a scratch copy of its folder
 * under the output folder (the originals are never touched), and a batch report.
 *
 *   jupyter-modernize batch DIR --out OUTDIR [--jobs N] [--accept rules|none|all]
 *     [--cell-timeout S] [--notebook-timeout S] [--data-dir DIR]
 *     [--server URL --token T [--server-root PATH]]
 */
export { BATCH_USAGE, parseBatchArgs } from './args';
export type { IBatchOptions } from './args';
export { batchMain } from './command';
export { findNotebooks } from './discovery';
export { slugOf } from './layout';
export { BatchProgress } from './progress';
export { runBatch } from './run';
export type { IBatchResult } from './run';
