/**
 * Helper files beside a notebook get the safeguards of a cell: no write
 * through a symbolic link, none over an edit made during the run, backups
 * never overwritten, and a batch never writes into its input.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runBatch } from '../../src/cli/batch';
import { runNotebook } from '../../src/cli/run';
import { startKernelFor } from '../../src/cli/server';
import type { IJupyterServer } from '../../src/cli/server';
import { NodeWorkspace } from '../../src/cli/workspace';
import { KernelSession } from '../../src/core/kernel';
import { parseNotebook } from '../../src/core/notebook/format';
import type { IPatch } from '../../src/core/notebook/patch';
import { RuleEngine } from '../../src/core/rules/engine';
import { allRules } from '../../src/core/rules/all';
import { Modernizer } from '../../src/core/run';
import { startTestServer } from '../helpers/jupyter';

const HELPER = 'import numpy as np\n\ndef ones(n):\n    return np.ones(n, dtype=np.float)\n';
const CELLS = ['from tools import ones', 'print(ones(3).sum())'];

const hash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function notebookJson(cells: string[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
    cells: cells.map((source, i) => ({ cell_type: 'code', id: `c${i}`, source, metadata: {}, outputs: [], execution_count: null }))
  });
}

/** A notebook using `tools.py` in a fresh folder under `parent`; returns the notebook path. */
function project(parent: string, files: Record<string, string> = { 'tools.py': HELPER }): string {
  const dir = fs.mkdtempSync(path.join(parent, 'modernize-helper-'));
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.writeFileSync(path.join(dir, 'nb.ipynb'), notebookJson(CELLS));
  return path.join(dir, 'nb.ipynb');
}

const helperPatches = (report: Awaited<ReturnType<typeof runNotebook>>) =>
  report.cells.flatMap(cell => cell.patches).filter(patch => patch.target.kind === 'file');

describe('helper files', () => {
  let server: IJupyterServer;
  beforeAll(async () => {
    server = await startTestServer('/');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const run = (notebook: string) => runNotebook({ notebook, accept: 'rules', cellTimeoutSeconds: 60 }, { server });

  it('should not write through a symlinked helper, say why, and leave its target byte-identical', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-shared-'));
    fs.writeFileSync(path.join(elsewhere, 'tools.py'), HELPER);
    const notebook = project(os.tmpdir(), {});
    fs.symlinkSync(path.join(elsewhere, 'tools.py'), path.join(path.dirname(notebook), 'tools.py'));
    const before = hash(path.join(elsewhere, 'tools.py'));

    const report = await run(notebook);

    expect(hash(path.join(elsewhere, 'tools.py'))).toBe(before);
    expect(fs.lstatSync(path.join(path.dirname(notebook), 'tools.py')).isSymbolicLink()).toBe(true);
    expect(fs.existsSync(path.join(elsewhere, 'tools.py.orig'))).toBe(false);
    expect(helperPatches(report)[0]).toMatchObject({ accepted: false, refusedBecause: expect.stringMatching(/symbolic link/) });
    expect(report.files).toEqual([]);
  });

  it('should keep an older .orig and back up into the next free name', async () => {
    const notebook = project(os.tmpdir(), { 'tools.py': HELPER, 'tools.py.orig': '# an earlier run kept this\n' });
    const dir = path.dirname(notebook);

    const report = await run(notebook);

    expect(report.verdict).toBe('modernized');
    expect(fs.readFileSync(path.join(dir, 'tools.py.orig'), 'utf8')).toBe('# an earlier run kept this\n');
    expect(fs.readFileSync(path.join(dir, 'tools.py.orig.1'), 'utf8')).toBe(HELPER);
    expect(fs.readFileSync(path.join(dir, 'tools.py'), 'utf8')).toContain('dtype=float');
  });

  it('should repair a helper under the home folder (tracebacks print ~/...)', async () => {
    const home = fs.mkdtempSync(path.join(os.homedir(), '.modernize-home-test-'));
    try {
      const notebook = project(home);
      const report = await run(notebook);
      expect(report.verdict).toBe('modernized');
      expect(report.files.map(file => file.path)).toEqual([path.join(path.dirname(notebook), 'tools.py')]);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('should not overwrite a helper edited while the patch waited for a decision', async () => {
    const notebook = project(os.tmpdir());
    const helper = path.join(path.dirname(notebook), 'tools.py');
    const edited = HELPER + '# the user edited this meanwhile\n';
    const { kernel, shutdown } = await startKernelFor(server, notebook);
    const session = new KernelSession({ kernel });
    const decided: IPatch[] = [];
    try {
      const modernizer = new Modernizer({
        notebook: parseNotebook(fs.readFileSync(notebook, 'utf8')).notebook,
        session,
        rules: new RuleEngine(allRules),
        decider: {
          decide: async patch => {
            decided.push(patch);
            if (patch.target.kind === 'file') {
              fs.writeFileSync(helper, edited);
            }
            return { action: 'accept' };
          }
        },
        workspace: new NodeWorkspace(path.dirname(notebook)),
        cellTimeoutMs: 60000
      });
      await modernizer.run();
    } finally {
      session.dispose();
      await shutdown();
    }
    const filePatch = decided.find(patch => patch.target.kind === 'file')!;
    expect(filePatch).toMatchObject({ accepted: false, stale: true, refusedBecause: expect.stringMatching(/changed since/) });
    expect(fs.readFileSync(helper, 'utf8')).toBe(edited);
    expect(fs.existsSync(helper + '.orig')).toBe(false);
  });

  it('should copy a symlinked helper into the batch scratch tree as a file and leave the input byte-identical', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-batch-links-'));
    const input = path.join(root, 'notebooks');
    const shared = path.join(root, 'shared');
    fs.mkdirSync(input);
    fs.mkdirSync(shared);
    fs.writeFileSync(path.join(shared, 'tools.py'), HELPER);
    fs.writeFileSync(path.join(input, 'nb.ipynb'), notebookJson(CELLS));
    fs.symlinkSync(path.join(shared, 'tools.py'), path.join(input, 'tools.py'));
    const before = hash(path.join(shared, 'tools.py'));
    const out = path.join(root, 'out');

    const result = await runBatch({ dir: input, out, jobs: 1, accept: 'rules', cellTimeoutSeconds: 60, serverRoot: '/', server: server.url, token: server.token });

    expect(result.ran).toEqual(['nb.ipynb']);
    expect(hash(path.join(shared, 'tools.py'))).toBe(before);
    const copies = fs.readdirSync(path.join(out, 'work'), { recursive: true, withFileTypes: true }).filter(entry => entry.name === 'tools.py');
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.every(entry => !entry.isSymbolicLink())).toBe(true);
  });
});
