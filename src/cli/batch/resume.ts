/**
 * What an earlier run with the same OUTDIR left: a notebook is finished when
 * its report exists (written to a temporary file and renamed, so a report is
 * never half-written); a crash note or nothing means it runs again.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { IReport } from '../../core/run/report';
import type { INotebookInput } from '../report/summary';
import { crashPath, notebookLinks, reportPath, toLink } from './layout';

/** What a finished notebook's report file holds when it has no engine report. */
export interface IBatchError {
  reportVersion: number;
  notebook: string;
  batchError: { verdict: 'bad-input'; reason: string };
}

/** The finished notebook's summary input, or undefined when it is not finished. */
export function readFinished(out: string, rel: string): INotebookInput | undefined {
  const file = reportPath(out, rel);
  let data: IReport | IBatchError;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if ('batchError' in data) {
    return { path: rel, missing: data.batchError, reportLink: toLink(out, file) };
  }
  if (!Array.isArray((data as IReport).cells)) {
    return undefined;
  }
  return { path: rel, report: data as IReport, ...notebookLinks(out, rel) };
}

/** A notebook without a report: crashed in an earlier run, or not run yet. */
export function unfinishedInput(out: string, rel: string): INotebookInput {
  try {
    const crash = JSON.parse(fs.readFileSync(crashPath(out, rel), 'utf8'));
    return { path: rel, missing: { verdict: 'crashed', reason: crash.reason }, wallMs: crash.wallMs };
  } catch {
    return { path: rel, missing: { verdict: 'not-run', reason: 'not run yet' } };
  }
}

/** A temporary name beside `file`, unique in this process; renamed over `file` once written. */
export function temporaryPath(file: string): string {
  return `${file}.tmp-${process.pid}-${++Private.temporaries}`;
}

export function writeAtomic(file: string, text: string): void {
  const temporary = temporaryPath(file);
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

/** Temporary files a stopped run left in `dir`. */
export function removeStaleTemporaries(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    if (/\.tmp-\d+-\d+$/.test(name)) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

namespace Private {
  export let temporaries = 0;
}
