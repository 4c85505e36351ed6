/**
 * Secrets never reach a kernel or another user's `ps`: the API key is not in
 * the environment of kernels the CLI's server starts, and the server's token
 * is not on its command line.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runNotebook } from '../../src/cli/run';
import { startJupyterServer } from '../../src/cli/server';
import type { IJupyterServer } from '../../src/cli/server';

const KEY = 'fake-key-kernel-env-3b9e1d7c05a4';
const ALIAS = 'MODERNIZER_FAULTS_OTHER_NAME';

describe('startJupyterServer()', () => {
  let server: IJupyterServer;
  let dir: string;
  const saved = { key: process.env.OPENAI_API_KEY, alias: process.env[ALIAS] };

  beforeAll(async () => {
    process.env.OPENAI_API_KEY = KEY;
    // The same key under a name the settings could use instead.
    process.env[ALIAS] = KEY;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-secrets-'));
    try {
      server = await startJupyterServer({ rootDir: dir });
    } finally {
      restore('OPENAI_API_KEY', saved.key);
      restore(ALIAS, saved.alias);
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('should start kernels without the API key in their environment', async () => {
    const file = path.join(dir, 'env.ipynb');
    fs.writeFileSync(
      file,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
        cells: [
          {
            cell_type: 'code',
            id: 'a',
            metadata: {},
            outputs: [],
            execution_count: null,
            source: `import os\nprint(os.environ.get("OPENAI_API_KEY"))\nprint(sorted(k for k, v in os.environ.items() if "${KEY.slice(0, 12)}" in v))`
          }
        ]
      })
    );
    const report = await runNotebook({ notebook: file, accept: 'none', cellTimeoutSeconds: 60 }, { server });
    expect(report.summary.failing).toBe(0);
    const written = fs.readFileSync(path.join(dir, 'env.modernized.ipynb'), 'utf8');
    expect(written).toContain('None\\n[]\\n');
    expect(written).not.toContain(KEY);
  });

  it('should keep the token off the server command line', () => {
    expect(server.pid).toEqual(expect.any(Number));
    const cmdline = fs.readFileSync(`/proc/${server.pid}/cmdline`, 'utf8');
    expect(cmdline).toContain('server');
    expect(cmdline).not.toContain(server.token);
  });

  it('should keep the token out of the kernels environment', async () => {
    const file = path.join(dir, 'token.ipynb');
    fs.writeFileSync(
      file,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          {
            cell_type: 'code',
            id: 'a',
            metadata: {},
            outputs: [],
            execution_count: null,
            source: `import os\nprint([k for k, v in os.environ.items() if "${server.token}" in v])`
          }
        ]
      })
    );
    await runNotebook({ notebook: file, accept: 'none', cellTimeoutSeconds: 60 }, { server });
    const written = fs.readFileSync(path.join(dir, 'token.modernized.ipynb'), 'utf8');
    expect(written).toContain('[]\\n');
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) {
    delete process.env[name];
  } else {
    process.env[name] = value;
  }
}
