/**
 * The corpus table: every notebook of ../shared/corpus run twice from scratch
 * copies — diagnose only (the baseline) and with the offline rules — then the
 * final modernized notebook once more with nbclient, for the re-execution
 * ratio. Prints a Markdown table and the figures; asserts nothing.
 *
 *   npm run bench:corpus [-- ID_SUBSTRING ...] [--cell-timeout S]
 *   npm run bench:corpus -- --reports DIR   (the table again from a finished run's folder)
 *   npm run bench:corpus -- --resume DIR    (go on with a run that stopped: notebooks with both reports are kept)
 *   npm run bench:corpus -- --rules-only ...  (only the run with the rules: no baseline, no nbclient;
 *                                              the baseline columns repeat it)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runNotebook } from '../src/cli/run';
import { startJupyterServer } from '../src/cli/server';
import { runOutcome } from '../src/core/diagnosis/outcome';
import type { IReport } from '../src/core/run/report';
import { corpusEntries, finish, nbclientRun, percentile, scratchCopy, takeFlag } from './common';
import type { ICorpusEntry, INbclientRun } from './common';

interface IRow {
  id: string;
  baseline: IReport;
  rules: IReport;
  nbclient?: INbclientRun;
}

function remaining(report: IReport): string {
  const failing = report.cells.filter(cell => cell.status !== 'ok' && cell.status !== 'fixed');
  if (failing.length === 0) {
    return '';
  }
  const first = failing.find(cell => cell.diagnosis?.category !== 'consequence') ?? failing[0];
  const message = (first.diagnosis?.message ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 90);
  return `cell ${first.index + 1}: ${first.diagnosis?.category ?? first.status} — ${message}` +
    (failing.length > 1 ? ` (+${failing.length - 1} more)` : '');
}

/** Paired numbers, how many are off, whether a calibration was kept. */
function scores(report: IReport): string {
  const { numbersPaired, numbersOff } = report.summary;
  if (!numbersPaired) {
    return '—';
  }
  const calibrated = report.cells.some(cell => cell.patches.some(patch => patch.label === 'score' && patch.accepted));
  return `${numbersPaired} paired, ${numbersOff} off${calibrated ? ', calibrated' : ''}`;
}

/** Runtime fixes proposed (accepted). */
function runtimeFixes(report: IReport): string {
  const patches = report.cells.flatMap(cell => cell.patches.filter(patch => patch.label === 'runtime'));
  return patches.length ? `${patches.length} (${patches.filter(p => p.accepted).length})` : '—';
}

/** Where a run keeps the nbclient figures of a notebook, for --reports and --resume. */
function nbclientFile(root: string, entry: ICorpusEntry): string {
  return path.join(root, 'nbclient', `${entry.id}.json`);
}

/** The reports a finished run left: `<root>/<label>/<id>/**\/*.modernize.json`. */
function savedRows(root: string, selected: ICorpusEntry[]): IRow[] {
  const read = (label: string, entry: ICorpusEntry): IReport | undefined => {
    const report = path.join(root, label, entry.notebook).replace(/\.ipynb$/, '.modernize.json');
    return fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : undefined;
  };
  return selected.flatMap(entry => {
    const baseline = read('baseline', entry);
    const rules = read('rules', entry);
    const nbclient = fs.existsSync(nbclientFile(root, entry)) ? JSON.parse(fs.readFileSync(nbclientFile(root, entry), 'utf8')) : undefined;
    return baseline && rules ? [{ id: entry.id, baseline, rules, nbclient }] : [];
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const cellTimeoutSeconds = Number(takeFlag(args, '--cell-timeout', '600'));
  const saved = takeFlag(args, '--reports', '');
  const resume = takeFlag(args, '--resume', '');
  const rulesOnly = args.includes('--rules-only');
  args.splice(0, args.length, ...args.filter(arg => arg !== '--rules-only'));
  const selected: ICorpusEntry[] = corpusEntries(args);
  printFigures(saved ? savedRows(saved, selected) : await runAll(selected, cellTimeoutSeconds, rulesOnly, resume));
}

async function runAll(selected: ICorpusEntry[], cellTimeoutSeconds: number, rulesOnly = false, resume = ''): Promise<IRow[]> {
  const root = resume || fs.mkdtempSync(path.join(os.tmpdir(), 'modernizer-bench-'));
  process.stderr.write(`reports in ${root}\n`);
  const server = await startJupyterServer({ rootDir: root });
  const done = new Map(resume ? savedRows(root, selected).map(row => [row.id, row]) : []);
  const rows: IRow[] = [];
  try {
    for (const entry of selected) {
      const kept = done.get(entry.id);
      if (kept) {
        rows.push(kept);
        continue;
      }
      process.stderr.write(`${entry.id}…\n`);
      try {
        rows.push(await runEntry(entry, root, server, cellTimeoutSeconds, rulesOnly));
      } catch (error) {
        // One notebook the bench could not run (a kernel that would not start) is reported, not the end of the table.
        process.stderr.write(`  ${entry.id} not measured: ${(error as Error).message.split('\n')[0]}\n`);
      }
    }
  } finally {
    await server.stop();
  }
  return rows;
}

async function runEntry(
  entry: ICorpusEntry,
  root: string,
  server: Awaited<ReturnType<typeof startJupyterServer>>,
  cellTimeoutSeconds: number,
  rulesOnly: boolean
): Promise<IRow> {
  const rulesInput = scratchCopy(entry, root, 'rules');
  const rules = await runNotebook({ notebook: rulesInput, accept: 'rules', cellTimeoutSeconds }, { server });
  if (rulesOnly) {
    return { id: entry.id, baseline: rules, rules };
  }
  const baseline = await runNotebook(
    { notebook: scratchCopy(entry, root, 'baseline'), accept: 'none', cellTimeoutSeconds },
    { server }
  );
  let nbclient: IRow['nbclient'];
  try {
    // One plain run of the final notebook, in a fresh copy of the folder.
    const fresh = scratchCopy(entry, root, 'nbclient');
    const finalCopy = fresh.replace(/\.ipynb$/, '.final.ipynb');
    fs.copyFileSync(rules.output!, finalCopy);
    for (const file of rules.files) {
      fs.copyFileSync(file.path, file.path.replace(path.join(root, 'rules'), path.join(root, 'nbclient')));
    }
    nbclient = nbclientRun(finalCopy, path.dirname(finalCopy), cellTimeoutSeconds);
    fs.writeFileSync(nbclientFile(root, entry), JSON.stringify(nbclient));
  } catch (error) {
    process.stderr.write(`  nbclient run failed: ${(error as Error).message.split('\n')[0]}\n`);
  }
  return { id: entry.id, baseline, rules, nbclient };
}

/**
 * Failures split into root causes and consequences, diagnose-only and after
 * the rules; and what became of the diagnose-only consequences once the
 * rules fixed (or did not fix) their cause.
 */
function printRootCauses(rows: IRow[]): void {
  const split = (report: IReport) => {
    const { counts } = runOutcome(report.cells, report.failedConditions ?? []);
    return counts;
  };
  const sum = (key: 'baseline' | 'rules', field: 'rootCauses' | 'consequences' | 'expected') =>
    rows.reduce((total, row) => total + split(row[key])[field], 0);
  // With --rules-only there is no diagnose-only run to compare with.
  const rulesOnly = rows.every(row => row.baseline === row.rules);
  for (const key of rulesOnly ? (['rules'] as const) : (['baseline', 'rules'] as const)) {
    process.stdout.write(
      `failing cells, ${key === 'baseline' ? 'diagnose only (--accept none)' : 'after rules (--accept rules)'}: ` +
        `${sum(key, 'rootCauses')} root causes, ${sum(key, 'consequences')} consequences, ${sum(key, 'expected')} author's own errors\n`
    );
  }
  if (rulesOnly) {
    return;
  }
  let gone = 0;
  let causeFixedStillFailing = 0;
  let causeNotFixed = 0;
  const ok = (status?: string) => status === 'ok' || status === 'fixed';
  for (const row of rows) {
    const after = new Map(row.rules.cells.map(cell => [cell.index, cell]));
    for (const cell of row.baseline.cells) {
      const cause = cell.diagnosis?.category === 'consequence' ? cell.diagnosis.consequenceOf : undefined;
      if (cause === undefined || ok(cell.status)) {
        continue;
      }
      if (!ok(after.get(cause)?.status)) {
        causeNotFixed++;
      } else if (ok(after.get(cell.index)?.status)) {
        gone++;
      } else {
        causeFixedStillFailing++;
      }
    }
  }
  process.stdout.write(
    `diagnose-only consequences: ${gone} disappeared once the rules fixed their cause, ` +
      `${causeFixedStillFailing} still failed after their cause was fixed (failures of their own), ${causeNotFixed} whose cause the rules did not fix\n`
  );
}

function printFigures(rows: IRow[]): void {
  const lines = [
    '| notebook | code cells | baseline | after rules | fixes applied | numbers (after rules) | runtime fixes | remaining failure |',
    '|---|---|---|---|---|---|---|---|'
  ];
  for (const row of rows) {
    const fixes = [...new Set(row.rules.cells.flatMap(cell => cell.patches.filter(p => p.accepted).flatMap(p => p.ruleIds.length ? p.ruleIds : [p.origin.replace(/^rule:/, '')]))), ...row.rules.files.flatMap(f => f.patches.filter(p => p.accepted).flatMap(p => p.ruleIds))];
    lines.push(
      `| ${row.id} | ${row.rules.summary.codeCells} | ${row.baseline.verdict} (${row.baseline.summary.failing} failing) | ` +
        `${row.rules.verdict} (${row.rules.summary.failing} failing) | ${[...new Set(fixes)].join(', ') || '—'} | ` +
        `${scores(row.rules)} | ${runtimeFixes(row.rules)} | ${remaining(row.rules) || '—'} |`
    );
  }
  process.stdout.write(lines.join('\n') + '\n\n');

  const engine = rows.flatMap(row => row.rules.cells.flatMap(cell => cell.engineMs));
  process.stdout.write(
    `rule engine time per failing cell (diagnose + propose), ${engine.length} failures: ` +
      `median ${percentile(engine, 50).toFixed(1)} ms, p95 ${percentile(engine, 95).toFixed(1)} ms\n`
  );
  const paired = rows.filter(row => row.nbclient && row.nbclient.kernelSeconds > 0);
  const modernizeKernel = paired.reduce((sum, row) => sum + row.rules.summary.kernelMs / 1000, 0);
  const plainKernel = paired.reduce((sum, row) => sum + row.nbclient!.kernelSeconds, 0);
  process.stdout.write(
    `kernel time, modernize run / one nbclient run of the final notebook, ${paired.length} notebooks: ` +
      `${modernizeKernel.toFixed(1)} s / ${plainKernel.toFixed(1)} s = ${(modernizeKernel / plainKernel).toFixed(2)}\n`
  );
  for (const row of paired) {
    process.stdout.write(
      `  ${row.id}: ${(row.rules.summary.kernelMs / 1000).toFixed(1)} s / ${row.nbclient!.kernelSeconds.toFixed(1)} s` +
        ` = ${(row.rules.summary.kernelMs / 1000 / row.nbclient!.kernelSeconds).toFixed(2)}\n`
    );
  }
  printRootCauses(rows);
  const verdicts = (key: 'baseline' | 'rules') =>
    ['reproducible', 'modernized', 'failing'].map(v => `${v} ${rows.filter(row => row[key].verdict === v).length}`).join(', ');
  process.stdout.write(`verdicts, baseline: ${verdicts('baseline')}\nverdicts, after rules: ${verdicts('rules')}\n`);
  const conditions = (condition: string) => rows.filter(row => row.rules.failedConditions?.includes(condition as never)).length;
  process.stdout.write(
    `after rules, notebooks with cells failing ${conditions('cells-failing')}, numbers off ${conditions('numbers-off')}, ` +
      `over budget ${conditions('over-budget')}; runtime fixes needed in ${rows.filter(row => runtimeFixes(row.rules) !== '—').length}\n`
  );
}

finish(main());
