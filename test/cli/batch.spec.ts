import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findNotebooks, runBatch } from '../../src/cli/batch';
import type { IBatchOptions } from '../../src/cli/batch';
import { main } from '../../src/cli/main';
import { startJupyterServer } from '../../src/cli/server';
import type { IBatchSummary } from '../../src/cli/report';
import { REPO } from '../helpers/jupyter';

/** A notebook file's JSON with these code cells. */
function notebook(cells: string[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 2,
    metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
    cells: cells.map(source => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null }))
  });
}

/** Every file under `dir` with its content, to prove the input is untouched. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else {
        files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
      }
    }
  };
  walk(dir);
  return files;
}

const readSummary = (out: string): IBatchSummary => JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));

describe('jupyter-modernize batch', () => {
  let dir: string;
  let out: string;
  let counter: string;
  let original: Record<string, string>;
  const executions = () => fs.readFileSync(counter, 'utf8').trim().split('\n').filter(Boolean);

  beforeAll(() => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-batch-'));
    dir = path.join(root, 'notebooks');
    out = path.join(root, 'out');
    counter = path.join(root, 'executions.txt');
    fs.writeFileSync(counter, '');
    const count = (name: string) => `open(${JSON.stringify(counter)}, 'a').write('${name}\\n')`;
    fs.mkdirSync(path.join(dir, '.ipynb_checkpoints'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a_clean.ipynb'), notebook([count('a'), 'x = 6 * 7', 'print(x)']));
    fs.writeFileSync(path.join(dir, 'b_fixable.ipynb'), notebook([count('b'), 'import numpy as np', 'print(np.float(3) * 2)']));
    fs.writeFileSync(
      path.join(dir, 'c_dies.ipynb'),
      notebook([count('c'), 'import os\nos._exit(1)', 'import time\nwhile True:\n    time.sleep(0.05)', 'print("never")'])
    );
    fs.writeFileSync(path.join(dir, '.ipynb_checkpoints', 'a_clean-checkpoint.ipynb'), notebook(['1/0']));
    fs.writeFileSync(path.join(dir, 'a_clean.modernized.ipynb'), notebook(['1/0']));
    original = snapshot(dir);
  });

  const options = (extra: Partial<IBatchOptions> = {}): IBatchOptions => ({
    dir,
    out,
    jobs: 1,
    accept: 'rules',
    cellTimeoutSeconds: 30,
    notebookTimeoutSeconds: 9,
    ...extra
  });

  describe('#findNotebooks()', () => {
    it('should skip checkpoints and modernized copies', () => {
      expect(findNotebooks(dir)).toEqual(['a_clean.ipynb', 'b_fixable.ipynb', 'c_dies.ipynb']);
    });
  });

  describe('#runBatch()', () => {
    let firstReportMtime: number;

    it('should stop after the first notebook when aborted and leave the others unfinished', async () => {
      const controller = new AbortController();
      const result = await runBatch(
        options({ signal: controller.signal, onNotebook: () => controller.abort() })
      );
      expect(result.aborted).toBe(true);
      expect(result.ran).toEqual(['a_clean.ipynb']);
      expect(result.unfinished).toEqual(['b_fixable.ipynb', 'c_dies.ipynb']);
      expect(executions()).toEqual(['a']);
      expect(fs.readdirSync(path.join(out, 'reports'))).toEqual(['a_clean.json']);
      firstReportMtime = fs.statSync(path.join(out, 'reports', 'a_clean.json')).mtimeMs;
      const summary = readSummary(out);
      expect(summary.notebooks.map(nb => [nb.path, nb.verdict])).toEqual([
        ['a_clean.ipynb', 'reproducible'],
        ['b_fixable.ipynb', 'not-run'],
        ['c_dies.ipynb', 'not-run']
      ]);
    });

    it('should skip the finished notebook when run again and finish the others, two at a time', async () => {
      const lines: string[] = [];
      const progress = { write: (text: string) => lines.push(text) } as unknown as NodeJS.WritableStream;
      const result = await runBatch(options({ jobs: 2, progress }));
      expect(result.skipped).toEqual(['a_clean.ipynb']);
      expect(result.ran.sort()).toEqual(['b_fixable.ipynb', 'c_dies.ipynb']);
      expect(result.unfinished).toEqual([]);
      expect(executions().filter(name => name === 'a')).toHaveLength(1);
      expect(executions()).toEqual(expect.arrayContaining(['b', 'c']));
      expect(fs.statSync(path.join(out, 'reports', 'a_clean.json')).mtimeMs).toBe(firstReportMtime);
      expect(lines.join('')).toMatch(/3 notebooks, 1 already finished, 2 to run, 2 at a time/);
      expect(lines.join('')).toMatch(/\[\d\/3\] b_fixable\.ipynb: modernized, ran clean, numbers match, 1 fix/);

      const summary = readSummary(out);
      expect(summary.scoreComparison).toBe('unavailable');
      expect(summary.environment?.packages.numpy).toMatch(/^2\./);
      const [a, b, c] = summary.notebooks;
      expect(a).toMatchObject({ path: 'a_clean.ipynb', verdict: 'reproducible', before: 'reproducible', outcome: 'clean-matching' });
      expect(a.numbers).toEqual({ compared: false, matching: true, pairs: [] });
      expect(b).toMatchObject({
        path: 'b_fixable.ipynb',
        verdict: 'modernized',
        before: 'failing',
        outcome: 'clean-matching',
        failureCategories: { 'removed-api': 1 },
        fixes: { byRule: { 'numpy-alias-float': 1 }, byLibrary: { numpy: 1 } },
        modernized: 'work/b_fixable/b_fixable.modernized.ipynb',
        report: 'reports/b_fixable.json'
      });
      expect(b.durations.kernelMs).toBeGreaterThan(0);
      expect(c).toMatchObject({ path: 'c_dies.ipynb', verdict: 'failing', outcome: 'did-not-finish' });
      expect(c.failureCategories['kernel-died']).toBeGreaterThanOrEqual(1);
      expect(c.reason).toMatch(/time budget/);
      expect(summary.totals.byOutcome).toMatchObject({ 'clean-matching': 2, 'did-not-finish': 1 });

      const modernized = JSON.parse(fs.readFileSync(path.join(out, b.modernized!), 'utf8'));
      expect(modernized.cells[2].source).toContain('float(3)');
      expect(modernized.cells[2].outputs[0].text).toBe('6.0\n');
      expect(fs.readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('| b_fixable.ipynb | failing | modernized |');
      expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('href="work/b_fixable/b_fixable.modernized.ipynb"');
      // The originals are untouched and nothing was written beside them.
      expect(snapshot(dir)).toEqual(original);
    });

    it('should render report.html in Chromium and keep a screenshot', async () => {
      // Written outside the tracked files: bench/screenshots/report.png is the reviewed copy.
      const screenshot = path.join(REPO, 'test-results', 'report.png');
      fs.mkdirSync(path.dirname(screenshot), { recursive: true });
      const page = path.join(out, 'report.html');
      const playwright = path.join(REPO, 'ui-tests', 'node_modules', 'playwright-core');
      if (fs.existsSync(playwright)) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { chromium } = require(playwright);
        const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
        try {
          const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
          const requested: string[] = [];
          tab.on('request', (request: { url(): string }) => requested.push(request.url()));
          await tab.goto('file://' + page);
          // Five charts, and the failing cells by root cause (c_dies still fails).
          expect(await tab.locator('svg').count()).toBe(6);
          expect(await tab.getByText('Still failing, by root cause').count()).toBe(1);
          // The notebooks table (the study-verdict table has a row per notebook too).
          expect(await tab.locator('table').first().locator('tbody tr').count()).toBe(3);
          expect(await tab.getByRole('link', { name: 'modernized' }).count()).toBe(3);
          expect(await tab.getByText('No comparison available').count()).toBe(1);
          // Self-contained: the page itself is the only request.
          expect(requested).toEqual(['file://' + page]);
          await tab.screenshot({ path: screenshot, fullPage: true });
        } finally {
          await browser.close();
        }
      } else {
        execFileSync('/usr/bin/chromium', [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          `--screenshot=${screenshot}`,
          '--window-size=1280,1500',
          'file://' + page
        ]);
      }
      expect(fs.statSync(screenshot).size).toBeGreaterThan(10000);
    });
  });

  describe('--server URL --token TOKEN', () => {
    it('should run the kernels on that server', async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-remote-'));
      const input = path.join(root, 'in');
      const output = path.join(root, 'out');
      fs.mkdirSync(input);
      fs.mkdirSync(output);
      fs.writeFileSync(
        path.join(input, 'where.ipynb'),
        notebook(["import os\nprint(os.environ.get('MODERNIZER_TEST_SERVER'), os.path.basename(os.getcwd()))"])
      );
      // The second server's kernels inherit its environment: the marker says where a kernel ran.
      process.env.MODERNIZER_TEST_SERVER = 'second';
      const other = await startJupyterServer({ rootDir: output });
      delete process.env.MODERNIZER_TEST_SERVER;
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        const code = await main(['batch', input, '--out', output, '--server', other.url, '--token', other.token, '--server-root', output]);
        expect(code).toBe(0);
      } finally {
        stderr.mockRestore();
        stdout.mockRestore();
        await other.stop();
      }
      const modernized = JSON.parse(fs.readFileSync(path.join(output, 'work', 'where', 'where.modernized.ipynb'), 'utf8'));
      expect(modernized.cells[0].outputs[0].text).toBe('second where\n');
      expect(readSummary(output).notebooks[0]).toMatchObject({ path: 'where.ipynb', outcome: 'clean-matching' });
    });

    it('should refuse bad flags with exit 2', async () => {
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        expect(await main(['batch', dir])).toBe(2);
        expect(await main(['batch', dir, '--out', out, '--jobs', '0'])).toBe(2);
        expect(await main(['batch', dir, '--out', out, '--notebook-timeout', 'soon'])).toBe(2);
        expect(await main(['batch', dir, '--out', dir])).toBe(2);
      } finally {
        stderr.mockRestore();
      }
    });
  });
});
