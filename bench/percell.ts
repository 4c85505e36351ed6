/**
 * Per-cell overhead, as a user meets it: whole processes, side by side.
 *
 * On a generated many-cell notebook (trivial cells, nine of them using a
 * removed NumPy alias) and on clean corpus notebooks, each round runs, in an
 * order that rotates from round to round and each from a fresh copy:
 * - engine: `jupyter-modernize run --accept rules` (this tree's CLI);
 * - before: the same with another build's CLI (`--before PATH/bin/jupyter-modernize.js`);
 * - nbclient: bench/nbclient_time.py, a plain NotebookClient run in its own Python;
 * - nbconvert: `jupyter nbconvert --to notebook --execute --allow-errors`.
 * Prints the median wall time of each, per notebook and per code cell, and the
 * ratios. The UI's run time, beside the CLI's measured in the same minutes,
 * comes from the Galata script ui-tests/tests/percell.spec.ts
 * (`npm run bench:percell:ui`), which writes them where `--ui FILE` reads them.
 *
 *   npm run bench:percell [-- --rounds 3] [--cells 500] [--corpus dev03,dev05,dev08]
 *       [--before /path/to/other/bin/jupyter-modernize.js] [--ui ui-tests/test-results/percell-ui.json]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findJupyter } from '../src/cli/server';
import { CORPUS, corpusEntries, finish, median, REPO, takeFlag, writableCopy } from './common';
import { manyCellNotebook } from './manycells';

type Tool = 'engine' | 'before' | 'nbclient' | 'nbconvert';

interface ISubject {
  id: string;
  /** Folder copied fresh for each run, and the notebook in it. */
  folder: string;
  notebook: string;
  codeCells: number;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rounds = Number(takeFlag(args, '--rounds', '3'));
  const cells = Number(takeFlag(args, '--cells', '500'));
  const corpus = takeFlag(args, '--corpus', 'dev03,dev05,dev08').split(',').filter(Boolean);
  const before = takeFlag(args, '--before', '');
  const uiFile = takeFlag(args, '--ui', path.join(REPO, 'ui-tests', 'test-results', 'percell-ui.json'));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'modernizer-percell-'));

  const generated = path.join(root, 'source', 'generated');
  fs.mkdirSync(generated, { recursive: true });
  fs.writeFileSync(path.join(generated, `many-${cells}.ipynb`), JSON.stringify(manyCellNotebook(cells)));
  const subjects: ISubject[] = [
    { id: `generated ${cells} cells`, folder: generated, notebook: `many-${cells}.ipynb`, codeCells: cells },
    ...corpusEntries(corpus).map(entry => ({
      id: entry.id,
      folder: path.join(CORPUS, entry.id),
      notebook: path.relative(entry.id, entry.notebook),
      codeCells: codeCellCount(path.join(CORPUS, entry.notebook))
    }))
  ];
  const tools: Tool[] = ['engine', ...(before ? (['before'] as Tool[]) : []), 'nbclient', 'nbconvert'];
  const walls = new Map<string, Map<Tool, number[]>>(subjects.map(s => [s.id, new Map(tools.map(t => [t, [] as number[]]))]));

  for (let round = 0; round < rounds; round++) {
    for (const subject of subjects) {
      // Rotate who goes first: a warm disk cache or a busy neighbour favours no one.
      const order = tools.map((_, i) => tools[(i + round) % tools.length]);
      for (const tool of order) {
        const folder = path.join(root, tool, subject.id.replace(/\W+/g, '-'));
        writableCopy(subject.folder, folder);
        const notebook = path.join(folder, subject.notebook);
        walls.get(subject.id)!.get(tool)!.push(timed(() => runTool(tool, notebook, before)));
      }
    }
    process.stderr.write(`round ${round + 1}/${rounds} done\n`);
  }

  const lines = [
    `whole-process wall time, median of ${rounds} rounds (order rotating); per cell = wall / code cells`,
    '',
    `| notebook | code cells | ${tools.map(t => `${t} s`).join(' | ')} | ${tools.map(t => `${t} ms/cell`).join(' | ')} | engine / nbclient | engine / nbconvert |${before ? ' before / nbclient |' : ''}`,
    `|---|---:|${tools.map(() => '---:').join('|')}|${tools.map(() => '---:').join('|')}|---:|---:|${before ? '---:|' : ''}`
  ];
  const engineSeconds = new Map<string, number>();
  for (const subject of subjects) {
    const m = new Map(tools.map(t => [t, median(walls.get(subject.id)!.get(t)!)]));
    engineSeconds.set(subject.id, m.get('engine')!);
    const ratio = (a: Tool, b: Tool) => (m.get(a)! / m.get(b)!).toFixed(2);
    lines.push(
      `| ${subject.id} | ${subject.codeCells} | ${tools.map(t => m.get(t)!.toFixed(2)).join(' | ')} | ` +
        `${tools.map(t => ((m.get(t)! * 1000) / subject.codeCells).toFixed(1)).join(' | ')} | ` +
        `${ratio('engine', 'nbclient')} | ${ratio('engine', 'nbconvert')} |${before ? ` ${ratio('before', 'nbclient')} |` : ''}`
    );
  }
  process.stdout.write(lines.join('\n') + '\n');

  if (fs.existsSync(uiFile)) {
    const ui = JSON.parse(fs.readFileSync(uiFile, 'utf8')) as { cells: number; rounds: number; runSeconds: number; cliMedianSeconds: number };
    const cli = engineSeconds.get(`generated ${ui.cells} cells`);
    process.stdout.write(
      `\nUI (Galata, ${ui.cells} cells, median of ${ui.rounds}, Modernize clicked to summary shown): ${ui.runSeconds.toFixed(1)} s; ` +
        `CLI in the same runs, alternating: ${ui.cliMedianSeconds.toFixed(1)} s; UI / CLI ${(ui.runSeconds / ui.cliMedianSeconds).toFixed(2)}` +
        (cli ? ` (this bench's CLI: ${cli.toFixed(1)} s)` : '') +
        ` (from ${path.relative(process.cwd(), uiFile)}, written by npm run bench:percell:ui)\n`
    );
  } else {
    process.stdout.write(`\nUI: no figure at ${uiFile} (run npm run bench:percell:ui first)\n`);
  }
}

function codeCellCount(notebook: string): number {
  return JSON.parse(fs.readFileSync(notebook, 'utf8')).cells.filter((cell: { cell_type: string }) => cell.cell_type === 'code').length;
}

function timed(work: () => void): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** One whole-process run; a failing notebook is a result, not an error of the bench. */
function runTool(tool: Tool, notebook: string, before: string): void {
  const jupyter = findJupyter();
  const cwd = path.dirname(notebook);
  let command: string;
  let args: string[];
  switch (tool) {
    case 'engine':
    case 'before':
      command = process.execPath;
      args = [tool === 'engine' ? path.join(REPO, 'bin', 'jupyter-modernize.js') : before, 'run', notebook, '--accept', 'rules'];
      break;
    case 'nbclient':
      command = path.join(path.dirname(jupyter), 'python');
      args = [path.join(REPO, 'bench', 'nbclient_time.py'), notebook, cwd, '600'];
      break;
    case 'nbconvert':
      command = jupyter;
      args = ['nbconvert', '--to', 'notebook', '--execute', '--allow-errors', '--output', 'nbconvert-out', notebook];
      break;
  }
  const run = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (run.error || (run.status !== 0 && run.status !== 1)) {
    throw new Error(`${tool} on ${notebook}: ${run.error?.message ?? `exit ${run.status}`}: ${run.stderr.trim().split('\n').pop()}`);
  }
}

if (require.main === module) {
  finish(main());
}
