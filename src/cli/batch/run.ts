/**
 * A batch's schedule: which notebooks are finished already, which run, N
 * kernels at a time on each server, and the summary after each of them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NotebookError } from '../../core/notebook/format';
import type { IJupyterServer } from '../server';
import { ServerPool } from '../servers/pool';
import { notebookEntry } from '../report/summary';
import type { IBatchNotebook, IBatchSummary } from '../report/summary';
import type { IBatchOptions } from './args';
import { findNotebooks } from './discovery';
import { runOne } from './notebook';
import { BatchProgress } from './progress';
import { readFinished, removeStaleTemporaries, unfinishedInput } from './resume';
import { openServers } from './servers';
import { libraryIndex, writeSummary } from './summary';

export interface IBatchResult {
  summary: IBatchSummary;
  /** Relative paths run to the end in this call. */
  ran: string[];
  /** Finished in an earlier call with the same OUTDIR. */
  skipped: string[];
  /** Not finished: interrupted, crashed or never started. */
  unfinished: string[];
  aborted: boolean;
}

/**
 * Modernize every notebook under `options.dir`, each in a scratch copy under
 * OUTDIR (layout.ts says where what goes). Run again with the same OUTDIR, it
 * skips the finished notebooks and redoes the others from a fresh copy.
 */
export async function runBatch(options: IBatchOptions): Promise<IBatchResult> {
  const onSpread = options.onSpread;
  const dir = path.resolve(options.dir);
  const out = path.resolve(options.out);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new NotebookError(`${options.dir} is not a folder.`);
  }
  if (dir === out || dir.startsWith(out + path.sep)) {
    throw new NotebookError('--out must not be the input folder nor contain it.');
  }
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  if (dataDir && !fs.existsSync(dataDir)) {
    throw new NotebookError(`--data-dir ${options.dataDir} does not exist.`);
  }
  const work = path.join(out, 'work');
  const reports = path.join(out, 'reports');
  fs.mkdirSync(work, { recursive: true });
  fs.mkdirSync(reports, { recursive: true });
  removeStaleTemporaries(reports);

  // The same failure in the same code is answered once per batch, and again at no cost when it is run again.
  const llm =
    options.llm && !options.llm.cacheDir && !options.llm.cacheOff ? { ...options.llm, cacheDir: path.join(out, 'llm-cache') } : options.llm;

  const notebooks = findNotebooks(dir, out);
  const withNotebooks = new Set(notebooks.filter(rel => rel.includes('/')).map(rel => rel.split('/')[0]));
  const entries = new Map<string, IBatchNotebook>();
  const libraryOf = libraryIndex();
  const pending: string[] = [];
  const skipped: string[] = [];
  for (const rel of notebooks) {
    const finished = readFinished(out, rel);
    if (finished) {
      entries.set(rel, notebookEntry(finished, libraryOf));
      skipped.push(rel);
    } else {
      entries.set(rel, notebookEntry(unfinishedInput(out, rel), libraryOf));
      pending.push(rel);
    }
  }

  const started = new Date();
  const summaryOptions = { input: dir, output: out, accept: options.accept, jobs: options.jobs, notebooks };

  const progress = options.progress
    ? new BatchProgress(options.progress, { total: notebooks.length, finishedBefore: skipped.length, jobs: options.jobs * Math.max(1, options.servers?.length ?? 0) })
    : undefined;
  const ran: string[] = [];
  let servers: IJupyterServer[] = [];
  try {
    if (pending.length > 0 && !options.signal?.aborted) {
      servers = await openServers(options, work);
    }
    // N kernels on each server; a notebook whose server goes away is run again on another.
    const pool = new ServerPool({ servers, jobsPerServer: options.jobs });
    const spread = await pool.run(
      pending,
      async (rel, server, signal) => {
        progress?.started(rel);
        const entry = await runOne(rel, { ...options, llm, dir, out, work, reports, withNotebooks, server, signal }, libraryOf);
        if (entry && !signal.aborted) {
          entries.set(rel, entry);
          if (entry.verdict !== 'crashed') {
            ran.push(rel);
          }
          writeSummary([...entries.values()], summaryOptions);
        }
        progress?.ended(rel, signal.aborted ? undefined : entry);
        if (entry && !signal.aborted) {
          options.onNotebook?.(entry);
        }
        return server.url;
      },
      options.signal
    );
    onSpread?.(spread);
    for (const url of spread.lost) {
      options.progress?.write(`server ${url} went away: its notebooks were run on the others\n`);
    }
  } finally {
    await Promise.all(servers.map(server => server.stop()));
    progress?.close();
  }
  const summary = writeSummary([...entries.values()], summaryOptions);
  const aborted = options.signal?.aborted === true;
  const unfinished = notebooks.filter(rel => !ran.includes(rel) && !skipped.includes(rel));
  progress?.done(summary, Date.now() - started.getTime(), unfinished.length, aborted, out);
  return { summary, ran, skipped, unfinished, aborted };
}
