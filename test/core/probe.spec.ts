import type { IJupyterServer } from '../../src/cli/server';
import { probeEnvironment } from '../../src/core/probe';
import { startTestKernel, startTestServer } from '../helpers/jupyter';
import type { ITestKernel } from '../helpers/jupyter';

describe('probeEnvironment()', () => {
  let server: IJupyterServer;
  let kernel: ITestKernel;

  beforeAll(async () => {
    server = await startTestServer();
    kernel = await startTestKernel(server);
  });

  afterAll(async () => {
    await kernel?.shutdown();
    await server?.stop();
  });

  it('should read the Python and library versions of the venv', async () => {
    const env = await probeEnvironment(kernel.session);
    expect(env.python).toMatch(/^3\.\d+\.\d+$/);
    expect(env.packages['pandas']).toMatch(/^3\./);
    expect(env.packages['numpy']).toMatch(/^2\./);
    expect(env.packages['scikit-learn']).toMatch(/^1\./);
    expect(env.packages['tensorflow']).toBeUndefined();
  });

  it('should leave no names in the user namespace and import no library', async () => {
    const listNames = "print(sorted(n for n in dir() if not n.startswith('_')), 'pandas' in __import__('sys').modules)";
    const before = await kernel.session.execute(listNames);
    await probeEnvironment(kernel.session);
    const after = await kernel.session.execute(listNames);
    expect(after.outputs[0]).toEqual(before.outputs[0]);
    expect((after.outputs[0] as any).text).toMatch(/ False\n$/);
  });
});
