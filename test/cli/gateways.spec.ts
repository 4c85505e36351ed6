/**
 * A batch over two real Jupyter Enterprise Gateways (kernels, no contents
 * API, no shared folder): the notebooks are spread over both, each kernel
 * gets a copy of its notebook's folder, and when one gateway is killed
 * mid-batch its notebook is run again on the other.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runBatch } from '../../src/cli/batch';
import type { IBatchOptions } from '../../src/cli/batch';
import type { IPoolRun } from '../../src/cli/servers/pool';
import { projectKernelPath, startGateway } from '../helpers/gateway';
import type { ITestGateway } from '../helpers/gateway';

/** `count` notebooks that read a data file beside them and take about `seconds` each. */
function notebookFolder(count: number, seconds: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-gateways-'));
  fs.writeFileSync(path.join(dir, 'data.txt'), 'forty-two\n');
  for (let i = 0; i < count; i++) {
    const cells = [`import time\ntime.sleep(${seconds})\nprint(open('data.txt').read().strip(), ${i})`];
    const notebook = {
      nbformat: 4,
      nbformat_minor: 2,
      metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
      cells: cells.map(source => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null }))
    };
    fs.writeFileSync(path.join(dir, `nb${i}.ipynb`), JSON.stringify(notebook));
  }
  return dir;
}

describe('batch over two Enterprise Gateways', () => {
  let jupyterPath: string;
  const gateways: ITestGateway[] = [];

  const batch = (dir: string, servers: ITestGateway[], extra: Partial<IBatchOptions> = {}) =>
    runBatch({
      dir,
      out: fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-gateways-out-')),
      jobs: 1,
      accept: 'rules',
      cellTimeoutSeconds: 120,
      servers: servers.map(({ url, token }) => ({ url, token })),
      ...extra
    });

  beforeAll(async () => {
    jupyterPath = projectKernelPath();
    gateways.push(...(await Promise.all([startGateway(jupyterPath), startGateway(jupyterPath)])));
  }, 120000);

  afterAll(async () => {
    await Promise.all(gateways.map(gateway => gateway.kill()));
  });

  it("should spread the notebooks over both, each kernel working in a copy of its notebook's folder", async () => {
    let spread: IPoolRun<string> | undefined;
    const result = await batch(notebookFolder(4, 2), gateways, { onSpread: s => (spread = s) });
    expect(result.unfinished).toEqual([]);
    expect(result.summary.notebooks.map(nb => nb.verdict)).toEqual(['reproducible', 'reproducible', 'reproducible', 'reproducible']);
    const used = new Set(spread!.results.map(r => r.server));
    expect([...used].sort()).toEqual(gateways.map(g => g.url).sort());
    expect(spread!.retried).toEqual([]);
  }, 300000);

  it('should run the notebook of a gateway that goes away on the other one', async () => {
    const [stays] = gateways;
    const goes = await startGateway(jupyterPath);
    gateways.push(goes);
    let spread: IPoolRun<string> | undefined;
    const dir = notebookFolder(3, 8);
    const pending = batch(dir, [stays, goes], { onSpread: s => (spread = s) });
    // Both gateways have a notebook running after a few seconds: kill one of them.
    await new Promise(resolve => setTimeout(resolve, 5000));
    await goes.kill();
    const result = await pending;
    expect(result.unfinished).toEqual([]);
    expect(result.summary.notebooks.every(nb => nb.verdict === 'reproducible')).toBe(true);
    expect(spread!.lost).toEqual([goes.url]);
    expect(spread!.retried.map(r => r.from)).toEqual([goes.url]);
    expect(new Set(spread!.results.map(r => r.server))).toEqual(new Set([stays.url]));
  }, 300000);
});
