/**
 * --kernel NAME, and the notebook's own kernelspec: a second kernelspec
 * installed in a temporary JUPYTER_PATH whose environment says numpy 1.16.0
 * (a distribution record on its PYTHONPATH), so the report shows which
 * kernel's environment the probe read.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runNotebook } from '../../src/cli/run';
import type { IRunOptions } from '../../src/cli/run';
import type { IJupyterServer } from '../../src/cli/server';
import { NotebookError } from '../../src/core/notebook/format';
import { REPO, startTestServer } from '../helpers/jupyter';

function writeNotebook(kernelName: string | undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-kernels-'));
  const file = path.join(dir, 'nb.ipynb');
  const metadata = kernelName ? { kernelspec: { name: kernelName, language: 'python', display_name: kernelName } } : {};
  const cells = [{ cell_type: 'code', source: 'import os\nprint(os.environ.get("WHICH_KERNEL", "python3"))', metadata: {}, outputs: [], execution_count: null }];
  fs.writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 2, metadata, cells }));
  return file;
}

describe('the kernel a notebook runs on', () => {
  let server: IJupyterServer;
  let prefix: string;
  const savedPath = process.env.JUPYTER_PATH;
  const run = (notebook: string, options: Partial<IRunOptions> = {}) =>
    runNotebook({ notebook, accept: 'rules', cellTimeoutSeconds: 60, ...options }, { server });
  const printed = (report: { output?: string }) =>
    JSON.parse(fs.readFileSync(report.output!, 'utf8')).cells[0].outputs.map((o: { text: string }) => o.text).join('');

  beforeAll(async () => {
    prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-kernelspec-'));
    execFileSync(path.join(REPO, '.venv', 'bin', 'python'), ['-m', 'ipykernel', 'install', '--prefix', prefix, '--name', 'other'], { stdio: 'pipe' });
    // The other kernel's environment: an old numpy record first on its path, and a name to print.
    const site = path.join(prefix, 'site');
    fs.mkdirSync(path.join(site, 'numpy-1.16.0.dist-info'), { recursive: true });
    fs.writeFileSync(path.join(site, 'numpy-1.16.0.dist-info', 'METADATA'), 'Metadata-Version: 2.1\nName: numpy\nVersion: 1.16.0\n');
    const specFile = path.join(prefix, 'share', 'jupyter', 'kernels', 'other', 'kernel.json');
    const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
    fs.writeFileSync(specFile, JSON.stringify({ ...spec, env: { PYTHONPATH: site, WHICH_KERNEL: 'other' } }));
    process.env.JUPYTER_PATH = path.join(prefix, 'share', 'jupyter');
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.stop();
    if (savedPath === undefined) {
      delete process.env.JUPYTER_PATH;
    } else {
      process.env.JUPYTER_PATH = savedPath;
    }
  });

  it("should run on --kernel NAME and report that kernel's environment", async () => {
    const report = await run(writeNotebook('python3'), { kernel: 'other' });
    expect(report.kernel).toBe('other');
    expect(printed(report)).toBe('other\n');
    expect(report.environment?.packages.numpy).toBe('1.16.0');
    expect(report.notes).toContain('Ran on the kernel other (--kernel).');
  });

  it("should run on the notebook's own kernelspec when it is installed", async () => {
    const report = await run(writeNotebook('other'));
    expect(report.kernel).toBe('other');
    expect(printed(report)).toBe('other\n');
  });

  it("should run on the default kernel when the notebook's is not installed, and say so", async () => {
    const report = await run(writeNotebook('python2'));
    expect(report.kernel).toBe('python3');
    expect(printed(report)).toBe('python3\n');
    expect(report.environment?.packages.numpy).toMatch(/^2\./);
    expect(report.notes).toContain("The notebook's kernel python2 is not installed: ran on the default kernel python3.");
  });

  it('should refuse a --kernel the server does not have, naming those it has', async () => {
    await expect(run(writeNotebook(undefined), { kernel: 'nope' })).rejects.toThrow(NotebookError);
    await expect(run(writeNotebook(undefined), { kernel: 'nope' })).rejects.toThrow(/installed: .*other.*python3/);
  });
});
