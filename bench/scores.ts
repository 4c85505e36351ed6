/**
 * Score comparison figures from finished corpus runs (bench/corpus.ts
 * folders): numbers paired and off per notebook as each run's report says,
 * the same outputs re-paired by the current pairing (so what changed is the
 * pairing alone), and both verdicts. Prints a Markdown table; asserts nothing.
 *
 *   node dist/bench/scores.js --before DIR --after DIR [ID_SUBSTRING ...]
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as nbformat from '@jupyterlab/nbformat';
import type { IReport } from '../src/core/run/report';
import { compareOutputs, pairingHints, studyVerdict } from '../src/core/scores';
import type { INumberPair } from '../src/core/scores';
import { CORPUS, corpusEntries, finish, takeFlag } from './common';
import type { ICorpusEntry } from './common';

interface IRun {
  report: IReport;
  notebook: nbformat.INotebookContent;
}

function readRun(root: string, entry: ICorpusEntry): IRun | undefined {
  const base = path.join(root, 'rules', entry.notebook).replace(/\.ipynb$/, '');
  const report = `${base}.modernize.json`;
  const notebook = `${base}.modernized.ipynb`;
  if (!fs.existsSync(report) || !fs.existsSync(notebook)) {
    return undefined;
  }
  return { report: JSON.parse(fs.readFileSync(report, 'utf8')), notebook: JSON.parse(fs.readFileSync(notebook, 'utf8')) };
}

/** The stored outputs of the corpus notebook re-paired with a run's outputs by the current pairing. */
function repaired(entry: ICorpusEntry, run: IRun): { index: number; pairs: INumberPair[]; notes: string[] }[] {
  const original: nbformat.INotebookContent = JSON.parse(fs.readFileSync(path.join(CORPUS, entry.notebook), 'utf8'));
  return run.report.cells
    .filter(cell => cell.status === 'ok' || cell.status === 'fixed')
    .map(cell => {
      const stored = (original.cells[cell.index] as nbformat.ICodeCell).outputs ?? [];
      const now = (run.notebook.cells[cell.index] as nbformat.ICodeCell).outputs ?? [];
      const sources = run.notebook.cells.slice(0, cell.index + 1).map(c => (c.cell_type === 'code' ? [c.source].flat().join('') : ''));
      let hints = {};
      try {
        hints = pairingHints([sources[cell.index]]);
      } catch {
        // A source the parser cannot read gives no hint.
      }
      const { pairs, notes } = compareOutputs(stored, now, undefined, hints);
      return { index: cell.index, pairs, notes };
    });
}

function count(cells: { pairs: readonly INumberPair[] }[], filter: (pair: INumberPair) => boolean = () => true): number {
  return cells.reduce((sum, cell) => sum + cell.pairs.filter(filter).length, 0);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const beforeRoot = takeFlag(args, '--before', '');
  const afterRoot = takeFlag(args, '--after', '');
  const lines = [
    '| notebook | before: paired / off | same outputs re-paired: paired / off (equivalent, row-set notes) | after: paired / off (equivalent, varying) | strict verdict before → after | study verdict before → after (final metric) |',
    '|---|---|---|---|---|---|'
  ];
  const totals = { before: [0, 0], repaired: [0, 0, 0], after: [0, 0, 0, 0] };
  for (const entry of corpusEntries(args)) {
    const before = beforeRoot ? readRun(beforeRoot, entry) : undefined;
    const after = afterRoot ? readRun(afterRoot, entry) : undefined;
    if (!before && !after) {
      continue;
    }
    const cells = (run?: IRun) => run?.report.cells.map(cell => ({ index: cell.index, pairs: cell.scores ?? [] })) ?? [];
    const failing = (run?: IRun) => run?.report.failedConditions.includes('cells-failing') ?? false;
    const studyBefore = before ? studyVerdict(cells(before), failing(before)) : undefined;
    const studyAfter = after ? after.report.study ?? studyVerdict(cells(after), failing(after)) : undefined;
    const again = before ? repaired(entry, before) : [];
    const b = [count(cells(before)), count(cells(before), p => !p.withinTolerance)];
    const r = [count(again), count(again, p => !p.withinTolerance), count(again, p => p.equivalence !== undefined)];
    const notes = again.reduce((sum, cell) => sum + cell.notes.length, 0);
    const a = [
      count(cells(after)),
      count(cells(after), p => !p.withinTolerance),
      count(cells(after), p => p.equivalence !== undefined),
      count(cells(after), p => p.spread !== undefined)
    ];
    b.forEach((v, i) => (totals.before[i] += v));
    r.forEach((v, i) => (totals.repaired[i] += v));
    a.forEach((v, i) => (totals.after[i] += v));
    const metric = studyAfter?.metric ? ` (cell ${studyAfter.metric.cell + 1}: ${studyAfter.metric.originalText} → ${studyAfter.metric.nowText})` : '';
    lines.push(
      `| ${entry.id} | ${before ? `${b[0]} / ${b[1]}` : '—'} | ${before ? `${r[0]} / ${r[1]} (${r[2]}, ${notes})` : '—'} | ` +
        `${after ? `${a[0]} / ${a[1]} (${a[2]}, ${a[3]})` : '—'} | ${before?.report.verdict ?? '—'} → ${after?.report.verdict ?? '—'} | ` +
        `${studyBefore?.verdict ?? '—'} → ${studyAfter?.verdict ?? '—'}${metric} |`
    );
  }
  lines.push(
    `| **total** | ${totals.before.join(' / ')} | ${totals.repaired[0]} / ${totals.repaired[1]} (${totals.repaired[2]}) | ` +
      `${totals.after[0]} / ${totals.after[1]} (${totals.after[2]}, ${totals.after[3]}) | | |`
  );
  process.stdout.write(lines.join('\n') + '\n');
}

finish(main());
