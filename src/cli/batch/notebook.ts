/**
 * One notebook of a batch: run in its scratch copy, its report recorded
 * under OUTDIR, a crash noted for the next run.
 */
import * as fs from 'fs';
import { NotebookError } from '../../core/notebook/format';
import { runFlagsOf } from '../flags';
import { notebookEntry } from '../report/summary';
import type { IBatchNotebook } from '../report/summary';
import { runNotebook } from '../run';
import type { IJupyterServer } from '../server';
import type { IBatchOptions } from './args';
import { scratchCopy } from './copy';
import { crashPath, notebookLinks, reportPath, scratchFolder, toLink } from './layout';
import { temporaryPath, writeAtomic } from './resume';
import type { IBatchError } from './resume';

export interface IRunContext extends Omit<IBatchOptions, 'server'> {
  work: string;
  reports: string;
  withNotebooks: Set<string>;
  server: IJupyterServer;
}

/**
 * Run one notebook. Returns its entry, or undefined when the batch was
 * stopped while it ran (then it is not finished and leaves no report).
 */
export async function runOne(rel: string, context: IRunContext, libraryOf: (id: string) => string | undefined): Promise<IBatchNotebook | undefined> {
  const started = Date.now();
  const finalReport = reportPath(context.out, rel);
  const temporary = temporaryPath(finalReport);
  try {
    const notebook = scratchCopy(context.dir, context.out, rel, context.withNotebooks);
    // Every run flag applies as given; the notebook budget is the runner's (it says 'over-budget').
    const report = await runNotebook(
      { ...runFlagsOf(context), notebook, report: temporary, signal: context.signal },
      { server: context.server, stageRoot: scratchFolder(context.out, rel) }
    );
    if (context.signal?.aborted) {
      fs.rmSync(temporary, { force: true });
      return undefined;
    }
    fs.renameSync(temporary, finalReport);
    fs.rmSync(crashPath(context.out, rel), { force: true });
    return notebookEntry(
      { path: rel, report, budgetExceeded: report.failedConditions.includes('over-budget'), wallMs: Date.now() - started, ...notebookLinks(context.out, rel) },
      libraryOf
    );
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    if (context.signal?.aborted) {
      return undefined;
    }
    const reason = (error as Error).message.split('\n')[0];
    if (error instanceof NotebookError) {
      // Bad input stays bad: finished, with the reason as its report.
      const record: IBatchError = { reportVersion: 1, notebook: rel, batchError: { verdict: 'bad-input', reason } };
      writeAtomic(finalReport, JSON.stringify(record, null, 2) + '\n');
      return notebookEntry({ path: rel, missing: record.batchError, reportLink: toLink(context.out, finalReport) });
    }
    // Anything else (the server went away, a kernel would not start) is retried on the next run.
    writeAtomic(crashPath(context.out, rel), JSON.stringify({ notebook: rel, reason, wallMs: Date.now() - started }, null, 2) + '\n');
    return notebookEntry({ path: rel, missing: { verdict: 'crashed', reason }, wallMs: Date.now() - started });
  }
}
