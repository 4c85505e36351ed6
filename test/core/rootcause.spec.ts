import * as fs from 'fs';
import * as path from 'path';
import type { IJupyterServer } from '../../src/cli/server';
import type { Decision, IPatch } from '../../src/core/notebook/patch';
import { PolicyDecider } from '../../src/core/run/policy';
import { buildReport } from '../../src/core/run/report';
import { RuleEngine } from '../../src/core/rules/engine';
import { allRules } from '../../src/core/rules/all';
import { Modernizer } from '../../src/core/run';
import type { ICellRecord, IDecider } from '../../src/core/run';
import { startTestKernel, startTestServer } from '../helpers/jupyter';
import type { ITestKernel } from '../helpers/jupyter';
import { codeNotebook } from '../helpers/notebooks';

/** A decider that answers from a function and remembers what it was asked. */
class ScriptedDecider implements IDecider {
  constructor(private readonly _answer: (patch: IPatch, asked: number) => Decision) {}
  asked: IPatch[] = [];
  async decide(patch: IPatch, _cell: ICellRecord): Promise<Decision> {
    this.asked.push(patch);
    patch.decidedBy = 'user';
    return this._answer(patch, this.asked.length);
  }
}

describe('Modernizer (root causes)', () => {
  let server: IJupyterServer;
  let kernel: ITestKernel;
  const rules = new RuleEngine(allRules);

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await kernel?.shutdown();
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('#run()', () => {
    it('should tell each kind of consequence from a failure of its own, and ask about none of them', async () => {
      const dir = fs.mkdtempSync(path.join(server.rootDir!, 'rootcause-'));
      // A helper whose star import fails half-way: what it should have brought is missing later.
      fs.writeFileSync(path.join(dir, 'tools.py'), 'import numpy as np\nSCALE = np.float(2)\ndef clean(x):\n    return x * SCALE\n');
      kernel = await startTestKernel(server, dir);
      const decider = new ScriptedDecider(() => ({ action: 'reject' }));
      const modernizer = new Modernizer({
        notebook: codeNotebook(
          'import numpy as np\nimport pandas as pd\nfrom sklearn.linear_model import LinearRegression',
          "X = np.array([[1.0], [np.nan], [3.0]])\ny = np.array([1.0, 2.0, 3.0])\nmodel = LinearRegression()\nmodel.fit(X, y)",
          'print(model.coef_)',
          "df = pd.DataFrame({'a': [1.0, 2.0]})\ndf['b'] = df['a'].astype(np.float)\ndf['c'] = df['a'] * 2",
          "print(df['c'].sum())",
          "summary = describe_all(df)\nwith open('summary.txt', 'w') as f:\n    f.write(str(summary))",
          "print(open('summary.txt').read())",
          'print(summary)',
          'from tools import *',
          'print(clean(3))'
        ),
        session: kernel.session,
        rules,
        decider
      });
      expect(await modernizer.run()).toBe('failing');
      const kinds = modernizer.cells.map(cell => cell.diagnosis?.category === 'consequence' ? `${cell.diagnosis.consequenceKind}<-${cell.diagnosis.consequenceOf}` : cell.status);
      expect(kinds).toEqual(['ok', 'error', 'attribute<-1', 'error', 'key<-3', 'error', 'file<-5', 'name<-5', 'error', 'star-import<-8']);
      expect(modernizer.cells[2].diagnosis?.message).toMatch(/^Consequence of cell 2 \('model.coef_' would have been set in cell 2/);
      // Consequences are never the rules' (nor the agent's) problem: only root causes were offered fixes.
      const asked = new Set(decider.asked.map(patch => (patch.target.kind === 'cell' ? patch.target.index : -1)));
      expect([...asked].filter(index => [2, 4, 6, 7, 9].includes(index))).toEqual([]);
      const report = buildReport(modernizer, { notebook: 'n.ipynb', durationMs: 1 });
      expect(report.summary).toMatchObject({ failing: 9, rootCauses: 4, consequences: 5, expected: 0 });
      expect(report.cells.find(cell => cell.index === 5)?.consequences).toEqual([6, 7]);
      expect(report.outcome).toBe('errors-matching');
    });

    it('should re-run only the dependents and consequences of a cause fixed later', async () => {
      kernel = await startTestKernel(server);
      // The first proposal (for cell 2 itself) is rejected; the second, made when cell 6 fails
      // inside cell 2's function, is accepted.
      const decider = new ScriptedDecider((_patch, asked) => ({ action: asked === 1 ? 'reject' : 'accept' }));
      const modernizer = new Modernizer({
        notebook: codeNotebook(
          'import numpy as np',
          "def as_float(x):\n    return np.float(x)\nbase = as_float(2)\nwith open('base.txt', 'w') as f:\n    f.write(str(base))",
          'print(base * 2)',
          'unrelated = 42',
          "print(open('base.txt').read())",
          'print(as_float(3) / 2)'
        ),
        session: kernel.session,
        rules,
        decider
      });
      expect(await modernizer.run()).toBe('modernized');
      expect(modernizer.cells[1].source).toContain('return float(x)');
      expect(modernizer.cells[2].diagnoses[0]).toMatchObject({ category: 'consequence', consequenceKind: 'name', consequenceOf: 1 });
      expect(modernizer.cells[4].diagnoses[0]).toMatchObject({ category: 'consequence', consequenceKind: 'file', consequenceOf: 1 });
      // The file reader shares no name with the fixed cell: it re-ran as its consequence; `unrelated` did not.
      expect(modernizer.cells.map(cell => cell.runs)).toEqual([1, 2, 2, 1, 2, 2]);
      expect(modernizer.cells.map(cell => cell.status)).toEqual(['ok', 'fixed', 'fixed', 'ok', 'fixed', 'fixed']);
      expect(modernizer.cells[2].outputs[0]).toMatchObject({ text: '4.0\n' });
      expect(modernizer.cells[4].outputs[0]).toMatchObject({ text: '2.0\n' });
    });

    it('should diagnose a consequence that still fails after its cause is fixed as a failure of its own', async () => {
      kernel = await startTestKernel(server);
      const decider = new ScriptedDecider((_patch, asked) => ({ action: asked === 1 ? 'reject' : 'accept' }));
      const modernizer = new Modernizer({
        notebook: codeNotebook(
          'import numpy as np',
          'def as_float(x):\n    return np.float(x)\nbase = as_float(2)',
          "print(base + 'x')",
          'print(as_float(3) / 2)'
        ),
        session: kernel.session,
        rules,
        decider
      });
      await modernizer.run();
      expect(modernizer.cells[2].diagnoses.map(d => d.category)).toEqual(['consequence', 'unknown']);
      expect(modernizer.cells[2].diagnosis?.message).toMatch(/^TypeError/);
      expect(modernizer.cells[2].status).toBe('error');
      const report = buildReport(modernizer, { notebook: 'n.ipynb', durationMs: 1 });
      expect(report.summary).toMatchObject({ rootCauses: 1, consequences: 0 });
    });

    it('should rename the later uses of an import a fix renamed, in the same patch set', async () => {
      kernel = await startTestKernel(server);
      const modernizer = new Modernizer({
        notebook: codeNotebook(
          'import numpy as np\nfrom sklearn.preprocessing import Imputer',
          'data = np.array([[1.0], [np.nan], [3.0]])',
          "imp = Imputer(missing_values='NaN', strategy='mean', axis=0)\nprint(imp.fit_transform(data).ravel())",
          "def median_imputer():\n    return Imputer(strategy='median')\nprint(type(median_imputer()).__name__)"
        ),
        session: kernel.session,
        rules,
        decider: new PolicyDecider('rules')
      });
      expect(await modernizer.run()).toBe('modernized');
      const lead = modernizer.cells[0].patches[0];
      expect(lead).toMatchObject({ accepted: true, setId: lead.id });
      expect(modernizer.cells[2].patches).toMatchObject([{ accepted: true, setId: lead.id, target: { kind: 'cell', index: 2 } }]);
      expect(modernizer.cells[2].source).toContain("SimpleImputer(missing_values=np.nan, strategy='mean')");
      expect(modernizer.cells[3].source).toContain("return SimpleImputer(strategy='median')");
      // The later cells never failed: they ran once, renamed before their turn.
      expect(modernizer.cells.map(cell => cell.runs)).toEqual([2, 1, 1, 1]);
      expect(modernizer.cells[2].outputs[0]).toMatchObject({ text: '[1. 2. 3.]\n' });
      expect(modernizer.cells[3].outputs[0]).toMatchObject({ text: 'SimpleImputer\n' });
      const report = buildReport(modernizer, { notebook: 'n.ipynb', durationMs: 1 });
      expect(report.cells.find(cell => cell.index === 3)?.patches[0].setId).toBe(lead.id);
    });

    it('should class a run that is clean but whose numbers drifted as "ran clean, numbers off"', async () => {
      kernel = await startTestKernel(server);
      const modernizer = new Modernizer({
        notebook: codeNotebook(['print(0.25 * 2)', '0.75\n']),
        session: kernel.session,
        rules,
        decider: new PolicyDecider('rules')
      });
      expect(await modernizer.run()).toBe('failing');
      const report = buildReport(modernizer, { notebook: 'n.ipynb', durationMs: 1 });
      expect(report.failedConditions).toEqual(['numbers-off']);
      expect(report.outcome).toBe('clean-numbers-off');
    });
  });
});
