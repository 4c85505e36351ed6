/**
 * `jupyter-modernize run --llm` end to end: a real server and kernel, the real
 * `openai` client, and a scripted OpenAI-compatible endpoint on loopback.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { runBatch } from '../../src/cli/batch';
import { main } from '../../src/cli/main';
import { parseRunArgs, runNotebook } from '../../src/cli/run';
import type { IRunOptions } from '../../src/cli/run';
import type { IJupyterServer } from '../../src/cli/server';
import { readProvenance } from '../../src/core/notebook/provenance';
import { startTestServer } from '../helpers/jupyter';
import { ScriptedOpenAIServer } from '../helpers/openai-server';
import type { ScriptStep } from '../helpers/openai-server';

const KEY = 'fake-key-e2e-9d41c07be3a25f68';

/** A team helper whose signature changed: `factor` became keyword-only. No rule knows it. */
const CELLS = [
  "import pandas as pd\ndf = pd.read_csv('data/train.csv')",
  'def scale_columns(frame, columns, *, factor):\n    """Scale the given columns (factor is keyword-only since v2 of our helpers)."""\n    return frame[columns] * factor',
  "scaled = scale_columns(df, ['a', 'b'], 10)\nprint(scaled.sum().sum())",
  "print('rows:', len(scaled))",
  "print('independent cell')"
];
const FAILING = CELLS[2];
const FIXED = "scaled = scale_columns(df, ['a', 'b'], factor=10)\nprint(scaled.sum().sum())";
const WRONG = "scaled = scale_columns(df, ['a', 'b'], scale=10)\nprint(scaled.sum().sum())";

function writeNotebook(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-llm-'));
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'data', 'train.csv'), 'a,b,label\n1,2,0\n3,4,1\n5,6,0\n');
  const notebook = {
    nbformat: 4,
    nbformat_minor: 2,
    metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
    cells: CELLS.map(source => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null }))
  };
  const file = path.join(dir, 'helpers-2019.ipynb');
  fs.writeFileSync(file, JSON.stringify(notebook));
  return file;
}

describe('jupyter-modernize run --llm', () => {
  let jupyter: IJupyterServer;
  let llm: ScriptedOpenAIServer;
  let progress: string;

  const run = async (script: ScriptStep[], options: Partial<IRunOptions> = {}, llmOptions: Partial<NonNullable<IRunOptions['llm']>> = {}) => {
    llm.reset(script);
    const notebook = writeNotebook();
    const stream = new PassThrough();
    progress = '';
    stream.on('data', chunk => (progress += chunk.toString()));
    const report = await runNotebook(
      {
        notebook,
        accept: 'all',
        cellTimeoutSeconds: 60,
        progress: stream,
        llm: { baseURL: llm.baseURL, apiKey: KEY, model: 'test-model', temperature: 0, retryBaseMs: 5, maxRetries: 1, timeoutMs: 20000, ...llmOptions },
        ...options
      },
      { server: jupyter }
    );
    const written = {
      report: fs.readFileSync(notebook.replace(/\.ipynb$/, '.modernize.json'), 'utf8'),
      notebook: fs.readFileSync(notebook.replace(/\.ipynb$/, '.modernized.ipynb'), 'utf8')
    };
    return { report, written };
  };

  const keyNowhere = (written: { report: string; notebook: string }) => {
    expect(written.report).not.toContain(KEY);
    expect(written.notebook).not.toContain(KEY);
    expect(progress).not.toContain(KEY);
  };

  beforeAll(async () => {
    [jupyter, llm] = await Promise.all([startTestServer(), ScriptedOpenAIServer.start()]);
  });

  afterAll(async () => {
    await Promise.all([jupyter?.stop(), llm?.stop()]);
  });

  it('should apply the model patch with --accept all, run the cell, and count its tokens', async () => {
    const { report, written } = await run([
      { answer: { source: FIXED, rationale: 'factor is keyword-only in the helper defined in cell 2.' }, usage: { prompt_tokens: 1012, completion_tokens: 48 } }
    ]);
    expect(llm.requests).toHaveLength(1);
    const cell = report.cells.find(c => c.index === 2)!;
    expect(cell.status).toBe('fixed');
    expect(cell.usage).toEqual({ calls: 1, inputTokens: 1012, outputTokens: 48 });
    expect(cell.patches).toEqual([
      expect.objectContaining({ origin: 'llm:test-model', reason: 'factor is keyword-only in the helper defined in cell 2.', accepted: true, flags: [], after: FIXED })
    ]);
    expect(report.cells.find(c => c.index === 3)?.status).toBe('ok');
    expect(report.summary.usage).toEqual({ calls: 1, inputTokens: 1012, outputTokens: 48 });
    expect(report.verdict).toBe('modernized');

    const out = JSON.parse(written.notebook);
    expect(out.cells[2].source).toBe(FIXED);
    expect(out.cells[2].outputs[0].text).toBe('210\n');
    expect(readProvenance(out.cells[2].metadata)?.changes[0]).toMatchObject({ origin: 'llm:test-model' });

    // What the model was told.
    const prompt = llm.lastPrompt;
    expect(prompt).toContain('```python\n' + FAILING + '\n```');
    expect(prompt).toContain('TypeError: scale_columns() takes 2 positional arguments but 3 were given');
    expect(prompt).toMatch(/Traceback \(last lines\):\n```untrusted\n[\s\S]*----> 1 scaled = scale_columns\(df, \['a', 'b'\], 10\)/);
    expect(prompt).toMatch(/Python 3\.\d+\.\d+; .*pandas \d+\./);
    expect(prompt).toContain(CELLS[1]);
    expect(prompt).toContain(CELLS[0]);
    expect(prompt).toContain('## Known API changes matching this error\n- ');
    expect(prompt).toContain('train.csv  3 rows x 3 columns: a, b, label');
    expect(llm.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
    keyNowhere(written);

    if (process.env.MODERNIZER_TRANSCRIPT) {
      fs.writeFileSync(process.env.MODERNIZER_TRANSCRIPT, JSON.stringify({ requests: llm.requests.map(r => r.body), report }, null, 2));
    }
  });

  it('should send the new error back when the first answer fails, and apply the second', async () => {
    const { report, written } = await run([
      { answer: { source: WRONG, rationale: 'The keyword is scale.' }, usage: { prompt_tokens: 1000, completion_tokens: 45 } },
      { answer: { source: FIXED, rationale: 'The keyword is factor.' }, usage: { prompt_tokens: 1150, completion_tokens: 46 } }
    ]);
    expect(llm.requests).toHaveLength(2);
    const second = llm.lastPrompt;
    expect(second).toContain('## The failing cell (cell 3)\n```python\n' + WRONG);
    expect(second).toContain("TypeError: scale_columns() got an unexpected keyword argument 'scale'");
    expect(second).toContain('### Attempt 1\nIt is the failing cell above: it ran and failed with the error above.');
    const cell = report.cells.find(c => c.index === 2)!;
    expect(cell.status).toBe('fixed');
    expect(cell.patches.map(p => [p.before, p.after, p.accepted])).toEqual([
      [FAILING, WRONG, true],
      [WRONG, FIXED, true]
    ]);
    expect(cell.usage).toEqual({ calls: 2, inputTokens: 2150, outputTokens: 91 });
    expect(JSON.parse(written.notebook).cells[2].source).toBe(FIXED);
    keyNowhere(written);

    if (process.env.MODERNIZER_TRANSCRIPT) {
      fs.writeFileSync(process.env.MODERNIZER_TRANSCRIPT + '.retry', JSON.stringify({ requests: llm.requests.map(r => r.body), report }, null, 2));
    }
  });

  it('should propose and record but never apply a model patch with --accept rules', async () => {
    const { report, written } = await run([{ answer: { source: FIXED, rationale: 'ok' }, usage: { prompt_tokens: 900, completion_tokens: 40 } }], {
      accept: 'rules'
    });
    const cell = report.cells.find(c => c.index === 2)!;
    expect(cell.status).toBe('error');
    expect(cell.patches).toEqual([expect.objectContaining({ origin: 'llm:test-model', accepted: false, decidedBy: 'policy', after: FIXED })]);
    expect(cell.usage?.calls).toBe(1);
    expect(JSON.parse(written.notebook).cells[2].source).toBe(FAILING);
    expect(report.cells.find(c => c.index === 4)?.status).toBe('ok');
  });

  it('should not apply a flagged model patch even with --accept all', async () => {
    const sampled = "scaled = scale_columns(df.sample(frac=0.5), ['a', 'b'], factor=10)\nprint(scaled.sum().sum())";
    const { report } = await run([{ answer: { source: sampled, rationale: 'smaller' } }]);
    const patch = report.cells.find(c => c.index === 2)!.patches[0];
    expect(patch.accepted).toBe(false);
    expect(patch.flags).toEqual([{ kind: 'changes-results', message: expect.stringContaining('adds row sampling') }]);
  });

  it('should never apply a model patch that changes the data selection, even with --accept all', async () => {
    const drifting = "scaled = scale_columns(df[:2], ['a', 'b'], factor=10)\nprint(scaled.sum().sum())";
    const { report } = await run([{ answer: { source: drifting, rationale: 'factor is keyword-only.' } }]);
    const patch = report.cells.find(c => c.index === 2)!.patches[0];
    expect(patch).toMatchObject({ accepted: false, decidedBy: 'policy' });
    expect(patch.flags).toEqual([{ kind: 'changes-results', message: 'This adds the data selection [:2], which the original did not make.' }]);
    expect(report.cells.find(c => c.index === 2)?.status).toBe('error');
  });

  it('should report the cost per cell and notebook by the price table, and print it', async () => {
    const { report, written } = await run(
      [
        {
          answer: { source: FIXED, rationale: 'factor is keyword-only.' },
          usage: { prompt_tokens: 1200, completion_tokens: 60, prompt_tokens_details: { cached_tokens: 1000 } }
        }
      ],
      {},
      { prices: { 'test-model': { input: 2.5, cachedInput: 1.25, output: 10 } } }
    );
    // 200 fresh x $2.50 + 1000 cached x $1.25 + 60 out x $10, per million tokens.
    const cost = (200 * 2.5 + 1000 * 1.25 + 60 * 10) / 1e6;
    const usage = { calls: 1, inputTokens: 1200, cachedInputTokens: 1000, outputTokens: 60, costUsd: cost };
    expect(report.cells.find(c => c.index === 2)?.usage).toEqual(usage);
    expect(report.summary.usage).toEqual(usage);
    expect(JSON.parse(written.report).summary.usage.costUsd).toBeCloseTo(0.00235, 10);
    expect(progress).toContain('  LLM, cell 3: 1 LLM call, 1,200 tokens in (1,000 cached), 60 out, $0.0024\n');
    expect(progress).toContain('  LLM, notebook: 1 LLM call, 1,200 tokens in (1,000 cached), 60 out, $0.0024\n');
    keyNowhere(written);
  });

  it.each<[string, ScriptStep[], Partial<NonNullable<IRunOptions['llm']>>, RegExp]>([
    ['a bad key', [{ status: 401, message: `Incorrect API key provided: ${KEY}` }], {}, /^The LLM endpoint refused the API key \(401\)/],
    ['an unknown model', [{ status: 404, message: 'model not found' }], {}, /^The LLM endpoint does not know the model "test-model" \(404\)/],
    ['a rate limit', [429, 429].map(status => ({ status, message: 'slow down' })), {}, /^The LLM endpoint kept rate-limiting requests \(429\) after 1 retry/],
    ['a server error', [{ status: 502, message: 'bad gateway' }], {}, /^The LLM endpoint failed with a server error \(502\)\.$/],
    ['a timeout', [{ answer: { source: FIXED, rationale: 'late' }, delayMs: 3000 }], { timeoutMs: 400 }, /^The LLM endpoint did not answer within 0\.4 s\.$/],
    [
      'a prompt too long',
      [1, 2].map(() => ({ status: 400, message: "This model's maximum context length is 2048 tokens.", code: 'context_length_exceeded' })),
      {},
      /even with the context trimmed\.$/
    ],
    ['no usable code', [1, 2, 3].map(() => ({ answer: 'Sorry, I cannot see the problem.' })), {}, /^The model's answers held no usable code \(3 of 3 attempts\)\.$/]
  ])('should mark the cell and go on after %s', async (_what, script, llmOptions, sentence) => {
    const { report, written } = await run(script, {}, llmOptions);
    const cell = report.cells.find(c => c.index === 2)!;
    expect(cell.status).toBe('error');
    expect(cell.agentError).toMatch(sentence);
    expect(report.cells.find(c => c.index === 3)?.diagnosis?.category).toBe('consequence');
    expect(report.cells.find(c => c.index === 4)?.status).toBe('ok');
    keyNowhere(written);
  });

  describe('batch', () => {
    it('should answer the same failure in the same code once, then reuse it at no cost', async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-llm-batch-'));
      const dir = path.join(root, 'notebooks');
      fs.mkdirSync(dir);
      const first = writeNotebook();
      fs.cpSync(path.join(path.dirname(first), 'data'), path.join(dir, 'data'), { recursive: true });
      fs.copyFileSync(first, path.join(dir, 'course-a.ipynb'));
      fs.copyFileSync(first, path.join(dir, 'course-b.ipynb'));
      const out = path.join(root, 'out');
      llm.reset([{ answer: { source: FIXED, rationale: 'factor is keyword-only.' }, usage: { prompt_tokens: 1000, completion_tokens: 50 } }]);
      const { summary } = await runBatch({
        dir,
        out,
        jobs: 1,
        accept: 'all',
        cellTimeoutSeconds: 60,
        server: jupyter.url,
        token: jupyter.token,
        serverRoot: jupyter.rootDir,
        llm: { baseURL: llm.baseURL, apiKey: KEY, model: 'test-model', temperature: 0, timeoutMs: 20000, prices: { 'test-model': { input: 2, output: 8 } } }
      });
      expect(llm.requests).toHaveLength(1);
      const [a, b] = summary.notebooks;
      expect(a.verdict).toBe('modernized');
      expect(b.verdict).toBe('modernized');
      expect(a.llm).toEqual({ calls: 1, inputTokens: 1000, outputTokens: 50, costUsd: (2000 + 400) / 1e6 });
      expect(b.llm).toEqual({ calls: 0, inputTokens: 0, outputTokens: 0, cacheHits: 1, costUsd: 0 });
      expect(summary.totals.llm).toEqual({ calls: 1, inputTokens: 1000, outputTokens: 50, cacheHits: 1, costUsd: 0.0024 });
      const markdown = fs.readFileSync(path.join(out, 'summary.md'), 'utf8');
      expect(markdown).toContain('LLM: 1 LLM call, 1,000 tokens in, 50 out, 1 reused answer, $0.0024');
      expect(markdown).toContain('| course-b.ipynb | 0 | 0 | 0 | 0 | 1 | $0 |');
      expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('LLM: 1 LLM call, 1,000 tokens in, 50 out, 1 reused answer, $0.0024');
      // The answers are kept under the output folder, without the key.
      const cached = fs.readdirSync(path.join(out, 'llm-cache'));
      expect(cached).toHaveLength(1);
      for (const file of [...cached.map(name => path.join(out, 'llm-cache', name)), path.join(out, 'summary.json')]) {
        expect(fs.readFileSync(file, 'utf8')).not.toContain(KEY);
      }
    });
  });

  describe('arguments', () => {
    const env = { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_API_KEY: KEY, MODERNIZER_MODEL: 'env-model' };

    it('should read the endpoint from the environment, --model and --llm-attempts from the line', () => {
      expect(parseRunArgs(['nb.ipynb', '--llm'], env).llm).toMatchObject({ baseURL: env.OPENAI_BASE_URL, apiKey: KEY, model: 'env-model', maxAttemptsPerCell: 3 });
      expect(parseRunArgs(['nb.ipynb', '--llm', '--model', 'other', '--llm-attempts', '5'], env).llm).toMatchObject({ model: 'other', maxAttemptsPerCell: 5 });
      expect(parseRunArgs(['nb.ipynb'], env).llm).toBeUndefined();
    });

    it('should read the price table file and the answer cache folder', () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prices-')), 'prices.json');
      fs.writeFileSync(file, JSON.stringify({ 'env-model': { input: 0.15, cachedInput: 0.075, output: 0.6 } }));
      expect(parseRunArgs(['nb.ipynb', '--llm', '--llm-prices', file, '--llm-cache', '/tmp/answers'], env).llm).toMatchObject({
        prices: { 'env-model': { input: 0.15, cachedInput: 0.075, output: 0.6 } },
        cacheDir: '/tmp/answers'
      });
      expect(parseRunArgs(['nb.ipynb', '--llm'], { ...env, MODERNIZER_LLM_PRICES: file }).llm?.prices).toHaveProperty('env-model');
      expect(parseRunArgs(['nb.ipynb', '--llm', '--llm-cache', 'off'], env).llm).toMatchObject({ cacheOff: true });
      fs.writeFileSync(file, JSON.stringify({ 'env-model': { input: 'cheap' } }));
      expect(() => parseRunArgs(['nb.ipynb', '--llm', '--llm-prices', file], env)).toThrow(
        `--llm-prices ${file}: "env-model" needs input and output prices in USD per million tokens (and optionally cachedInput).`
      );
    });

    it('should exit 2 with one line when --llm lacks its environment', async () => {
      const saved = { ...process.env };
      delete process.env.OPENAI_API_KEY;
      delete process.env.MODERNIZER_MODEL;
      process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1';
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        expect(await main(['run', 'whatever.ipynb', '--llm'])).toBe(2);
        expect(stderr.mock.calls.map(call => String(call[0]))).toEqual([
          'jupyter-modernize: error: --llm needs OPENAI_API_KEY, MODERNIZER_MODEL (or --model) in the environment.\n'
        ]);
      } finally {
        stderr.mockRestore();
        process.env = saved;
      }
    });
  });
});
