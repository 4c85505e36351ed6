import type { IJupyterServer } from '../../src/cli/server';
import { PolicyDecider } from '../../src/core/run/policy';
import type { Decision, IPatch } from '../../src/core/notebook/patch';
import { RuleEngine } from '../../src/core/rules/engine';
import { allFamilies, allRules } from '../../src/core/rules/all';
import { Modernizer } from '../../src/core/run';
import type { ICellRecord, IDecider } from '../../src/core/run';
import { startTestKernel, startTestServer } from '../helpers/jupyter';
import { codeNotebook } from '../helpers/notebooks';
import type { ITestKernel } from '../helpers/jupyter';

/** A decider that answers from a function and remembers what it was asked. */
class ScriptedDecider implements IDecider {
  constructor(private readonly _answer: (patch: IPatch) => Decision) {}
  asked: IPatch[] = [];
  async decide(patch: IPatch, _cell: ICellRecord): Promise<Decision> {
    this.asked.push(patch);
    patch.decidedBy = 'user';
    return this._answer(patch);
  }
}

describe('Modernizer', () => {
  let server: IJupyterServer;
  let kernel: ITestKernel;
  const rules = new RuleEngine(allRules, allFamilies);

  beforeAll(async () => {
    server = await startTestServer();
  });
  beforeEach(async () => {
    kernel = await startTestKernel(server);
  });
  afterEach(async () => {
    await kernel?.shutdown();
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('#run()', () => {
    it('should apply an edited patch as the user wrote it', async () => {
      const decider = new ScriptedDecider(() => ({ action: 'accept-edited', source: 'import numpy as np\nx = float(2) * 3\nprint(x)' }));
      const modernizer = new Modernizer({
        notebook: codeNotebook('import numpy as np\nx = np.float(2)\nprint(x)'),
        session: kernel.session,
        rules,
        decider
      });
      expect(await modernizer.run()).toBe('modernized');
      expect(modernizer.cells[0].source).toBe('import numpy as np\nx = float(2) * 3\nprint(x)');
      expect(modernizer.cells[0].outputs[0]).toMatchObject({ text: '6.0\n' });
      expect(decider.asked[0].after).toBe('import numpy as np\nx = float(2) * 3\nprint(x)');
    });

    it('should refuse a patch made stale by an edit of the cell', async () => {
      // The user edits the cell while the patch waits for a decision.
      let live = 'import numpy as np\nx = np.float(2)';
      const decider = new ScriptedDecider(() => {
        live = 'import numpy as np\nx = np.float(2)  # edited by the user';
        return { action: 'accept' };
      });
      const modernizer = new Modernizer({
        notebook: codeNotebook('import numpy as np\nx = np.float(2)'),
        session: kernel.session,
        rules,
        decider,
        liveSource: () => live
      });
      expect(await modernizer.run()).toBe('failing');
      expect(decider.asked[0]).toMatchObject({ accepted: false, stale: true });
      expect(modernizer.cells[0].source).toBe('import numpy as np\nx = np.float(2)');
    });

    it('should wait while paused and go on after resume', async () => {
      const modernizer = new Modernizer({
        notebook: codeNotebook('a = 1', 'b = a + 1'),
        session: kernel.session,
        rules,
        decider: new PolicyDecider('rules')
      });
      await modernizer.prepare();
      modernizer.pause();
      const running = modernizer.run();
      await new Promise(resolve => setTimeout(resolve, 500));
      expect(modernizer.cells.map(cell => cell.status)).toEqual(['pending', 'pending']);
      modernizer.resume();
      expect(await running).toBe('reproducible');
    });

    it('should skip the remaining cells when stopped', async () => {
      const controller = new AbortController();
      const modernizer = new Modernizer({
        notebook: codeNotebook('a = 1', 'b = 2'),
        session: kernel.session,
        rules,
        decider: new PolicyDecider('rules')
      });
      modernizer.cellChanged.connect((_, cell) => {
        if (cell.index === 0 && cell.status === 'ok') {
          controller.abort();
        }
      });
      expect(await modernizer.run(controller.signal)).toBe('failing');
      expect(modernizer.cells.map(cell => cell.status)).toEqual(['ok', 'skipped']);
    });

    it('should fix a function where an earlier cell defined it', async () => {
      const modernizer = new Modernizer({
        notebook: codeNotebook(
          'import numpy as np',
          'def as_float(x):\n    return np.float(x)',
          'unrelated = 1',
          'print(as_float(3) / 2)'
        ),
        session: kernel.session,
        rules,
        decider: new PolicyDecider('rules')
      });
      expect(await modernizer.run()).toBe('modernized');
      expect(modernizer.cells[3].diagnoses[0]).toMatchObject({ inCell: 1, line: 2, culprit: 'return np.float(x)' });
      expect(modernizer.cells[1].source).toBe('def as_float(x):\n    return float(x)');
      expect(modernizer.cells.map(cell => cell.runs)).toEqual([1, 2, 1, 2]);
      expect(modernizer.cells[3].outputs[0]).toMatchObject({ text: '1.5\n' });
    });

    it('should import a submodule the author had in the kernel but never in the notebook', async () => {
      const modernizer = new Modernizer({
        notebook: codeNotebook(
          'from sklearn.neighbors import KNeighborsClassifier',
          'def make(k):\n    return neighbors.KNeighborsClassifier(k)',
          'print(type(make(3)).__name__)'
        ),
        session: kernel.session,
        rules,
        decider: new PolicyDecider('rules')
      });
      expect(await modernizer.run()).toBe('modernized');
      expect(modernizer.cells[1].source).toBe('from sklearn import neighbors\ndef make(k):\n    return neighbors.KNeighborsClassifier(k)');
      expect(modernizer.cells[1].patches[0].origin).toBe('rule:missing-import');
      expect(modernizer.cells[2].outputs[0]).toMatchObject({ text: 'KNeighborsClassifier\n' });
    });

    it('should leave prose in a code cell the author never ran', async () => {
      const modernizer = new Modernizer({
        notebook: codeNotebook('x = 1', 'Next we will try a bigger model here', 'print(x)'),
        session: kernel.session,
        rules,
        decider: new PolicyDecider('rules')
      });
      expect(await modernizer.run()).toBe('reproducible');
      expect(modernizer.cells[1]).toMatchObject({ status: 'error', diagnosis: { expected: true } });
      expect(modernizer.cells[1].diagnosis?.message).toMatch(/^The author never ran this cell and it is not Python/);
    });

    it('should leave an error the author saved on purpose, and not count it', async () => {
      const notebook = codeNotebook("int('x')", 'print(1 + 1)');
      (notebook.cells[0] as any).outputs = [
        { output_type: 'error', ename: 'ValueError', evalue: "invalid literal for int() with base 10: 'x'", traceback: [] }
      ];
      const decider = new ScriptedDecider(() => ({ action: 'accept' }));
      const modernizer = new Modernizer({ notebook, session: kernel.session, rules, decider });
      expect(await modernizer.run()).toBe('reproducible');
      expect(modernizer.cells[0]).toMatchObject({ status: 'error', diagnosis: { expected: true } });
      expect(modernizer.cells[0].diagnosis?.message).toMatch(/^The author's run failed here too \(ValueError\)/);
      expect(decider.asked).toEqual([]);
    });

    it('should re-run only the cells that depend on a fixed earlier cell', async () => {
      const modernizer = new Modernizer({
        notebook: codeNotebook(
          'import pandas as pd\nimport numpy as np',
          "df = pd.DataFrame({'a': [1.0, np.nan, 3.0], 'b': [1, 2, 3]})",
          "df['a'].fillna(0, inplace=True)",
          'unrelated = 42',
          "total = int(df['a'].sum())",
          "assert not df['a'].isna().any(), 'NaN left'\nprint(total)"
        ),
        session: kernel.session,
        rules,
        decider: new PolicyDecider('rules')
      });
      expect(await modernizer.run()).toBe('modernized');
      expect(modernizer.cells[2].source).toBe("df['a'] = df['a'].fillna(0)");
      expect(modernizer.cells.map(cell => cell.runs)).toEqual([1, 1, 2, 1, 2, 2]);
      expect(modernizer.cells[5].diagnosis).toMatchObject({ causeCell: 2, category: 'behavior-change' });
      expect(modernizer.cells[5].outputs[0]).toMatchObject({ text: '4\n' });
    });
  });
});
