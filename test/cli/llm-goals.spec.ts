/**
 * The agent's speed-ups and calibrations end to end: `run --llm --accept all`
 * on a real server and kernel, the real `openai` client, and the scripted
 * OpenAI-compatible endpoint on loopback.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runNotebook } from '../../src/cli/run';
import type { IRunOptions } from '../../src/cli/run';
import type { IJupyterServer } from '../../src/cli/server';
import { startTestServer } from '../helpers/jupyter';
import { ScriptedOpenAIServer } from '../helpers/openai-server';
import type { ScriptStep } from '../helpers/openai-server';

const KEY = 'fake-key-goals-3a8e61f0c2d74b95';

/** A notebook whose code cells carry the outputs the author's run saved. */
function writeNotebook(cells: { source: string; printed?: string }[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-goals-'));
  const notebook = {
    nbformat: 4,
    nbformat_minor: 2,
    metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
    cells: cells.map((cell, i) => ({
      cell_type: 'code',
      source: cell.source,
      metadata: {},
      outputs: cell.printed ? [{ output_type: 'stream', name: 'stdout', text: cell.printed }] : [],
      execution_count: i + 1
    }))
  };
  const file = path.join(dir, 'old.ipynb');
  fs.writeFileSync(file, JSON.stringify(notebook));
  return file;
}

describe('jupyter-modernize run --llm: speed-ups and calibrations', () => {
  let jupyter: IJupyterServer;
  let llm: ScriptedOpenAIServer;

  const run = async (notebook: string, script: ScriptStep[], options: Partial<IRunOptions> = {}) => {
    llm.reset(script);
    const report = await runNotebook(
      {
        notebook,
        accept: 'all',
        cellTimeoutSeconds: 60,
        llm: { baseURL: llm.baseURL, apiKey: KEY, model: 'test-model', temperature: 0, retryBaseMs: 5, maxRetries: 1, timeoutMs: 20000 },
        ...options
      },
      { server: jupyter }
    );
    return { report, written: JSON.parse(fs.readFileSync(notebook.replace(/\.ipynb$/, '.modernized.ipynb'), 'utf8')) };
  };
  const prompts = () => llm.requests.map(request => ({ system: request.body.messages[0].content as string, user: request.body.messages[1].content as string }));

  beforeAll(async () => {
    [jupyter, llm] = await Promise.all([startTestServer(), ScriptedOpenAIServer.start()]);
  });

  afterAll(async () => {
    await Promise.all([jupyter?.stop(), llm?.stop()]);
  });

  describe('speed-up', () => {
    /** A loop that sleeps: 6 s against a 3 s budget. No runtime rule knows it. */
    const SLOW = 'import time\ntotal = 0\nfor i in range(30):\n    time.sleep(0.2)\n    total += i * i\nprint("mean", total / 30)';
    const FAST = 'total = sum(i * i for i in range(30))\nprint("mean", total / 30)';
    const WRONG = 'total = sum(i * 2 for i in range(30))\nprint("mean", total / 30)';
    const CUT = 'import time\ntotal = 0\nfor i in range(10):\n    time.sleep(0.2)\n    total += i * i\nprint("mean", total / 30)';

    it('should keep a speed-up that runs within the budget and prints the stored numbers, after undoing one that changed them', async () => {
      const notebook = writeNotebook([{ source: SLOW, printed: 'mean 285.1666666666667\n' }, { source: 'print("after", total / 30)', printed: 'after 285.1666666666667\n' }]);
      const { report, written } = await run(
        notebook,
        [
          { answer: { source: WRONG, rationale: 'Vectorized.' }, usage: { prompt_tokens: 700, completion_tokens: 40 } },
          { answer: { source: FAST, rationale: 'A generator sum instead of a sleeping loop.' }, usage: { prompt_tokens: 820, completion_tokens: 38 } }
        ],
        { cellTimeoutSeconds: 3 }
      );
      const cell = report.cells[0];
      expect(cell.status).toBe('fixed');
      expect(cell.patches.map(p => [p.after, p.label, p.accepted, p.reverted])).toEqual([
        [WRONG, 'runtime', false, true],
        [FAST, 'runtime', true, undefined]
      ]);
      expect(cell.scores.every(pair => pair.withinTolerance)).toBe(true);
      expect(cell.usage).toEqual({ calls: 2, inputTokens: 1520, outputTokens: 78 });
      expect(written.cells[0].source).toBe(FAST);
      expect(report.cells[1].status).toBe('ok');

      const [first, second] = prompts();
      expect(first.system).toMatch(/^You make one cell of an old Jupyter notebook run faster without changing what it computes\./);
      expect(first.user).toContain('## The slow cell (cell 1)\n```python\n' + SLOW);
      expect(first.user).toContain('The cell ran for more than 3 s, its budget, and was interrupted.');
      expect(first.user).not.toContain('## The error');
      expect(second.user).toContain('## Your earlier speed-ups for this cell, which did not work\n### Attempt 1\n```python\n' + WRONG);
      expect(second.user).toContain('It finished within the budget but changed the printed numbers (285.1666666666667 became 29.0).');
      // The model's own answers are not listed again among the offline speed-ups tried.
      expect(second.user).not.toContain('## Speed-ups already tried');
      if (process.env.MODERNIZER_TRANSCRIPT) {
        fs.writeFileSync(process.env.MODERNIZER_TRANSCRIPT + '.speed-up', JSON.stringify({ requests: llm.requests.map(r => r.body), report }, null, 2));
      }
    });

    it('should leave a result-changing cut as a labelled proposal, never applied with --accept all', async () => {
      const notebook = writeNotebook([{ source: SLOW, printed: 'mean 285.1666666666667\n' }]);
      const { report, written } = await run(notebook, [{ answer: { source: CUT, rationale: 'Fewer iterations.' } }], { cellTimeoutSeconds: 3 });
      const cell = report.cells[0];
      expect(cell.status).toBe('timeout');
      expect(cell.patches).toEqual([
        expect.objectContaining({
          label: 'runtime',
          accepted: false,
          flags: [{ kind: 'changes-results', message: 'This changes argument 1 of range() from 30 to 10.' }]
        })
      ]);
      expect(written.cells[0].source).toBe(SLOW);
    });
  });

  describe('notebook-level repair', () => {
    const CELLS = ['values = [3, 0, 4]', 'def inverse(x):\n    return 1 / x', 'print("sum of inverses", sum(inverse(v) for v in values))'];
    const CELL_ONLY = 'print("sum of inverses", sum(inverse(float(v)) for v in values))';
    const HELPER_FIXED = 'def inverse(x):\n    # An empty reading counts as nothing.\n    return 1 / x if x else 0.0';
    const CALL_FIXED = 'print("sum of inverses", round(sum(inverse(v) for v in values), 4))';

    it('should show the model the whole notebook when the cell alone fails, and apply its edits to two cells as one set', async () => {
      const notebook = writeNotebook(CELLS.map(source => ({ source })));
      const { report, written } = await run(
        notebook,
        [
          { answer: { source: CELL_ONLY, rationale: 'Floats divide by zero the same way.' }, usage: { prompt_tokens: 600, completion_tokens: 30 } },
          {
            answer: JSON.stringify({
              edits: [
                { cell: 2, source: HELPER_FIXED },
                { cell: 3, source: CALL_FIXED }
              ],
              rationale: 'The zero comes from the data in cell 1; inverse() in cell 2 must handle it, and cell 3 rounds the sum.'
            }),
            usage: { prompt_tokens: 900, completion_tokens: 80 }
          }
        ],
        { llm: { baseURL: llm.baseURL, apiKey: KEY, model: 'test-model', temperature: 0, timeoutMs: 20000, maxAttemptsPerCell: 1 } }
      );
      expect(llm.requests).toHaveLength(2);
      const failing = report.cells[2];
      expect(failing.status).toBe('fixed');
      expect(failing.agentError).toBeUndefined();
      expect(failing.usage).toEqual({ calls: 2, inputTokens: 1500, outputTokens: 110 });
      const helperPatch = report.cells[1].patches[0];
      const callPatch = failing.patches[failing.patches.length - 1];
      expect(helperPatch).toMatchObject({ origin: 'llm:test-model', accepted: true, after: HELPER_FIXED, setId: callPatch.id });
      expect(helperPatch.reason).toBe(
        'Part 1 of 2 of one notebook-level repair (cells 2, 3): The zero comes from the data in cell 1; inverse() in cell 2 must handle it, and cell 3 rounds the sum.'
      );
      expect(callPatch).toMatchObject({ origin: 'llm:test-model', accepted: true, after: CALL_FIXED, setId: callPatch.id });
      expect(written.cells[1].source).toBe(HELPER_FIXED);
      expect(written.cells[2].source).toBe(CALL_FIXED);
      expect(written.cells[2].outputs[0].text).toBe('sum of inverses 0.5833\n');

      const body = llm.requests[1].body;
      expect(body.response_format.json_schema.name).toBe('notebook_patch');
      expect(body.messages[0].content).toMatch(/^You repair an old Jupyter notebook/);
      const prompt = body.messages[1].content as string;
      expect(prompt).toContain("## The notebook's code cells, up to the failing one\n### Cell 1\n```python\nvalues = [3, 0, 4]\n```");
      expect(prompt).toContain('### Cell 3 (fails)');
      expect(prompt).toContain('## The failing cell: cell 3\nZeroDivisionError: float division by zero');
      expect(prompt).toContain('### Cell 3 (fails)\n```python\n' + CELL_ONLY);
      expect(prompt).toContain('### Attempt 1 (Cell 3 alone)\nIt is cell 3 as shown above: it failed with the error above.');
      if (process.env.MODERNIZER_TRANSCRIPT) {
        fs.writeFileSync(process.env.MODERNIZER_TRANSCRIPT + '.notebook', JSON.stringify({ requests: llm.requests.map(r => r.body), report }, null, 2));
      }
    });
  });

  describe('calibration', () => {
    /** A helper whose default window changed from 3 (the author's) to 5; no rule knows it. */
    const HELPER = 'def moving_sum(values, window=5):\n    return [sum(values[i:i + window]) for i in range(len(values) - window + 1)]';
    const DRIFTING = "sums = moving_sum(list(range(10)))\nprint('last mean:', sums[-1] / 10)";
    const HARD_CODED = "sums = moving_sum(list(range(10)))\nprint('last mean:', 2.4)";
    const NEARER = "sums = moving_sum(list(range(10)), window=4)\nprint('last mean:', sums[-1] / 10)";
    const RESTORED = "sums = moving_sum(list(range(10)), window=3)\nprint('last mean:', sums[-1] / 10)";

    it('should keep only a calibration that halves the gap, refuse a hard-coded figure, and tell the model each outcome', async () => {
      const notebook = writeNotebook([{ source: HELPER }, { source: DRIFTING, printed: 'last mean: 2.4\n' }, { source: "print('done')", printed: 'done\n' }]);
      const { report, written } = await run(notebook, [
        { answer: { source: HARD_CODED, rationale: 'Prints the expected value.' }, usage: { prompt_tokens: 900, completion_tokens: 30 } },
        { answer: { source: NEARER, rationale: 'A smaller window.' }, usage: { prompt_tokens: 1000, completion_tokens: 30 } },
        { answer: { source: RESTORED, rationale: 'moving_sum used window=3 when the notebook was written.' }, usage: { prompt_tokens: 1100, completion_tokens: 32 } }
      ]);
      const cell = report.cells[1];
      expect(cell.patches.map(p => [p.after, p.label, p.accepted, p.reverted])).toEqual([
        [HARD_CODED, 'score', false, undefined],
        [NEARER, 'score', false, true],
        [RESTORED, 'score', true, undefined]
      ]);
      expect(cell.patches[0].flags).toContainEqual({ kind: 'changes-results', message: "This writes the original's printed figure 2.4 into the code." });
      expect(cell.scores).toEqual([expect.objectContaining({ original: 2.4, now: 2.4, withinTolerance: true })]);
      expect(cell.status).toBe('fixed');
      expect(report.failedConditions).toEqual([]);
      expect(written.cells[1].source).toBe(RESTORED);
      expect(cell.usage).toEqual({ calls: 3, inputTokens: 3000, outputTokens: 92 });

      const [first, second, third] = prompts();
      expect(first.system).toMatch(/^You restore the numbers one cell of an old Jupyter notebook printed\./);
      expect(first.system).toContain('The goal is the original figure, not a better one.');
      expect(first.user).toContain('## The cell whose numbers drifted (cell 2)\n```python\n' + DRIFTING);
      expect(first.user).toContain('| 2.4 | 3.5 | last mean: … | drifted |');
      expect(first.user).toContain('### Cell 1\n```python\n' + HELPER);
      expect(second.user).toMatch(/It was not applied: .*This writes the original's printed figure 2\.4 into the code\./);
      expect(third.user).toContain('It ran but did not halve the gap, so it was undone. It printed 3.0 where the author\'s run printed 2.4.');
      if (process.env.MODERNIZER_TRANSCRIPT) {
        fs.writeFileSync(process.env.MODERNIZER_TRANSCRIPT + '.calibrate', JSON.stringify({ requests: llm.requests.map(r => r.body), report }, null, 2));
      }
    });
  });
});
