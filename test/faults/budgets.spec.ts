/**
 * Stop and budgets bound all the engine's work, the kernel's answers are
 * read as they are, and a kernel that ignores SIGINT is restarted.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as nbformat from '@jupyterlab/nbformat';
import { PolicyDecider } from '../../src/core/run/policy';
import { RuleEngine } from '../../src/core/rules/engine';
import { allRules } from '../../src/core/rules/all';
import { Modernizer } from '../../src/core/run';
import { useTestKernel } from '../helpers/jupyter';

const rules = new RuleEngine(allRules);

function notebook(cells: (string | { source: string; printed: string })[]): nbformat.INotebookContent {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map((cell, i) => ({
      cell_type: 'code',
      id: `c${i}`,
      metadata: {},
      execution_count: null,
      source: typeof cell === 'string' ? cell : cell.source,
      outputs: typeof cell === 'string' ? [] : [{ output_type: 'stream', name: 'stdout', text: cell.printed }]
    }))
  };
}

describe('budgets and stop', () => {
  const shared = useTestKernel();
  let counter: string;
  const count = (name: string) => `open(${JSON.stringify(counter)}, 'a').write('${name}\\n')\n`;
  const executions = () => fs.readFileSync(counter, 'utf8').split('\n').filter(Boolean);

  beforeEach(async () => {
    counter = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-budget-')), 'runs.txt');
    fs.writeFileSync(counter, '');
    await shared.kernel.session.execute('%reset -f');
  });

  describe('KernelSession', () => {
    it('should give up on evaluate() when the kernel does not answer in time', async () => {
      const controller = new AbortController();
      const busy = shared.kernel.session.execute('import time\ntime.sleep(30)', { signal: controller.signal });
      await expect(shared.kernel.session.evaluate({ x: '1 + 1' }, { timeoutMs: 1000 })).rejects.toThrow(/did not answer within 1 s/);
      controller.abort();
      expect((await busy).status).toBe('timeout');
    });

    it('should not call an execution the kernel aborted ok', async () => {
      const failing = shared.kernel.session.execute('raise ValueError("first")');
      const queued = shared.kernel.session.execute('print("never ran")');
      expect((await failing).status).toBe('error');
      const result = await queued;
      expect(result.status).not.toBe('ok');
      expect(result.error?.evalue).toMatch(/aborted/);
    });

    it('should restart a kernel that ignores SIGINT after its grace period', async () => {
      await shared.kernel.session.execute('kept = 1');
      // Stopped only once SIGINT is ignored (IPython resets handlers between cells, so in one cell).
      const controller = new AbortController();
      const result = await shared.kernel.session.execute(
        'import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nprint("ignoring SIGINT", flush=True)\nwhile True:\n    time.sleep(0.1)',
        { signal: controller.signal, onOutput: output => (JSON.stringify(output).includes('ignoring SIGINT') ? controller.abort() : undefined) }
      );
      expect(result.status).toBe('died');
      const after = await shared.kernel.session.execute('"kept" in dir()');
      expect(after.outputs[0]).toMatchObject({ data: { 'text/plain': 'False' } });
    });
  });

  describe('Modernizer', () => {
    it('should not re-run earlier cells once stopped', async () => {
      const controller = new AbortController();
      const modernizer = new Modernizer({
        notebook: notebook([
          count('0') + 'import numpy as np\ndef as_float(x):\n    return np.float(x)',
          count('1') + 'y = 1',
          count('2') + 'print(as_float(3))'
        ]),
        session: shared.kernel.session,
        rules,
        decider: {
          decide: async () => {
            controller.abort();
            return { action: 'accept' };
          }
        }
      });
      await modernizer.run(controller.signal);
      expect(executions()).toEqual(['0', '1', '2']);
    });

    it('should not make stability runs once stopped', async () => {
      const controller = new AbortController();
      const modernizer = new Modernizer({
        notebook: notebook([{ source: count('drift') + 'print(0.70)', printed: '0.50\n' }]),
        session: shared.kernel.session,
        rules,
        decider: new PolicyDecider('rules'),
        stabilityRuns: 3
      });
      modernizer.cellChanged.connect((_, cell) => {
        if (cell.runs === 1) {
          controller.abort();
        }
      });
      await modernizer.run(controller.signal);
      expect(executions()).toEqual(['drift']);
    });

    it('should say so when the replay after a kernel death fails, and go on', async () => {
      const flag = counter + '.replayed';
      const modernizer = new Modernizer({
        notebook: notebook([
          count('0') + `import os\nif os.path.exists(${JSON.stringify(flag)}):\n    os._exit(1)\nopen(${JSON.stringify(flag)}, 'w').close()\nx = 5`,
          count('1') + 'import os\nos._exit(1)',
          count('2') + 'print("after")'
        ]),
        session: shared.kernel.session,
        rules,
        decider: new PolicyDecider('rules'),
        cellTimeoutMs: 60000
      });
      await modernizer.run();
      expect(modernizer.cells[1].diagnosis?.message).toMatch(/replay.*cell 1/i);
      expect(modernizer.cells[2].status).toBe('ok');
    });
  });
});
