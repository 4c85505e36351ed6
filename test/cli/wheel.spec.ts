/**
 * A real install: the wheel built from this tree (with the lab extension and
 * the CLI bundle that `make build` made), pip-installed into a fresh venv,
 * gives an enabled lab extension and a `jupyter modernize` command. The venv
 * borrows the project venv's libraries through a .pth file and gets only the
 * wheel and the three Jupyter packages whose commands it runs, without their
 * dependencies: the check of the extension is real, the install stays fast.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../helpers/jupyter';

const VENV_PY = path.join(REPO, '.venv', 'bin', 'python');

function version(distribution: string): string {
  return execFileSync(VENV_PY, ['-c', `import importlib.metadata as m; print(m.version('${distribution}'))`], { encoding: 'utf8' }).trim();
}

describe('the wheel', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-wheel-'));
  const venv = path.join(tmp, 'venv');
  const bin = (name: string) => path.join(venv, 'bin', name);
  let wheel: string;

  beforeAll(() => {
    for (const built of ['jupyterlab_modernizer/labextension/package.json', 'jupyterlab_modernizer/cli/jupyter-modernize.js']) {
      if (!fs.existsSync(path.join(REPO, built))) {
        throw new Error(`${built} is missing: run \`make build\` first.`);
      }
    }
    execFileSync(VENV_PY, ['-m', 'hatchling', 'build', '-t', 'wheel', '-d', path.join(tmp, 'dist')], { cwd: REPO, stdio: 'pipe' });
    wheel = path.join(tmp, 'dist', fs.readdirSync(path.join(tmp, 'dist')).find(name => name.endsWith('.whl'))!);
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'pipe' });
    const site = execFileSync(VENV_PY, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], { encoding: 'utf8' }).trim();
    const freshSite = execFileSync(bin('python'), ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], { encoding: 'utf8' }).trim();
    const jupyter = ['jupyter_core', 'jupyter_server', 'jupyterlab'].map(name => `${name}==${version(name)}`);
    execFileSync(bin('pip'), ['install', '-q', '--disable-pip-version-check', '--no-deps', wheel, ...jupyter], { stdio: 'pipe' });
    // After the install: pip would take the borrowed packages for installed ones.
    fs.writeFileSync(path.join(freshSite, 'borrowed-project-venv.pth'), site + '\n');
  }, 600000);

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('should bundle the CLI and the lab extension', () => {
    const listing = execFileSync(VENV_PY, ['-c', `import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))`, wheel], { encoding: 'utf8' });
    expect(listing).toMatch(/^jupyterlab_modernizer\/cli\/jupyter-modernize\.js$/m);
    expect(listing).toMatch(/share\/jupyter\/labextensions\/jupyterlab-modernizer\/package\.json$/m);
    expect(listing).toMatch(/entry_points\.txt$/m);
  });

  it('should give an enabled lab extension', () => {
    const result = spawnSync(bin('jupyter'), ['labextension', 'list'], { encoding: 'utf8', env: { ...process.env, PATH: `${path.join(venv, 'bin')}:${process.env.PATH}` } });
    // eslint-disable-next-line no-control-regex
    const text = (result.stdout + result.stderr).replace(/\u001b\[[0-9;]*m/g, '');
    expect(text).toContain(path.join(venv, 'share', 'jupyter', 'labextensions'));
    expect(text).toMatch(/jupyterlab-modernizer v\S+ enabled\s+OK/);
  });

  it('should run `jupyter modernize run` on the example with the machine node', () => {
    const dir = path.join(tmp, 'example');
    fs.cpSync(path.join(REPO, 'examples'), dir, { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.join(venv, 'bin')}:${process.env.PATH}` };
    delete env.MODERNIZER_JUPYTER;
    const result = spawnSync(bin('jupyter'), ['modernize', 'run', path.join(dir, 'passenger-survival-2017.ipynb')], { encoding: 'utf8', env, cwd: tmp });
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: expect.stringMatching(/^modernized \(ran clean, numbers match\): /) });
    expect(fs.existsSync(path.join(dir, 'passenger-survival-2017.modernized.ipynb'))).toBe(true);
  }, 300000);

  it('should say clearly when node is missing', () => {
    const result = spawnSync(bin('jupyter-modernize'), ['--help'], { encoding: 'utf8', env: { ...process.env, PATH: path.join(venv, 'bin'), NODE: '' } });
    expect(result.status).toBe(127);
    expect(result.stderr).toMatch(/^jupyter-modernize: error: Node\.js was not found\./);
  });
});
