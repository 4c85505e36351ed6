import { probeEnvironment } from '../../src/core/kernel';
import { useTestKernel } from '../helpers/jupyter';

describe('probeEnvironment()', () => {
  const shared = useTestKernel();

  it('should read the Python and library versions of the venv', async () => {
    const env = await probeEnvironment(shared.kernel.session);
    expect(env.python).toMatch(/^3\.\d+\.\d+$/);
    expect(env.packages['pandas']).toMatch(/^3\./);
    expect(env.packages['numpy']).toMatch(/^2\./);
    expect(env.packages['scikit-learn']).toMatch(/^1\./);
    // requirements-kernel.txt: tensorflow-cpu is reported as tensorflow; torch's CPU build.
    expect(env.packages['tensorflow']).toMatch(/^2\./);
    expect(env.packages['keras']).toMatch(/^3\./);
    expect(env.packages['torch']).toMatch(/^2\.\d+\.\d+\+cpu$/);
    expect(env.packages['lightgbm']).toBeDefined();
  });

  it('should leave no names in the user namespace and import no library', async () => {
    const listNames = "print(sorted(n for n in dir() if not n.startswith('_')), 'pandas' in __import__('sys').modules)";
    const before = await shared.kernel.session.execute(listNames);
    await probeEnvironment(shared.kernel.session);
    const after = await shared.kernel.session.execute(listNames);
    expect(after.outputs[0]).toEqual(before.outputs[0]);
    expect((after.outputs[0] as any).text).toMatch(/ False\n$/);
  });
});
