/**
 * In JupyterLab the run shares the user's kernel: a cell the user runs
 * meanwhile is never interrupted by the engine's timeout or stop, and the
 * engine's time budget counts only its own execution.
 */
import { KernelConnection } from '@jupyterlab/services';
import type { KernelMessage } from '@jupyterlab/services';
import { PolicyDecider } from '../../src/core/run/policy';
import { RuleEngine } from '../../src/core/rules/engine';
import { allRules } from '../../src/core/rules/all';
import { Modernizer } from '../../src/core/run';
import { useTestKernel } from '../helpers/jupyter';

describe('a kernel shared with the user', () => {
  const shared = useTestKernel();

  /** The user's own client on the same kernel, as JupyterLab's notebook is. */
  function userClient(): KernelConnection {
    const engine = shared.kernel.session.kernel;
    return new KernelConnection({ model: { id: engine.id, name: engine.name }, serverSettings: engine.serverSettings, handleComms: false });
  }

  async function userRuns(client: KernelConnection, code: string): Promise<{ status: string; printed: string }> {
    const future = client.requestExecute({ code, stop_on_error: false });
    let printed = '';
    future.onIOPub = (msg: KernelMessage.IIOPubMessage) => {
      if (msg.header.msg_type === 'stream') {
        printed += (msg.content as { text: string }).text;
      }
    };
    const reply = await future.done;
    return { status: reply.content.status, printed };
  }

  it('should not let its timeout interrupt the user cell it waits behind', async () => {
    const client = userClient();
    await client.info;
    try {
      const user = userRuns(client, 'import time\ntime.sleep(4)\nprint("user done")');
      await new Promise(resolve => setTimeout(resolve, 500));
      const engine = await shared.kernel.session.execute('print("engine")', { timeoutMs: 1500 });
      expect(await user).toEqual({ status: 'ok', printed: 'user done\n' });
      expect(engine.status).toBe('ok');
      expect(engine.outputs[0]).toMatchObject({ text: 'engine\n' });
    } finally {
      client.dispose();
    }
  });

  it('should not let a stop interrupt the user cell, only its own', async () => {
    const client = userClient();
    await client.info;
    try {
      const user = userRuns(client, 'import time\ntime.sleep(3)\nprint("user done")');
      await new Promise(resolve => setTimeout(resolve, 500));
      const controller = new AbortController();
      const engine = shared.kernel.session.execute('import time\ntime.sleep(30)', { signal: controller.signal });
      setTimeout(() => controller.abort(), 300);
      expect(await user).toEqual({ status: 'ok', printed: 'user done\n' });
      expect((await engine).status).toBe('timeout');
      // Its queued cell is interrupted once it starts; wait for the kernel to be free again.
      for (let i = 0; i < 10 && (await shared.kernel.session.execute('1')).status !== 'ok'; i++) {
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    } finally {
      client.dispose();
    }
  });

  it('should run the text the user sees in a cell edited during the run', async () => {
    const live = ['x = 1', 'print(x + 1)'];
    const modernizer = new Modernizer({
      notebook: {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: live.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, outputs: [], execution_count: null, source }))
      },
      session: shared.kernel.session,
      rules: new RuleEngine(allRules),
      decider: new PolicyDecider('rules'),
      liveSource: index => live[index]
    });
    modernizer.cellChanged.connect((_, cell) => {
      if (cell.index === 0 && cell.status === 'ok') {
        live[1] = 'print(x + 100)  # edited while the run went';
      }
    });
    await modernizer.run();
    expect(modernizer.cells[1].source).toBe('print(x + 100)  # edited while the run went');
    expect(modernizer.cells[1].outputs[0]).toMatchObject({ text: '101\n' });
  });
});
