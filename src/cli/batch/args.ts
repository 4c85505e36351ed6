/**
 * The `batch` command's arguments.
 */
import { parseArgs } from 'util';
import { RUN_FLAGS, RUN_FLAGS_USAGE, UsageError, parseFlags, readRunFlags } from '../flags';
import type { IRunFlags } from '../flags';
import type { IPoolRun } from '../servers/pool';
import type { IBatchNotebook } from '../report/summary';

export const BATCH_USAGE = `Usage: jupyter-modernize batch DIR --out OUTDIR [options]

Modernizes every .ipynb under DIR (not checkpoints, not *.modernized.ipynb), each in a
scratch copy of its folder under OUTDIR; writes OUTDIR/summary.json, summary.md, report.html.
Run again with the same OUTDIR to skip finished notebooks and redo the rest.

Options:
  --out OUTDIR             where copies, reports and the summary go (required)
  --jobs N                 kernels at a time on each server (default: 1)
${RUN_FLAGS_USAGE}
  --server-root PATH       the --server's root folder as seen here, when it shares this
                           file system (kernels then start in each scratch folder)`;

export interface IBatchOptions extends IRunFlags {
  dir: string;
  out: string;
  jobs: number;
  serverRoot?: string;
  /** Where progress goes; silent when undefined. */
  progress?: NodeJS.WritableStream;
  /** Stops the batch: running notebooks are abandoned (not finished) and the summary written. */
  signal?: AbortSignal;
  /** Called when a notebook ends, finished or not. */
  onNotebook?: (entry: IBatchNotebook) => void;
  /** Called with which server ran what, and what was retried, when the notebooks are done. */
  onSpread?: (spread: IPoolRun<string>) => void;
}

export function parseBatchArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): IBatchOptions {
  const { values, positionals } = parseFlags(
    argv,
    { ...RUN_FLAGS, out: { type: 'string' }, jobs: { type: 'string', default: '1' }, 'server-root': { type: 'string' } },
    parseArgs as never
  );
  if (values.help) {
    throw new UsageError(BATCH_USAGE);
  }
  if (positionals.length !== 1) {
    throw new UsageError('batch takes exactly one DIR.');
  }
  if (!values.out) {
    throw new UsageError('batch needs --out OUTDIR.');
  }
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new UsageError(`--jobs must be a whole number of at least 1 (got ${values.jobs}).`);
  }
  return {
    ...readRunFlags(values, env),
    dir: positionals[0],
    out: values.out as string,
    jobs,
    serverRoot: values['server-root'] as string | undefined
  };
}
