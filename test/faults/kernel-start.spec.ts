/**
 * A kernel that dies as it starts: the run stops with one clear line instead
 * of waiting forever, and the notebook is untouched.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';

describe('a kernel that dies at start', () => {
  const saved = process.env.JUPYTER_PATH;
  let dir: string;

  beforeAll(() => {
    const specs = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-kernels-'));
    fs.mkdirSync(path.join(specs, 'kernels', 'dies-at-start'), { recursive: true });
    fs.writeFileSync(
      path.join(specs, 'kernels', 'dies-at-start', 'kernel.json'),
      JSON.stringify({ argv: ['python3', '-c', 'import sys; sys.exit(3)', '{connection_file}'], display_name: 'Dies', language: 'python' })
    );
    process.env.JUPYTER_PATH = specs;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-dies-'));
  });

  afterAll(() => {
    if (saved === undefined) {
      delete process.env.JUPYTER_PATH;
    } else {
      process.env.JUPYTER_PATH = saved;
    }
  });

  it('should stop with one clear line and leave the notebook byte-identical', async () => {
    const file = path.join(dir, 'nb.ipynb');
    fs.writeFileSync(
      file,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { name: 'dies-at-start', language: 'python', display_name: 'Dies' } },
        cells: [{ cell_type: 'code', id: 'a', source: 'print(1)', metadata: {}, outputs: [], execution_count: null }]
      })
    );
    const before = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    let stderr = '';
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(chunk => ((stderr += String(chunk)), true));
    let code: number;
    try {
      code = await main(['run', file, '--kernel', 'dies-at-start']);
    } finally {
      spy.mockRestore();
    }
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^jupyter-modernize: error: .*kernel.*(start|died|answer)/i)]);
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(before);
  }, 180000);
});
