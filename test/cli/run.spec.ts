import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { runNotebook } from '../../src/cli/run';
import { startJupyterServer } from '../../src/cli/server';
import type { IRunOptions } from '../../src/cli/run';
import type { IJupyterServer } from '../../src/cli/server';
import { readProvenance } from '../../src/core/notebook/provenance';
import { REPO, startTestServer } from '../helpers/jupyter';

type Cells = (string | { markdown: string })[];

/** A notebook file in a fresh folder under the server root. */
function writeNotebook(cells: Cells, extra: Record<string, unknown> = {}, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const notebook = {
    nbformat: 4,
    nbformat_minor: 2,
    metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
    cells: cells.map(cell =>
      typeof cell === 'string'
        ? { cell_type: 'code', source: cell, metadata: {}, outputs: [], execution_count: null }
        : { cell_type: 'markdown', source: cell.markdown, metadata: {} }
    ),
    ...extra
  };
  const file = path.join(dir, 'old.ipynb');
  fs.writeFileSync(file, JSON.stringify(notebook));
  return file;
}

describe('jupyter-modernize run', () => {
  let server: IJupyterServer;
  const run = (notebook: string, options: Partial<IRunOptions> = {}) =>
    runNotebook({ notebook, accept: 'rules', cellTimeoutSeconds: 60, ...options }, { server });

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  describe('the example notebook', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-example-'));
      fs.cpSync(path.join(REPO, 'examples'), dir, { recursive: true });
    });

    it('should end running clean with rule fixes, the original untouched', async () => {
      const input = path.join(dir, 'passenger-survival-2017.ipynb');
      const before = fs.readFileSync(input, 'utf8');
      const report = await run(input);
      expect(fs.readFileSync(input, 'utf8')).toBe(before);
      expect(report.verdict).toBe('modernized');
      expect(report.summary.failing).toBe(0);
      const origins = report.cells.flatMap(cell => cell.patches.filter(p => p.accepted).map(p => p.origin));
      expect(origins).toEqual(
        expect.arrayContaining([
          'rule:sklearn-cross_validation-module',
          'rule:data-path',
          'rule:py2-print-statement',
          'rule:pandas-append',
          'rule:pandas-as_matrix'
        ])
      );
      // The NaN error in the last cell was caused by the silent fillna in cell 6.
      const last = report.cells[report.cells.length - 1];
      expect(last.status).toBe('fixed');
      expect(last.failures[0]).toMatchObject({ category: 'behavior-change', message: expect.stringMatching(/^Caused by cell 6: /) });
      // Its accuracy drifted under the new LogisticRegression default; the old solver restores the stored figure.
      expect(last.patches.find(p => p.label === 'score')).toMatchObject({ origin: 'rule:sklearn-logreg-solver-default', accepted: true });
      expect(last.scores).toEqual([expect.objectContaining({ originalText: '0.6667', nowText: '0.6667', withinTolerance: true })]);
      expect(report.environment?.packages.pandas).toMatch(/^3\./);

      const out = JSON.parse(fs.readFileSync(path.join(dir, 'passenger-survival-2017.modernized.ipynb'), 'utf8'));
      const fillCell = out.cells[5];
      expect(fillCell.source).toContain("df['Age'] = df['Age'].fillna(");
      const provenance = readProvenance(fillCell.metadata);
      expect(provenance?.original).toContain("df['Age'].fillna(df['Age'].median(), inplace=True)");
      expect(provenance?.changes.map(c => c.origin)).toContain('rule:numpy-alias-int');
      const written = JSON.parse(fs.readFileSync(path.join(dir, 'passenger-survival-2017.modernize.json'), 'utf8'));
      expect(written.cells[0]).toMatchObject({ index: 1, status: 'fixed', durationMs: expect.any(Number) });
      expect(written.cells[0].patches[0]).toMatchObject({ origin: 'rule:sklearn-cross_validation-module', accepted: true });
    });

    it('should only diagnose with --accept none and mark consequences', async () => {
      const input = path.join(dir, 'passenger-survival-2017.ipynb');
      const report = await run(input, { accept: 'none', out: path.join(dir, 'diag.ipynb'), report: path.join(dir, 'diag.json') });
      expect(report.verdict).toBe('failing');
      expect(report.summary.patchesAccepted).toBe(0);
      const byIndex = new Map(report.cells.map(cell => [cell.index, cell]));
      expect(byIndex.get(1)?.diagnosis?.category).toBe('removed-api');
      expect(byIndex.get(2)?.diagnosis?.category).toBe('missing-data');
      expect(byIndex.get(3)?.diagnosis?.category).toBe('python2-syntax');
      expect(byIndex.get(5)?.diagnosis).toMatchObject({ category: 'consequence', consequenceOf: 2 });
      expect(byIndex.get(1)?.patches[0]).toMatchObject({ accepted: false, decidedBy: 'policy' });
    });
  });

  describe('bad input', () => {
    it.each([
      ['an empty file', '', /is empty/],
      ['broken JSON', '{"cells": [', /not valid JSON/],
      ['a JSON list', '[]', /not a notebook/],
      [
        'a notebook of another kernel',
        JSON.stringify({ nbformat: 4, nbformat_minor: 2, metadata: { kernelspec: { name: 'ir', language: 'R' } }, cells: [] }),
        /runs on a r kernel; only Python notebooks/
      ]
    ])('should refuse %s with one clear line and exit 2', async (_what, text, message) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-bad-'));
      const file = path.join(dir, 'bad.ipynb');
      fs.writeFileSync(file, text);
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        const code = await main(['run', file]);
        expect(code).toBe(2);
        const printed = stderr.mock.calls.map(call => String(call[0])).join('');
        expect(printed).toMatch(message);
        expect(printed.trim().split('\n')).toHaveLength(1);
      } finally {
        stderr.mockRestore();
      }
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
      expect(fs.existsSync(path.join(dir, 'bad.modernized.ipynb'))).toBe(false);
    });

    it('should refuse bad flags with exit 2', async () => {
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        expect(await main(['run', 'x.ipynb', '--accept', 'maybe'])).toBe(2);
        expect(await main(['run', 'x.ipynb', '--cell-timeout', '-1'])).toBe(2);
        expect(await main(['frobnicate'])).toBe(2);
        expect(await main(['run', 'x.ipynb', '--rel-tol', '-1'])).toBe(2);
        expect(await main(['run', 'x.ipynb', '--stability-runs', '1.5'])).toBe(2);
        expect(await main(['run', 'x.ipynb', '--notebook-timeout', '0'])).toBe(2);
      } finally {
        stderr.mockRestore();
      }
    });

    it('should convert an nbformat 3 notebook, say so, and run it', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-v3-'));
      const file = path.join(dir, 'v3.ipynb');
      fs.writeFileSync(
        file,
        JSON.stringify({
          nbformat: 3,
          nbformat_minor: 0,
          metadata: { name: 'v3' },
          worksheets: [
            {
              cells: [
                { cell_type: 'heading', level: 1, source: ['Old'], metadata: {} },
                { cell_type: 'code', language: 'python', input: ['x = 6\n', 'print x * 7'], outputs: [], metadata: {} }
              ]
            }
          ]
        })
      );
      const report = await run(file);
      expect(report.notes.join(' ')).toMatch(/nbformat 3; it was converted to nbformat 4/);
      expect(report.verdict).toBe('modernized');
      const out = JSON.parse(fs.readFileSync(path.join(dir, 'v3.modernized.ipynb'), 'utf8'));
      expect(out.nbformat).toBe(4);
      expect(out.cells[0]).toMatchObject({ cell_type: 'markdown', source: '# Old' });
      expect(out.cells[1].outputs[0].text).toBe('42\n');
    });
  });

  describe('cells that do not end well', () => {
    it('should interrupt a cell that never returns and go on', async () => {
      const file = writeNotebook(['x = 1', 'import time\nwhile True:\n    time.sleep(0.05)', 'print(x + 1)']);
      const report = await run(file, { cellTimeoutSeconds: 2 });
      expect(report.cells.map(cell => cell.status)).toEqual(['ok', 'timeout', 'ok']);
      expect(report.cells[1].diagnosis?.category).toBe('timeout');
      expect(report.verdict).toBe('failing');
    });

    it('should stop at the notebook budget, interrupt the running cell and skip the rest', async () => {
      const file = writeNotebook(['x = 1', 'import time\ntime.sleep(30)', 'print(x)']);
      const report = await run(file, { notebookTimeoutSeconds: 3 });
      expect(report.cells.map(cell => cell.status)).toEqual(['ok', 'timeout', 'skipped']);
      expect(report.cells[1].diagnosis?.message).toMatch(/notebook's 3 s budget ran out/);
      expect(report.failedConditions).toContain('over-budget');
      expect(report.verdict).toBe('failing');
    });

    it('should restart a killed kernel and replay the cells that ran', async () => {
      const file = writeNotebook(['x = 5', 'import os\nos._exit(1)', 'print(x * 2)']);
      const report = await run(file);
      expect(report.cells.map(cell => cell.status)).toEqual(['ok', 'error', 'ok']);
      expect(report.cells[1].diagnosis?.category).toBe('kernel-died');
      const out = JSON.parse(fs.readFileSync(file.replace(/\.ipynb$/, '.modernized.ipynb'), 'utf8'));
      expect(out.cells[2].outputs[0].text).toBe('10\n');
    });
  });

  describe('files beside the notebook', () => {
    it('should fix a helper module, keep its original and reload it', async () => {
      const helper = 'import numpy as np\n\ndef ones(n):\n    return np.ones(n, dtype=np.float)\n';
      const file = writeNotebook(['from helpers.tools import ones', 'print(ones(3).sum())'], {}, {
        'helpers/__init__.py': '',
        'helpers/tools.py': helper
      });
      const dir = path.dirname(file);
      const report = await run(file);
      expect(report.verdict).toBe('modernized');
      expect(report.files[0].path).toBe(path.join(dir, 'helpers/tools.py'));
      expect(fs.readFileSync(path.join(dir, 'helpers/tools.py.orig'), 'utf8')).toBe(helper);
      expect(fs.readFileSync(path.join(dir, 'helpers/tools.py'), 'utf8')).toContain('dtype=float');
      const out = JSON.parse(fs.readFileSync(file.replace(/\.ipynb$/, '.modernized.ipynb'), 'utf8'));
      expect(out.cells[1].outputs[0].text).toBe('3.0\n');
    });

    it("should not take a file the notebook writes itself for missing data before the run", async () => {
      const file = writeNotebook([
        "import pandas as pd\npd.DataFrame({'a': [1, 2]}).to_csv('made-here.csv', index=False)",
        "print(pd.read_csv('made-here.csv').a.sum())",
        "print(pd.read_csv('never-made.csv'))"
      ]);
      const report = await run(file, { accept: 'none' });
      expect(report.preflight.filter(f => f.kind === 'missing-data').map(f => f.cellIndex)).toEqual([2]);
      expect(report.cells.map(cell => cell.status)).toEqual(['ok', 'ok', 'error']);
    });

    it('should rewrite a data path written with Windows separators', async () => {
      const file = writeNotebook(
        ["import os\nimport pandas as pd\npath = os.getcwd() + '\\data\\ex1.txt'\ndata = pd.read_csv(path, header=None)\nprint(data[0].sum())"],
        {},
        { 'data/ex1.txt': '1,2\n3,4\n' }
      );
      const report = await run(file);
      expect(report.verdict).toBe('modernized');
      expect(report.cells[0].patches[0].origin).toBe('rule:data-path');
      const out = JSON.parse(fs.readFileSync(file.replace(/\.ipynb$/, '.modernized.ipynb'), 'utf8'));
      expect(out.cells[0].source).toContain("os.getcwd() + '/data/ex1.txt'");
      expect(out.cells[0].outputs.map((output: { text?: string }) => output.text).join('')).toBe('4\n');
    });

    it('should resolve a Kaggle input path against --data-dir', async () => {
      const data = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-data-'));
      fs.writeFileSync(path.join(data, 'train.csv'), 'a,b\n1,2\n3,4\n');
      const file = writeNotebook(["import pandas as pd\ndf = pd.read_csv('/kaggle/input/some-competition/train.csv')\nprint(df.a.sum())"]);
      const report = await run(file, { dataDir: data });
      expect(report.preflight.map(f => f.kind)).toContain('missing-data');
      expect(report.verdict).toBe('modernized');
      expect(report.cells[0].patches[0].origin).toBe('rule:data-path');
      const out = JSON.parse(fs.readFileSync(file.replace(/\.ipynb$/, '.modernized.ipynb'), 'utf8'));
      const written = /read_csv\('([^']+)'\)/.exec(out.cells[0].source)![1];
      expect(path.resolve(path.dirname(file), written)).toBe(path.join(data, 'train.csv'));
    });
  });

  describe('missing modules', () => {
    it('should drop a cosmetic version stamp', async () => {
      const file = writeNotebook(['%load_ext watermark\n%watermark -v -p numpy\nx = 3', 'print(x)']);
      const report = await run(file);
      expect(report.verdict).toBe('modernized');
      expect(report.cells[0].patches[0]).toMatchObject({ origin: 'rule:cosmetic-module', accepted: true });
    });

    it("should offer the vetted package's pip install, which the rules policy does not apply", async () => {
      const file = writeNotebook(['from Crypto.Cipher import AES']);
      const report = await run(file);
      expect(report.verdict).toBe('failing');
      expect(report.cells[0].diagnosis?.message).toMatch(/the package pycryptodome provides it/);
      const patch = report.cells[0].patches[0];
      expect(patch).toMatchObject({ origin: 'rule:pip-install', accepted: false });
      expect(patch.after).toMatch(/^%pip install pycryptodome\n/);
      expect(patch.flags.map(f => f.kind)).toContain('installs-package');
    });
  });

  describe('--server URL --token TOKEN', () => {
    it('should run the kernels on a server it did not start', async () => {
      const file = writeNotebook(['import os\nprint(os.path.basename(os.getcwd()))']);
      const other = await startJupyterServer({ rootDir: path.dirname(file) });
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        expect(await main(['run', file, '--server', other.url, '--token', other.token])).toBe(0);
      } finally {
        stderr.mockRestore();
        stdout.mockRestore();
        await other.stop();
      }
      const out = JSON.parse(fs.readFileSync(file.replace(/\.ipynb$/, '.modernized.ipynb'), 'utf8'));
      expect(out.cells[0].outputs[0].text).toBe(path.basename(path.dirname(file)) + '\n');
    });

    it('should say so when the token is refused', async () => {
      const file = writeNotebook(['x = 1']);
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        expect(await main(['run', file, '--server', server.url, '--token', 'wrong'])).toBe(1);
        expect(stderr.mock.calls.map(c => String(c[0])).join('')).toMatch(/refused the token/);
      } finally {
        stderr.mockRestore();
      }
    });
  });
});
