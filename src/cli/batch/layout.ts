/**
 * Where a batch puts things under OUTDIR:
 *
 *   work/<slug>/          the notebook's scratch copy, with NAME.modernized.ipynb beside it
 *   reports/<slug>.json   its report (a notebook is finished when this exists)
 *   reports/<slug>.error.json  why its last run crashed (retried on the next run)
 *   summary.json, summary.md, report.html
 *   llm-cache/            with --llm: the model's answers by model and prompt hash
 *                         (reused at no cost; never the key)
 */
import * as fs from 'fs';
import * as path from 'path';
import type { INotebookInput } from '../report/summary';

/** The name of a notebook's scratch folder and report: its relative path, flattened. */
export function slugOf(relative: string): string {
  return relative.replace(/\.ipynb$/i, '').split('/').join('__');
}

export function scratchFolder(out: string, rel: string): string {
  return path.join(out, 'work', slugOf(rel));
}

export function scratchNotebook(out: string, rel: string): string {
  return path.join(scratchFolder(out, rel), ...rel.split('/'));
}

export function reportPath(out: string, rel: string): string {
  return path.join(out, 'reports', slugOf(rel) + '.json');
}

export function crashPath(out: string, rel: string): string {
  return path.join(out, 'reports', slugOf(rel) + '.error.json');
}

/** A file under OUTDIR as the summary links it: relative, `/`-separated. */
export function toLink(out: string, file: string): string {
  return path.relative(out, file).split(path.sep).join('/');
}

/** The summary's links to a notebook's modernized copy (when written) and report. */
export function notebookLinks(out: string, rel: string): Pick<INotebookInput, 'modernized' | 'reportLink'> {
  const modernized = scratchNotebook(out, rel).replace(/\.ipynb$/i, '.modernized.ipynb');
  return {
    modernized: fs.existsSync(modernized) ? toLink(out, modernized) : undefined,
    reportLink: toLink(out, reportPath(out, rel))
  };
}
