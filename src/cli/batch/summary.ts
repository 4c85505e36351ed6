/**
 * The batch's summary files (summary.json, summary.md, report.html), written
 * again after every notebook so that a stopped batch still has them.
 */
import * as path from 'path';
import { allRules } from '../../core/rules/all';
import { renderHtml } from '../report/html';
import { renderMarkdown } from '../report/markdown';
import { buildSummary } from '../report/summary';
import type { IBatchNotebook, IBatchSummary } from '../report/summary';
import { readFinished, writeAtomic } from './resume';

export interface ISummaryOptions {
  input: string;
  output: string;
  accept: IBatchSummary['accept'];
  jobs: number;
  /** All the batch's notebooks, finished or not. */
  notebooks: string[];
}

export function writeSummary(entries: IBatchNotebook[], options: ISummaryOptions): IBatchSummary {
  const out = options.output;
  const summary = buildSummary(entries, {
    generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    input: options.input,
    output: out,
    accept: options.accept,
    jobs: options.jobs,
    environment: Private.environment(out, options.notebooks)
  });
  writeAtomic(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  writeAtomic(path.join(out, 'summary.md'), renderMarkdown(summary));
  writeAtomic(path.join(out, 'report.html'), renderHtml(summary));
  return summary;
}

/** Rule id -> library, from the rules' facts. */
export function libraryIndex(): (id: string) => string | undefined {
  const map = new Map(allRules.map(rule => [rule.id, rule.fact.library]));
  return id => map.get(id);
}

namespace Private {
  const SHOWN_PACKAGES = ['pandas', 'numpy', 'scikit-learn', 'scipy', 'matplotlib', 'seaborn', 'xgboost', 'lightgbm'];

  /** The environment of the first finished notebook's report. */
  export function environment(out: string, notebooks: string[]): IBatchSummary['environment'] {
    for (const rel of notebooks) {
      const finished = readFinished(out, rel);
      const env = finished?.report?.environment;
      if (env) {
        const packages: Record<string, string> = {};
        for (const name of SHOWN_PACKAGES) {
          if (env.packages[name]) {
            packages[name] = env.packages[name];
          }
        }
        return { python: env.python, packages };
      }
    }
    return undefined;
  }
}
