/**
 * A real Jupyter server from the project venv, shared by the specs of one
 * file, and kernels on it whose working directory is a given folder.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startJupyterServer, startKernelFor } from '../../src/cli/server';
import type { IJupyterServer } from '../../src/cli/server';
import { KernelSession } from '../../src/core/kernel';

export const REPO = path.resolve(__dirname, '..', '..');
export const CORPUS = path.resolve(REPO, '..', 'shared', 'corpus');

export interface ITestKernel {
  session: KernelSession;
  shutdown(): Promise<void>;
}

/** Start one server for a spec file: call in beforeAll, stop in afterAll. */
export async function startTestServer(rootDir = os.tmpdir()): Promise<IJupyterServer> {
  return startJupyterServer({ rootDir });
}

/** A kernel running in `dir` (a fresh temp folder by default). */
export async function startTestKernel(server: IJupyterServer, dir?: string): Promise<ITestKernel> {
  const cwd = dir ?? fs.mkdtempSync(path.join(server.rootDir ?? os.tmpdir(), 'modernizer-'));
  const { kernel, shutdown } = await startKernelFor(server, path.join(cwd, 'test.ipynb'));
  const session = new KernelSession({ kernel });
  return {
    session,
    shutdown: async () => {
      session.dispose();
      await shutdown();
    }
  };
}

/**
 * A server, and a kernel in a fresh folder, around the current describe
 * block: started before its tests, stopped after them.
 */
export function useTestKernel(): { readonly server: IJupyterServer; readonly kernel: ITestKernel } {
  const shared = {} as { server: IJupyterServer; kernel: ITestKernel };
  beforeAll(async () => {
    shared.server = await startTestServer();
    shared.kernel = await startTestKernel(shared.server);
  });
  afterAll(async () => {
    await shared.kernel?.shutdown();
    await shared.server?.stop();
  });
  return shared;
}
