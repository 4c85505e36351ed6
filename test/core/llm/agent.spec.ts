import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IAgentRequest } from '../../../src/core/llm/patchagent';
import { CachedChatModel, LlmAgent, OpenAIChatModel } from '../../../src/core/llm';
import type { IStoredAnswer } from '../../../src/core/llm';
import { AnswerFolder } from '../../../src/cli/llm';
import { NodeWorkspace } from '../../../src/cli/workspace';
import { ScriptedOpenAIServer } from '../../helpers/openai-server';
import type { ScriptStep } from '../../helpers/openai-server';

const KEY = 'fake-key-5f2c9a81d7e64b03';

const HELPER = "def scale_columns(frame, columns, *, factor):\n    return frame[columns] * factor";
const FAILING = "scaled = scale_columns(df, ['a', 'b'], 10)";
const FIXED = "scaled = scale_columns(df, ['a', 'b'], factor=10)";

function request(overrides: Partial<IAgentRequest> = {}): IAgentRequest {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-agent-'));
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'data', 'train.csv'), 'a,b,"label, final"\n1,2,0\n3,4,1\n');
  fs.writeFileSync(path.join(dir, 'old.ipynb'), '{}');
  return {
    cellIndex: 2,
    source: FAILING,
    diagnosis: {
      category: 'signature-change',
      message: "A call no longer fits its function's signature: scale_columns() takes 2 positional arguments but 3 were given.",
      line: 1,
      culprit: FAILING,
      error: {
        ename: 'TypeError',
        evalue: 'scale_columns() takes 2 positional arguments but 3 were given',
        traceback: [
          '---------------------------------------------------------------------------',
          'TypeError                                 Traceback (most recent call last)',
          `Cell In[3], line 1\n----> 1 ${FAILING}`,
          'TypeError: scale_columns() takes 2 positional arguments but 3 were given'
        ]
      }
    },
    environment: { python: '3.12.3', platform: 'Linux', packages: { pandas: '3.0.0', numpy: '2.3.1' } },
    definingCells: [
      { index: 1, source: HELPER },
      { index: 0, source: "import pandas as pd\ndf = pd.read_csv('data/train.csv')" }
    ],
    facts: [
      {
        library: 'pandas',
        version: '2.0',
        message: 'Most pandas method arguments became keyword-only in pandas 2.0.',
        source: 'https://pandas.pydata.org/docs/whatsnew/v2.0.0.html'
      }
    ],
    previousAttempts: [],
    workspace: new NodeWorkspace(dir),
    ...overrides
  };
}

describe('LlmAgent', () => {
  let server: ScriptedOpenAIServer;
  const model = (options: Partial<OpenAIChatModel.IOptions> = {}) =>
    new OpenAIChatModel({ baseURL: server.baseURL, apiKey: KEY, model: 'test-model', temperature: 0, retryBaseMs: 5, timeoutMs: 5000, ...options });
  const agent = (options: Partial<LlmAgent.IOptions> = {}, modelOptions: Partial<OpenAIChatModel.IOptions> = {}) =>
    new LlmAgent({ model: model(modelOptions), ...options });
  const script = (...steps: ScriptStep[]) => server.reset(steps);

  beforeAll(async () => {
    server = await ScriptedOpenAIServer.start();
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('#propose()', () => {
    it('should return the model patch with its rationale, origin and the tokens the API counted', async () => {
      script({ answer: { source: FIXED, rationale: 'factor is keyword-only now.' }, usage: { prompt_tokens: 812, completion_tokens: 41 } });
      const answer = await agent().propose(request());
      expect(answer.error).toBeUndefined();
      expect(answer.proposal).toEqual({ source: FIXED, rationale: 'factor is keyword-only now.', origin: 'llm:test-model', flags: [] });
      expect(answer.usage).toEqual({ calls: 1, inputTokens: 812, outputTokens: 41 });
      const sent = server.requests[0];
      expect(sent.path).toBe('/v1/chat/completions');
      expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(sent.body).toMatchObject({
        model: 'test-model',
        temperature: 0,
        response_format: { type: 'json_schema', json_schema: { name: 'cell_patch', strict: true } }
      });
      expect(sent.body.stream).toBeFalsy();
    });

    it('should send the cell, the traceback tail, versions, defining cells, facts and the CSV columns', async () => {
      script({ answer: { source: FIXED, rationale: 'r' } });
      await agent().propose(request());
      const prompt = server.lastPrompt;
      expect(prompt).toContain(`## The failing cell (cell 3)\n\`\`\`python\n${FAILING}\n\`\`\``);
      expect(prompt).toContain('TypeError: scale_columns() takes 2 positional arguments but 3 were given');
      expect(prompt).toContain(`----> 1 ${FAILING}`);
      expect(prompt).toContain('Python 3.12.3; pandas 3.0.0, numpy 2.3.1');
      expect(prompt).toContain(`### Cell 2\n\`\`\`python\n${HELPER}\n\`\`\``);
      expect(prompt).toContain("df = pd.read_csv('data/train.csv')");
      expect(prompt).toContain('Most pandas method arguments became keyword-only in pandas 2.0.');
      expect(prompt).toContain('train.csv  2 rows x 3 columns: a, b, label, final');
      expect(prompt).not.toContain('old.ipynb');
      expect(server.requests[0].body.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('"source"') });
    });

    it('should stream the answer through answerStreamed when asked to', async () => {
      const text = JSON.stringify({ source: FIXED, rationale: 'Keyword-only factor.' });
      const pieces = [text.slice(0, 10), text.slice(10, 30), text.slice(30)];
      script({ stream: pieces, usage: { prompt_tokens: 700, completion_tokens: 30 } });
      const streaming = agent({ stream: true });
      const deltas: LlmAgent.IDelta[] = [];
      streaming.answerStreamed.connect((_, delta) => deltas.push(delta));
      const answer = await streaming.propose(request());
      expect(server.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
      expect(deltas.map(d => d.delta).join('')).toBe(text);
      expect(deltas.every(d => d.cellIndex === 2 && d.attempt === 1)).toBe(true);
      expect(answer.proposal?.source).toBe(FIXED);
      expect(answer.usage).toEqual({ calls: 1, inputTokens: 700, outputTokens: 30 });
    });

    it('should estimate tokens when the endpoint reports none', async () => {
      script({ answer: { source: FIXED, rationale: 'r' }, usage: null });
      const answer = await agent().propose(request());
      expect(answer.usage.calls).toBe(1);
      expect(answer.usage.inputTokens).toBeGreaterThan(100);
      expect(answer.usage.outputTokens).toBeGreaterThan(5);
    });

    it('should fall back to a fenced block where the endpoint has no structured output', async () => {
      script(
        { status: 400, message: "response_format 'json_schema' is not supported by this server" },
        { answer: `The keyword is required now.\n\n\`\`\`python\n${FIXED}\n\`\`\`\n` }
      );
      const chat = model();
      const first = await new LlmAgent({ model: chat }).propose(request());
      expect(server.requests.map(r => r.body.response_format?.type)).toEqual(['json_schema', undefined]);
      expect(first.proposal).toMatchObject({ source: FIXED, rationale: 'The keyword is required now.' });
      // The model remembers: no more schema requests.
      script({ answer: `\`\`\`python\n${FIXED}\n\`\`\`` });
      await new LlmAgent({ model: chat }).propose(request());
      expect(server.requests[0].body.response_format).toBeUndefined();
    });

    it('should ask again when an answer does not parse, saying so', async () => {
      script({ answer: { source: 'scaled = scale_columns(df, [a, b], factor=)', rationale: 'x' } }, { answer: { source: FIXED, rationale: 'ok' } });
      const answer = await agent().propose(request());
      expect(server.requests).toHaveLength(2);
      expect(server.lastPrompt).toContain('It does not parse as Python 3.');
      expect(answer.proposal?.source).toBe(FIXED);
      expect(answer.usage.calls).toBe(2);
    });

    it('should accept IPython magics in an answer', async () => {
      script({ answer: { source: `%matplotlib inline\n${FIXED}`, rationale: 'ok' } });
      expect((await agent().propose(request())).proposal?.source).toBe(`%matplotlib inline\n${FIXED}`);
    });

    it('should report an answer with no usable code once the budget is spent', async () => {
      script({ answer: 'I cannot help with that.' }, { answer: '{"rationale": "none"}' });
      const answer = await agent({ maxAttemptsPerCell: 2 }).propose(request());
      expect(answer.proposal).toBeUndefined();
      expect(answer.error).toBe("The model's answers held no usable code (2 of 2 attempts).");
      expect(answer.usage.calls).toBe(2);
    });

    it('should carry the previous attempts and their errors, and stop at the budget', async () => {
      const attempt = {
        source: "scaled = scale_columns(df, ['a', 'b'], scale=10)",
        error: { ename: 'TypeError', evalue: "scale_columns() got an unexpected keyword argument 'scale'", traceback: ['TypeError: boom'] }
      };
      script({ answer: { source: FIXED, rationale: 'ok' } });
      await agent().propose(request({ previousAttempts: [attempt] }));
      expect(server.lastPrompt).toContain("scaled = scale_columns(df, ['a', 'b'], scale=10)");
      expect(server.lastPrompt).toContain("It ran and failed:\n```untrusted\nTypeError: scale_columns() got an unexpected keyword argument 'scale'");

      script();
      const spent = await agent({ maxAttemptsPerCell: 1 }).propose(request({ previousAttempts: [attempt] }));
      expect(server.requests).toHaveLength(0);
      expect(spent.error).toBe('No model patch made this cell run within 1 attempts.');
    });

    it('should count unusable answers of earlier asks against the same cell budget', async () => {
      const budgeted = agent({ maxAttemptsPerCell: 3 });
      const attempts: IAgentRequest['previousAttempts'] = [];
      script({ answer: 'no code here' }, { answer: { source: "scaled = scale_columns(df, ['a'], scale=10)", rationale: 'r' } });
      const first = await budgeted.propose(request({ previousAttempts: attempts }));
      expect(first.usage.calls).toBe(2);
      // The loop ran it; it failed; it asks again with the same list.
      attempts.push({ source: first.proposal!.source, error: { ename: 'TypeError', evalue: 'boom', traceback: [] } });
      script({ answer: 'still no code' }, { answer: { source: FIXED, rationale: 'never asked' } });
      const second = await budgeted.propose(request({ previousAttempts: attempts }));
      expect(second.usage.calls).toBe(1);
      expect(second.proposal).toBeUndefined();
      expect(second.error).toBe('No model patch made this cell run within 3 attempts.');
    });

    it('should flag a patch that changes results or adds a shell command', async () => {
      const before = 'model = RandomForestClassifier(n_estimators=500)\nmodel.fit(X, y)';
      script({ answer: { source: '!pip install scikit-learn==0.19\nmodel = RandomForestClassifier(n_estimators=50)\nmodel.fit(X, y)', rationale: 'faster' } });
      const answer = await agent().propose(request({ source: before }));
      expect(answer.proposal?.flags.map(f => f.kind)).toEqual(['changes-results', 'installs-package']);
      expect(answer.proposal?.flags[0].message).toBe('This changes n_estimators from 500 to 50 in RandomForestClassifier().');
    });
  });

  describe('errors', () => {
    it.each<[string, ScriptStep[], Partial<OpenAIChatModel.IOptions>, string, number]>([
      [
        'a bad key (401)',
        [{ status: 401, message: `Incorrect API key provided: ${KEY}.`, code: 'invalid_api_key' }],
        {},
        'The LLM endpoint refused the API key (401); check OPENAI_API_KEY or the key configured on the server.',
        1
      ],
      [
        'an unknown model (404)',
        [{ status: 404, message: 'The model `test-model` does not exist', code: 'model_not_found' }],
        {},
        'The LLM endpoint does not know the model "test-model" (404); check MODERNIZER_MODEL or --model.',
        1
      ],
      [
        'a rate limit that lasts (429)',
        [429, 429, 429].map(status => ({ status, message: 'Rate limit reached' })),
        { maxRetries: 2 },
        'The LLM endpoint kept rate-limiting requests (429) after 2 retries; try again later.',
        3
      ],
      ['a server error (500)', [{ status: 500, message: 'upstream crashed' }], {}, 'The LLM endpoint failed with a server error (500).', 1],
      ['a server error (503)', [{ status: 503, message: 'overloaded' }], {}, 'The LLM endpoint failed with a server error (503).', 1],
      [
        'a timeout',
        [{ answer: { source: FIXED, rationale: 'late' }, delayMs: 1500 }],
        { timeoutMs: 300 },
        'The LLM endpoint did not answer within 0.3 s.',
        1
      ],
      [
        'a prompt too long even trimmed',
        [1, 2].map(() => ({ status: 400, message: "This model's maximum context length is 4096 tokens.", code: 'context_length_exceeded' })),
        {},
        'The prompt is too long for the model "test-model" even with the context trimmed.',
        2
      ],
      [
        'another bad request, the key masked',
        [{ status: 400, message: `Invalid value for temperature (key ${KEY})` }],
        {},
        'The LLM endpoint rejected the request (400): Invalid value for temperature (key ***).',
        1
      ]
    ])('should explain %s in one sentence', async (_what, steps, options, sentence, calls) => {
      script(...steps);
      const answer = await agent({}, options).propose(request());
      expect(answer.proposal).toBeUndefined();
      expect(answer.error).toBe(sentence);
      expect(answer.error).not.toContain(KEY);
      expect(server.requests).toHaveLength(calls);
    });

    it('should retry a rate limit with backoff and then answer', async () => {
      script(
        { status: 429, message: 'slow down', headers: { 'retry-after-ms': '120' } },
        { answer: { source: FIXED, rationale: 'ok' } }
      );
      const started = Date.now();
      const answer = await agent().propose(request());
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);
      expect(answer.proposal?.source).toBe(FIXED);
      expect(server.requests).toHaveLength(2);
    });

    it('should trim the context and retry once when the prompt is too long', async () => {
      const many = Array.from({ length: 6 }, (_, i) => ({ index: i, source: `x${i} = ${i}\n` + '# padding\n'.repeat(200) }));
      script(
        { status: 400, message: "This model's maximum context length is 4096 tokens. Please reduce the length of the messages." },
        { answer: { source: FIXED, rationale: 'ok' } }
      );
      const answer = await agent().propose(request({ definingCells: many }));
      expect(answer.proposal?.source).toBe(FIXED);
      const [long, short] = server.requests.map(r => r.body.messages[1].content as string);
      expect(short.length).toBeLessThan(long.length / 2);
      expect((long.match(/### Cell/g) ?? []).length).toBeGreaterThan((short.match(/### Cell/g) ?? []).length);
      expect(short).toContain(FAILING);
    });
  });

  describe('#proposeNotebook()', () => {
    const notebookRequest = () => {
      const cell = request();
      return {
        cellIndex: 2,
        cells: [
          { index: 0, source: "import pandas as pd\ndf = pd.read_csv('data/train.csv')", originalSource: "import pandas as pd\ndf = pd.read_csv('data/train.csv')" },
          { index: 1, source: HELPER, originalSource: HELPER },
          { index: 2, source: FAILING, originalSource: FAILING }
        ],
        errors: [{ index: 2, message: cell.diagnosis.message, error: cell.diagnosis.error }],
        diagnosis: cell.diagnosis,
        environment: cell.environment,
        facts: [],
        previousAttempts: [{ source: FIXED.replace('factor', 'scale'), error: { ename: 'TypeError', evalue: "unexpected keyword argument 'scale'", traceback: [] } }],
        workspace: cell.workspace
      };
    };

    it('should send back an edit to a cell not shown, then return the edits with the drift of each', async () => {
      const helper = 'def scale_columns(frame, columns, factor):\n    return frame[columns] * factor';
      script(
        { answer: JSON.stringify({ edits: [{ cell: 7, source: 'x = 1' }], rationale: 'r' }) },
        {
          answer: JSON.stringify({
            edits: [
              { cell: 2, source: helper },
              { cell: 1, source: "import pandas as pd\ndf = pd.read_csv('data/train.csv').head(1)" }
            ],
            rationale: 'The helper made factor keyword-only.'
          }),
          usage: { prompt_tokens: 1500, completion_tokens: 90 }
        }
      );
      const answer = await agent({ prices: { 'test-model': { input: 1, output: 10 } } }).proposeNotebook(notebookRequest());
      expect(server.requests).toHaveLength(2);
      expect(server.lastPrompt).toContain('Cell 7 is not one of the cells shown.');
      expect(server.lastPrompt).toContain('### Cell 3 (fails)');
      expect(answer.proposal).toEqual({
        edits: [
          { index: 0, source: "import pandas as pd\ndf = pd.read_csv('data/train.csv').head(1)", flags: [{ kind: 'changes-results', message: expect.stringContaining('adds row sampling') }] },
          { index: 1, source: helper, flags: [] }
        ],
        rationale: 'The helper made factor keyword-only.',
        origin: 'llm:test-model'
      });
      expect(answer.usage).toMatchObject({ calls: 2, inputTokens: 1500, outputTokens: 90 });
    });
  });

  describe('cost', () => {
    const prices = { 'test-model': { input: 2, cachedInput: 0.5, output: 8 } };

    it('should give every answer its cost by the price table, prompt-cache tokens at their price', async () => {
      script({
        answer: { source: FIXED, rationale: 'ok' },
        usage: { prompt_tokens: 1000, completion_tokens: 50, prompt_tokens_details: { cached_tokens: 600 } }
      });
      const answer = await agent({ prices }).propose(request());
      // 400 fresh x $2 + 600 cached x $0.5 + 50 out x $8, per million.
      expect(answer.usage).toEqual({ calls: 1, inputTokens: 1000, cachedInputTokens: 600, outputTokens: 50, costUsd: (800 + 300 + 400) / 1e6 });
    });

    it('should leave the cost unknown for a model the table does not price', async () => {
      script({ answer: { source: FIXED, rationale: 'ok' }, usage: { prompt_tokens: 1000, completion_tokens: 50 } });
      const answer = await agent({ prices: { 'other-model': { input: 1, output: 1 } } }).propose(request());
      expect(answer.usage.costUsd).toBeUndefined();
      expect(answer.usage.inputTokens).toBe(1000);
    });

    it('should reuse a stored answer for the same prompt: a cache hit, no call, no cost', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cache-'));
      // A new agent each time, as for each notebook of a batch: only the folder is shared.
      const cached = () => {
        const fresh = new LlmAgent({ model: new CachedChatModel({ model: model(), store: new AnswerFolder(dir) }), prices });
        return (asked: IAgentRequest) => fresh.propose(asked);
      };
      script({ answer: { source: FIXED, rationale: 'factor is keyword-only.' }, usage: { prompt_tokens: 900, completion_tokens: 40 } });
      const first = await cached()(request());
      expect(first.usage).toMatchObject({ calls: 1, inputTokens: 900, outputTokens: 40 });
      expect(first.usage.cacheHits).toBeUndefined();
      const second = await cached()(request());
      expect(server.requests).toHaveLength(1);
      expect(second.proposal).toEqual(first.proposal);
      expect(second.usage).toEqual({ calls: 0, inputTokens: 0, outputTokens: 0, cacheHits: 1, costUsd: 0 });

      // Another failure is another prompt: asked.
      script({ answer: { source: FIXED, rationale: 'ok' }, usage: { prompt_tokens: 900, completion_tokens: 40 } });
      const other = await cached()(request({ source: FAILING + '\nprint(scaled)' }));
      expect(other.usage.calls).toBe(1);
      expect(server.requests).toHaveLength(1);

      // One file per model and prompt hash; no key, no endpoint in it.
      const files = fs.readdirSync(dir);
      expect(files).toHaveLength(2);
      expect(files.every(name => /^[0-9a-f]{64}\.json$/.test(name))).toBe(true);
      const stored = files.map(name => fs.readFileSync(path.join(dir, name), 'utf8')).join('\n');
      expect(stored).not.toContain(KEY);
      expect(stored).not.toContain(server.baseURL);
      expect(JSON.parse(fs.readFileSync(path.join(dir, files[0]), 'utf8'))).toMatchObject({ requestedModel: 'test-model', model: 'test-model' });
    });

    it('should not share answers between models', async () => {
      const answers = new Map<string, IStoredAnswer>();
      const store = {
        get: async (name: string, prompt: string) => answers.get(name + prompt),
        set: async (name: string, prompt: string, answer: IStoredAnswer) => void answers.set(name + prompt, answer)
      };
      script(
        { answer: { source: FIXED, rationale: 'a' }, usage: { prompt_tokens: 10, completion_tokens: 1 } },
        { answer: { source: FIXED, rationale: 'b' }, usage: { prompt_tokens: 10, completion_tokens: 1 } }
      );
      await new LlmAgent({ model: new CachedChatModel({ model: model(), store }) }).propose(request());
      const other = await new LlmAgent({ model: new CachedChatModel({ model: model({ model: 'other-model' }), store }) }).propose(request());
      expect(server.requests).toHaveLength(2);
      expect(other.proposal?.rationale).toBe('b');
    });
  });
});
