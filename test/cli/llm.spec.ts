/**
 * `jupyter-modernize run --llm` end to end: a real server and kernel, the real
 * `openai` client, and a scripted OpenAI-compatible endpoint on loopback.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { main, parseRunArgs, runNotebook } from '../../src/cli/main';
import type { IRunOptions } from '../../src/cli/main';
import type { IJupyterServer } from '../../src/cli/server';
import { readProvenance } from '../../src/core/provenance';
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
    expect(prompt).toMatch(/Traceback \(last lines\):\n```\n[\s\S]*----> 1 scaled = scale_columns\(df, \['a', 'b'\], 10\)/);
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

  describe('arguments', () => {
    const env = { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_API_KEY: KEY, MODERNIZER_MODEL: 'env-model' };

    it('should read the endpoint from the environment, --model and --llm-attempts from the line', () => {
      expect(parseRunArgs(['nb.ipynb', '--llm'], env).llm).toMatchObject({ baseURL: env.OPENAI_BASE_URL, apiKey: KEY, model: 'env-model', maxAttemptsPerCell: 3 });
      expect(parseRunArgs(['nb.ipynb', '--llm', '--model', 'other', '--llm-attempts', '5'], env).llm).toMatchObject({ model: 'other', maxAttemptsPerCell: 5 });
      expect(parseRunArgs(['nb.ipynb'], env).llm).toBeUndefined();
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
