/**
 * Jupyter Enterprise Gateways started by a test, from .venv-gateway (`make
 * gateway-venv`), whose kernels are the project venv's (a kernelspec in a
 * temporary JUPYTER_PATH). Each listens on a free loopback port with a
 * random token; `kill()` makes one go away mid-test. Also used by
 * bench/throughput.ts (compiled to dist/), hence no jest imports here.
 */
import { execFileSync, spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** The checkout: the first folder up from here with the Makefile (this file also runs from dist/). */
const REPO = (function repository(dir: string): string {
  return fs.existsSync(path.join(dir, 'Makefile')) || dir === path.dirname(dir) ? dir : repository(path.dirname(dir));
})(__dirname);

export const GATEWAY = path.join(REPO, '.venv-gateway', 'bin', 'jupyter-enterprisegateway');

export interface ITestGateway {
  url: string;
  token: string;
  kill(): Promise<void>;
}

/** A JUPYTER_PATH with a `python3` kernelspec that runs the project venv's Python. */
export function projectKernelPath(): string {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-gateway-kernels-'));
  execFileSync(path.join(REPO, '.venv', 'bin', 'python'), ['-m', 'ipykernel', 'install', '--prefix', prefix, '--name', 'python3'], { stdio: 'pipe' });
  return path.join(prefix, 'share', 'jupyter');
}

export async function startGateway(jupyterPath: string): Promise<ITestGateway> {
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const args = [
    '--ip=127.0.0.1',
    `--port=${port}`,
    '--port_retries=0',
    `--EnterpriseGatewayApp.auth_token=${token}`,
    // Its default refuses kernels to root, which CI containers run as.
    "--EnterpriseGatewayApp.unauthorized_users={'nobody'}"
  ];
  const child = spawn(GATEWAY, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, JUPYTER_PATH: jupyterPath, JUPYTER_PLATFORM_DIRS: '1' }
  });
  let log = '';
  child.stderr!.on('data', chunk => (log = (log + chunk.toString()).slice(-3000)));
  const url = `http://127.0.0.1:${port}/`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`Enterprise Gateway exited: ${log}`);
    }
    try {
      const response = await fetch(`${url}api/kernelspecs`, { headers: { Authorization: `token ${token}` } });
      if (response.ok) {
        break;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > 60000) {
      child.kill('SIGKILL');
      throw new Error(`Enterprise Gateway did not answer: ${log}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  return { url, token, kill: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}
