/**
 * The fault and bad-input suite: each case gets one clear line (or a run that
 * goes on), leaves the original files byte-identical, and puts the API key
 * nowhere (outputs, report, progress log).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { main } from '../../src/cli/main';
import { runNotebook } from '../../src/cli/run';
import type { IRunOptions } from '../../src/cli/run';
import type { IJupyterServer } from '../../src/cli/server';
import { readProvenance } from '../../src/core/notebook/provenance';
import { startTestServer } from '../helpers/jupyter';
import { ScriptedOpenAIServer } from '../helpers/openai-server';
import type { ScriptStep } from '../helpers/openai-server';

const KEY = 'fake-key-faults-5e0c2b7a91d4';

const hash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function code(source: string, extra: Record<string, unknown> = {}) {
  return { cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null, ...extra };
}

function write(content: string | object, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-fault-'));
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
  }
  const file = path.join(dir, 'nb.ipynb');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const notebook = (cells: object[], metadata: object = { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } }) => ({
  nbformat: 4,
  nbformat_minor: 2,
  metadata,
  cells
});

/** `main([...])` with stderr and stdout captured. */
async function cli(argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(chunk => ((stderr += String(chunk)), true));
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => ((stdout += String(chunk)), true));
  try {
    return { code: await main(argv), stderr, stdout };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

describe('faults and bad input', () => {
  let server: IJupyterServer;
  let llm: ScriptedOpenAIServer;
  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer(), ScriptedOpenAIServer.start()]);
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), llm?.stop()]);
  });

  /** A run with the LLM on (the key in play) whose every written byte is checked for the key. */
  async function run(file: string, script: ScriptStep[] = [], options: Partial<IRunOptions> = {}) {
    llm.reset(script);
    const before = hash(file);
    const progress = new PassThrough();
    let log = '';
    progress.on('data', chunk => (log += chunk.toString()));
    const report = await runNotebook(
      {
        notebook: file,
        accept: 'all',
        cellTimeoutSeconds: 60,
        progress,
        llm: { baseURL: llm.baseURL, apiKey: KEY, model: 'm', temperature: 0, retryBaseMs: 5, maxRetries: 1, timeoutMs: 3000 },
        ...options
      },
      { server }
    );
    expect(hash(file)).toBe(before);
    const written = [file.replace(/\.ipynb$/, '.modernized.ipynb'), file.replace(/\.ipynb$/, '.modernize.json')].map(f => fs.readFileSync(f, 'utf8'));
    for (const text of [...written, log, JSON.stringify(llm.requests.map(r => r.body))]) {
      expect(text).not.toContain(KEY);
    }
    return { report, log, out: JSON.parse(written[0]) };
  }

  it.each([
    ['broken JSON', '{"cells": [', /not valid JSON/],
    ['an empty file', '', /is empty/],
    ['JSON that is not a notebook', '[1, 2]', /not a notebook/]
  ])('should refuse %s in one line, exit 2, file untouched', async (_, text, message) => {
    const file = write(text);
    const before = hash(file);
    const result = await cli(['run', file]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(hash(file)).toBe(before);
    expect(fs.existsSync(file.replace(/\.ipynb$/, '.modernized.ipynb'))).toBe(false);
  });

  it('should refuse a notebook for a non-Python kernel in one line', async () => {
    const file = write(notebook([code('x <- 1')], { kernelspec: { name: 'ir', language: 'R', display_name: 'R' }, language_info: { name: 'R' } }));
    const result = await cli(['run', file]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/runs on a r kernel; only Python/i)]);
  });

  it('should convert nbformat 3 and leave the original byte-identical', async () => {
    const file = write({
      nbformat: 3,
      nbformat_minor: 0,
      metadata: {},
      worksheets: [{ cells: [{ cell_type: 'code', input: 'print(6 * 7)', language: 'python', outputs: [] }] }]
    });
    const { report, out } = await run(file);
    expect(report.notes.join(' ')).toMatch(/nbformat 3/);
    expect(out.cells[0].outputs[0].text).toBe('42\n');
  });

  it('should go on after a 20 MB output', async () => {
    const file = write(notebook([code('import sys\nfor _ in range(20):\n    sys.stdout.write("x" * 1_000_000)'), code('print("after")')]));
    const { report, out } = await run(file);
    expect(report.cells.map(cell => cell.status)).toEqual(['ok', 'ok']);
    expect(out.cells[1].outputs[0].text).toBe('after\n');
  });

  it('should go on after os._exit mid-run, with the state replayed', async () => {
    const file = write(notebook([code('x = 5'), code('import os\nos._exit(1)'), code('print(x * 2)')]));
    const { report, out } = await run(file);
    expect(report.cells[1].diagnosis?.category).toBe('kernel-died');
    expect(out.cells[2].outputs[0].text).toBe('10\n');
  });

  it('should read malicious provenance as data: no crash, only web links kept', async () => {
    const file = write(
      notebook([
        code('print(1)', { metadata: { modernizer: { version: 1, original: 'print(1)', changes: [{ after: 'print(1)', sources: ['javascript:alert(document.cookie)'], origin: { x: 1 } }, null] } } }),
        code('print(2)', { metadata: { modernizer: { original: 7, changes: 'nope' } } })
      ])
    );
    const { report, out } = await run(file);
    expect(report.cells.map(cell => cell.status)).toEqual(['ok', 'ok']);
    const provenance = readProvenance(out.cells[0].metadata)!;
    expect(provenance.changes[0].sources).toEqual([]);
    expect(provenance.problems?.length).toBeGreaterThan(0);
  });

  describe('an LLM that fails', () => {
    const failing = () => write(notebook([code('def f(a, *, b):\n    return a + b'), code('print(f(1, 2))')]));

    it.each<[string, ScriptStep[], RegExp]>([
      ['401', [{ status: 401, message: `bad key ${KEY}` }], /refused the API key|401/],
      ['404', [{ status: 404, message: 'no such model' }], /404|no such/i],
      ['429', [{ status: 429, message: 'slow down' }, { status: 429, message: 'slow down' }, { status: 429, message: 'slow down' }], /429|rate/i],
      ['500', [{ status: 500, message: 'boom' }, { status: 500, message: 'boom' }, { status: 500, message: 'boom' }], /500|failed/i],
      ['garbage', [{ answer: 'not json at all' }, { answer: '{"source": 3}' }, { answer: '<html>' }], /./],
      ['never', [{ answer: 'late', delayMs: 60000 }, { answer: 'late', delayMs: 60000 }], /time|answer/i]
    ])('should say so when it answers %s, finish the run and apply nothing', async (_, script, message) => {
      const { report } = await run(failing(), script);
      const cell = report.cells[1];
      expect(cell.status).toBe('error');
      expect(cell.patches.filter(patch => patch.accepted)).toEqual([]);
      expect(JSON.stringify(report)).toMatch(message);
    });
  });
});
