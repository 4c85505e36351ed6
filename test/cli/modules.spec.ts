/**
 * Missing modules and the author's install lines, end to end through
 * `runNotebook` in the real kernel: a module that is a file the notebook came
 * with gets its import fixed, an unknown one gets no install, and
 * `!pip install` lines run only with --allow-installs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runNotebook } from '../../src/cli/run';
import type { IRunOptions } from '../../src/cli/run';
import type { IJupyterServer } from '../../src/cli/server';
import { SKIPPED_MARKER } from '../../src/core/environment/installs';
import { startTestServer } from '../helpers/jupyter';

/** A notebook of code cells in a fresh folder, with files beside it. */
function writeNotebook(cells: string[], files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-modules-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const notebook = {
    nbformat: 4,
    nbformat_minor: 2,
    metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
    cells: cells.map(source => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null }))
  };
  const file = path.join(dir, 'old.ipynb');
  fs.writeFileSync(file, JSON.stringify(notebook));
  return file;
}

const NOT_A_PACKAGE = 'surely-not-a-package-modernizer-test';

describe('missing modules and install lines in a run', () => {
  let server: IJupyterServer;
  const run = (notebook: string, options: Partial<IRunOptions> = {}) =>
    runNotebook({ notebook, accept: 'rules', cellTimeoutSeconds: 120, ...options }, { server });

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("should make a helper package's Python 2 implicit relative import relative, installing nothing", async () => {
    const notebook = writeNotebook(['from pkg import helper\nprint(helper.doubled())\n'], {
      'pkg/__init__.py': '',
      'pkg/helper.py': 'import price_tables\nfrom price_tables import VALUE\n\ndef doubled():\n    return price_tables.VALUE + VALUE\n',
      'pkg/price_tables.py': 'VALUE = 21\n'
    });
    const report = await run(notebook);
    expect(report.verdict).toBe('modernized');
    expect(fs.readFileSync(path.join(path.dirname(notebook), 'pkg', 'helper.py'), 'utf8')).toBe(
      'from . import price_tables\nfrom .price_tables import VALUE\n\ndef doubled():\n    return price_tables.VALUE + VALUE\n'
    );
    expect(report.files.map(file => file.patches.map(patch => patch.origin))).toEqual([['rule:local-module']]);
    // The one patch is the helper's: nothing to install.
    expect(report.cells[0].patches.map(patch => [patch.origin, patch.flags])).toEqual([['rule:local-module', []]]);
  });

  it('should diagnose a module no package is known for and propose no install', async () => {
    const report = await run(writeNotebook(['import helpers_of_the_author\n', 'print("next")\n']));
    const [cell] = report.cells;
    expect(cell.status).toBe('error');
    expect(cell.diagnosis?.category).toBe('missing-module');
    expect(cell.diagnosis?.message).toMatch(/no install is proposed/);
    expect(cell.patches).toEqual([]);
  });

  describe("the author's install lines", () => {
    const cells = [`!pip install --no-index --dry-run ${NOT_A_PACKAGE}\nprint('the other lines ran')\n`];

    it('should skip them by default, run the rest of the cell, say so and keep them in the notebook', async () => {
      const notebook = writeNotebook(cells);
      const report = await run(notebook);
      expect(report.verdict).toBe('reproducible');
      expect(report.skippedInstalls).toEqual([{ cellIndex: 0, line: 1, text: `!pip install --no-index --dry-run ${NOT_A_PACKAGE}` }]);
      expect(report.notes.join('\n')).toMatch(/--allow-installs runs them/);
      const modernized = JSON.parse(fs.readFileSync(report.output!, 'utf8'));
      const text = (cell: { source: string | string[] }) => ([] as string[]).concat(cell.source).join('');
      expect(text(modernized.cells[0])).toBe(cells[0]);
      const outputs = JSON.stringify(modernized.cells[0].outputs);
      expect(outputs).toContain('the other lines ran');
      expect(outputs).not.toContain(NOT_A_PACKAGE);
      expect(outputs).not.toContain(SKIPPED_MARKER);
    });

    it('should run them with --allow-installs', async () => {
      const report = await run(writeNotebook(cells), { allowInstalls: true });
      expect(report.skippedInstalls).toBeUndefined();
      const modernized = JSON.parse(fs.readFileSync(report.output!, 'utf8'));
      // pip ran (offline, dry run): it says it found no such package.
      expect(JSON.stringify(modernized.cells[0].outputs)).toContain(NOT_A_PACKAGE);
    });
  });
});
