/**
 * The families inside a whole run (a real kernel, the Modernizer): a mined
 * rename fixes the cell, later cells follow the renamed import, a helper
 * module beside the notebook is fixed from its traceback frame, and a fact
 * with no safe rewrite reaches the diagnosis and the LLM prompt in the
 * library's own words.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NodeWorkspace } from '../../src/cli/workspace';
import type { IJupyterServer } from '../../src/cli/server';
import { LlmAgent, OpenAIChatModel } from '../../src/core/llm';
import { PolicyDecider } from '../../src/core/run/policy';
import { RuleEngine } from '../../src/core/rules/engine';
import { kbFamilies } from '../../src/core/rules/families';
import { KnowledgeBase } from '../../src/core/rules/kb';
import { Modernizer } from '../../src/core/run';
import { FIXTURE_KB } from '../helpers/kbfixture';
import { startTestKernel, startTestServer } from '../helpers/jupyter';
import type { ITestKernel } from '../helpers/jupyter';
import { codeNotebook } from '../helpers/notebooks';
import { ScriptedOpenAIServer } from '../helpers/openai-server';

const KEY = 'fake-key-families-7c1e94d2a3b0';

describe('Modernizer with the rule families', () => {
  let server: IJupyterServer;
  let kernel: ITestKernel;
  let llm: ScriptedOpenAIServer;
  const rules = new RuleEngine([], kbFamilies(new KnowledgeBase(FIXTURE_KB)));

  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer(), ScriptedOpenAIServer.start()]);
  });
  beforeEach(async () => {
    kernel = await startTestKernel(server);
  });
  afterEach(async () => {
    await kernel?.shutdown();
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), llm?.stop()]);
  });

  it('should fix the cell with the mined fact and rename the import where later cells use it', async () => {
    const modernizer = new Modernizer({
      notebook: codeNotebook('from numpy import product\nprint(product([2, 3]))', 'print(product([4, 5]))'),
      session: kernel.session,
      rules,
      decider: new PolicyDecider('rules')
    });
    expect(await modernizer.run()).toBe('modernized');
    expect(modernizer.cells.map(cell => cell.source)).toEqual(['from numpy import prod\nprint(prod([2, 3]))', 'print(prod([4, 5]))']);
    expect(modernizer.cells[1].outputs[0]).toMatchObject({ text: '20\n' });
    const patch = modernizer.cells[0].patches[0];
    expect(patch).toMatchObject({ origin: 'rule:kb:numpy:attribute-renamed:numpy.product', accepted: true });
    expect(patch.facts[0].message).toContain('numpy 1.25.0 said: "`product` is deprecated as of NumPy 1.25.0');
  });

  it('should fix a helper module beside the notebook from its traceback frame', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'families-helper-'));
    const helper = 'import numpy as np\n\ndef total(values):\n    return np.product(values)\n';
    fs.writeFileSync(path.join(dir, 'kbhelper.py'), helper);
    const modernizer = new Modernizer({
      notebook: codeNotebook(`import sys\nsys.path.insert(0, ${JSON.stringify(dir)})\nfrom kbhelper import total`, 'print(total([2, 3, 4]))'),
      session: kernel.session,
      rules,
      decider: new PolicyDecider('rules'),
      workspace: new NodeWorkspace(dir)
    });
    expect(await modernizer.run()).toBe('modernized');
    expect(fs.readFileSync(path.join(dir, 'kbhelper.py'), 'utf8')).toBe(helper.replace('np.product', 'np.prod'));
    expect(modernizer.cells[1].outputs[0]).toMatchObject({ text: '24\n' });
  });

  it('should quote the library in the diagnosis and give the LLM the fact when no rewrite is safe', async () => {
    const fixed = "s = pd.Series([1.0, None])\nprint(len(s.dropna()))";
    llm.reset([{ answer: { source: fixed, rationale: 'Series.valid is Series.dropna.' } }]);
    const modernizer = new Modernizer({
      notebook: codeNotebook('import pandas as pd', 's = pd.Series([1.0, None])\nprint(len(s.valid()))'),
      session: kernel.session,
      rules,
      decider: new PolicyDecider('all'),
      agent: new LlmAgent({
        model: new OpenAIChatModel({ baseURL: llm.baseURL, apiKey: KEY, model: 'test-model', temperature: 0, retryBaseMs: 5, timeoutMs: 20000 })
      })
    });
    expect(await modernizer.run()).toBe('modernized');
    const said = 'pandas 0.23.0 said: "Method .valid will be removed in a future version. Use .dropna instead."';
    expect(modernizer.cells[1].diagnoses[0]).toMatchObject({ ruleId: 'kb:pandas:attribute-renamed:pandas.Series.valid' });
    expect(modernizer.cells[1].diagnoses[0].message).toContain(said);
    expect(llm.lastPrompt).toContain('## Known API changes matching this error\n- pandas 1.0: ');
    expect(llm.lastPrompt).toContain(said);
    expect(modernizer.cells[1].outputs[0]).toMatchObject({ text: '1\n' });
  });
});
