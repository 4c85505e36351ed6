/**
 * Notebooks per hour of `jupyter-modernize batch` on the corpus with --jobs 1
 * and --jobs 2 (one after the other, same notebooks, fresh OUTDIR each), the
 * CLI process's peak memory in each, and the rule engine's time per failing
 * cell from the per-notebook reports.
 *
 *   npm run bench:throughput [-- ID_SUBSTRING ...] [--jobs 1,2] [--cell-timeout S] [--notebook-timeout S]
 *   npm run bench:throughput -- --gateways 1,2 [ID_SUBSTRING ...]
 *
 * With --gateways, each figure is a batch over that many Jupyter Enterprise
 * Gateways started here (`make gateway-venv`), one kernel each, the notebooks
 * spread over them the way `batch --server URL --token T ...` does.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IBatchSummary } from '../src/cli/report';
import type { IReport } from '../src/core/run/report';
import { projectKernelPath, startGateway } from '../test/helpers/gateway';
import type { ITestGateway } from '../test/helpers/gateway';
import { CORPUS, corpusEntries, finish, percentile, REPO, takeFlag, writableCopy } from './common';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jobs = takeFlag(args, '--jobs', '1,2').split(',').map(Number);
  const gatewayCounts = takeFlag(args, '--gateways', '').split(',').filter(Boolean).map(Number);
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
  const viaGateways = gatewayCounts.length > 0;
  const lines = [`| ${viaGateways ? 'gateways' : '--jobs'} | wall | notebooks/hour | CLI peak RSS | outcomes |`, '|---:|---:|---:|---:|---|'];
  const engineMs: number[] = [];
  const kernelPath = viaGateways ? projectKernelPath() : '';
  for (const n of viaGateways ? gatewayCounts : jobs) {
    const label = viaGateways ? `gateways${n}` : `jobs${n}`;
    const out = path.join(root, `out-${label}`);
    const rssFile = path.join(root, `rss-${label}.json`);
    const gateways: ITestGateway[] = viaGateways ? await Promise.all(Array.from({ length: n }, () => startGateway(kernelPath))) : [];
    const servers = gateways.flatMap(gateway => ['--server', gateway.url, '--token', gateway.token]);
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
        viaGateways ? '1' : String(n),
        ...servers,
        '--cell-timeout',
        cellTimeout,
        '--notebook-timeout',
        notebookTimeout
      ],
      { env: { ...process.env, BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'inherit'] }
    );
    const wallSeconds = (Date.now() - started) / 1000;
    await Promise.all(gateways.map(gateway => gateway.kill()));
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
    process.stderr.write(`${label}: ${wallSeconds.toFixed(0)} s; report ${path.join(out, 'report.html')}\n`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');
  process.stdout.write(
    engineMs.length === 0
      ? 'rule engine time per failing cell: no cell failed\n'
      : `rule engine time per failing cell (diagnose + propose), ${engineMs.length} failures: ` +
          `median ${percentile(engineMs, 50).toFixed(1)} ms, p95 ${percentile(engineMs, 95).toFixed(1)} ms, max ${Math.max(...engineMs).toFixed(1)} ms\n`
  );
}

finish(main());
