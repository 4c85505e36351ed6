/**
 * Score comparison figures from finished corpus runs (bench/corpus.ts
 * folders): numbers paired and off per notebook as each run's report says,
 * the same outputs re-paired by the current pairing (so what changed is the
 * pairing alone), and both verdicts. Prints a Markdown table; asserts nothing.
 *
 *   node dist/bench/scores.js --before DIR --after DIR [ID_SUBSTRING ...]
 *   node dist/bench/scores.js --after DIR --pairing-before COMMIT [ID_SUBSTRING ...]
 *
 * With --pairing-before, the "before" of each notebook is the pairing of an
 * earlier commit (its src/core/scores.ts, read from git) applied to the very
 * outputs of the --after run: what changed is the pairing alone, and each
 * number the old pairing called off is traced to what the current one says.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import * as ts from 'typescript';
import type * as nbformat from '@jupyterlab/nbformat';
import type { IReport } from '../src/core/run/report';
import { compareOutputs, pairingHints, studyVerdict } from '../src/core/scores';
import type { INumberPair } from '../src/core/scores';
import { CORPUS, corpusEntries, finish, REPO, takeFlag } from './common';
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

type OldPairing = (original: readonly nbformat.IOutput[], now: readonly nbformat.IOutput[]) => INumberPair[];

/** `pairNumbers` of an earlier commit's src/core/scores.ts (one self-contained module then). */
function pairingAt(commit: string): OldPairing {
  const source = execFileSync('git', ['show', `${commit}:src/core/scores.ts`], { cwd: REPO, encoding: 'utf8' });
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const module = new Module(`scores@${commit}`) as Module & { _compile(code: string, file: string): void };
  module._compile(outputText, `scores@${commit}.js`);
  return (module.exports as { pairNumbers: OldPairing }).pairNumbers;
}

/**
 * The old pairing against the current one on the same outputs, per notebook,
 * and what became of each number the old pairing called off: its cell is now
 * clean (an artefact of pairing by position or of a known equivalence), its
 * cell's drift is measured run-to-run spread (randomness), or its cell still
 * drifts (real drift, or not explained).
 */
function pairingComparison(afterRoot: string, commit: string, entries: ICorpusEntry[]): void {
  const oldPairing = pairingAt(commit);
  const lines = [
    `| notebook | pairing of ${commit}: paired / off | current: paired / off (equivalent, varying) | old "off" now: clean / randomness / still drifting |`,
    '|---|---|---|---|'
  ];
  const totals = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (const entry of entries) {
    const run = readRun(afterRoot, entry);
    if (!run) {
      continue;
    }
    const original: nbformat.INotebookContent = JSON.parse(fs.readFileSync(path.join(CORPUS, entry.notebook), 'utf8'));
    const row = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    for (const cell of run.report.cells.filter(c => c.status === 'ok' || c.status === 'fixed')) {
      const stored = (original.cells[cell.index] as nbformat.ICodeCell).outputs ?? [];
      const now = (run.notebook.cells[cell.index] as nbformat.ICodeCell).outputs ?? [];
      const old = oldPairing(stored, now);
      const current = cell.scores ?? [];
      const oldOff = old.filter(pair => !pair.withinTolerance).length;
      const currentOff = current.filter(pair => !pair.withinTolerance);
      row[0] += old.length;
      row[1] += oldOff;
      row[2] += current.length;
      row[3] += currentOff.length;
      row[4] += current.filter(pair => pair.equivalence !== undefined).length;
      row[5] += current.filter(pair => pair.spread !== undefined).length;
      if (currentOff.length === 0) {
        row[current.some(pair => pair.spread !== undefined) ? 7 : 6] += oldOff;
      } else {
        row[8] += oldOff;
      }
    }
    row.forEach((value, i) => (totals[i] += value));
    lines.push(`| ${entry.id} | ${row[0]} / ${row[1]} | ${row[2]} / ${row[3]} (${row[4]}, ${row[5]}) | ${row[6]} / ${row[7]} / ${row[8]} |`);
  }
  lines.push(`| **total** | ${totals[0]} / ${totals[1]} | ${totals[2]} / ${totals[3]} (${totals[4]}, ${totals[5]}) | ${totals[6]} / ${totals[7]} / ${totals[8]} |`);
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const beforeRoot = takeFlag(args, '--before', '');
  const afterRoot = takeFlag(args, '--after', '');
  const pairingCommit = takeFlag(args, '--pairing-before', '');
  if (pairingCommit) {
    pairingComparison(afterRoot, pairingCommit, corpusEntries(args));
    return;
  }
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
