/**
 * Notebooks per hour of `jupyter-modernize batch` on the corpus with --jobs 1
 * and --jobs 2 (one after the other, same notebooks, fresh OUTDIR each), the
 * CLI process's peak memory in each, and the rule engine's time per failing
 * cell from the per-notebook reports.
 *
 *   npm run bench:throughput [-- ID_SUBSTRING ...] [--jobs 1,2] [--cell-timeout S] [--notebook-timeout S]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IBatchSummary } from '../src/cli/report';
import type { IReport } from '../src/core/run/report';
import { CORPUS, corpusEntries, finish, percentile, REPO, takeFlag, writableCopy } from './common';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jobs = takeFlag(args, '--jobs', '1,2').split(',').map(Number);
  const cellTimeout = takeFlag(args, '--cell-timeout', '120');
  const notebookTimeout = takeFlag(args, '--notebook-timeout', '600');
  const entries = corpusEntries(args);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'modernizer-throughput-'));
  // The batch input: the selected corpus folders side by side.
  const input = path.join(root, 'corpus');
  for (const entry of entries) {
    writableCopy(path.join(CORPUS, entry.id), path.join(input, entry.id));
  }
  process.stdout.write(
    `${entries.length} corpus notebooks${args.length ? ` (${args.join(', ')})` : ''}; --cell-timeout ${cellTimeout} --notebook-timeout ${notebookTimeout}; ${os.cpus().length} cores\n\n`
  );
  const lines = ['| --jobs | wall | notebooks/hour | CLI peak RSS | outcomes |', '|---:|---:|---:|---:|---|'];
  const engineMs: number[] = [];
  for (const n of jobs) {
    const out = path.join(root, `out-jobs${n}`);
    const rssFile = path.join(root, `rss-jobs${n}.json`);
    const started = Date.now();
    const child = spawnSync(
      process.execPath,
      [
        '--require',
        path.join(REPO, 'dist', 'bench', 'rss.js'),
        path.join(REPO, 'bin', 'jupyter-modernize.js'),
        'batch',
        input,
        '--out',
        out,
        '--jobs',
        String(n),
        '--cell-timeout',
        cellTimeout,
        '--notebook-timeout',
        notebookTimeout
      ],
      { env: { ...process.env, BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'inherit'] }
    );
    const wallSeconds = (Date.now() - started) / 1000;
    const rss = JSON.parse(fs.readFileSync(rssFile, 'utf8')).maxRSSKiB as number;
    const summary: IBatchSummary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    const outcomes = Object.entries(summary.totals.byOutcome)
      .filter(([, count]) => count > 0)
      .map(([outcome, count]) => `${outcome} ${count}`)
      .join(', ');
    lines.push(
      `| ${n} | ${(wallSeconds / 60).toFixed(1)} min | ${((entries.length / wallSeconds) * 3600).toFixed(1)} | ` +
        `${(rss / 1024).toFixed(0)} MiB | ${outcomes} (exit ${child.status}) |`
    );
    if (engineMs.length === 0) {
      for (const nb of summary.notebooks) {
        if (nb.report) {
          const report: IReport = JSON.parse(fs.readFileSync(path.join(out, nb.report), 'utf8'));
          engineMs.push(...(report.cells ?? []).flatMap(cell => cell.engineMs));
        }
      }
    }
    process.stderr.write(`--jobs ${n}: ${wallSeconds.toFixed(0)} s; report ${path.join(out, 'report.html')}\n`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');
  process.stdout.write(
    `rule engine time per failing cell (diagnose + propose), ${engineMs.length} failures: ` +
      `median ${percentile(engineMs, 50).toFixed(1)} ms, p95 ${percentile(engineMs, 95).toFixed(1)} ms, max ${Math.max(...engineMs).toFixed(1)} ms\n`
  );
}

finish(main());
