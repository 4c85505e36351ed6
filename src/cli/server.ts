/**
 * The Jupyter server the CLI (and the Node tests) run kernels on: one it
 * starts from the project venv on a free loopback port, or one it is pointed
 * at (a JupyterHub user server, an Enterprise Gateway).
 */
import { spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as os from 'os';
import { KernelAPI, KernelConnection, ServerConnection, SessionAPI } from '@jupyterlab/services';
import type { Kernel } from '@jupyterlab/services';
import WebSocket from 'ws';
import { withoutSecrets } from './secrets';

export interface IJupyterServer {
  url: string;
  token: string;
  settings: ServerConnection.ISettings;
  /** Root directory of a server we started; undefined for a remote one. */
  rootDir?: string;
  /** Process id of a server we started. */
  pid?: number;
  stop(): Promise<void>;
}

/** Server connection settings for Node: fetch from Node, WebSocket from `ws`. */
export function nodeServerSettings(url: string, token: string): ServerConnection.ISettings {
  const baseUrl = url.endsWith('/') ? url : url + '/';
  return ServerConnection.makeSettings({
    baseUrl,
    wsUrl: 'ws' + baseUrl.slice(4),
    token,
    appendToken: true,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    fetch: globalThis.fetch,
    Request: globalThis.Request,
    Headers: globalThis.Headers,
    init: { cache: 'no-store' } as RequestInit
  });
}

/** The `jupyter` executable: $MODERNIZER_JUPYTER, the project venv, else PATH. */
export function findJupyter(): string {
  if (process.env.MODERNIZER_JUPYTER) {
    return process.env.MODERNIZER_JUPYTER;
  }
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, '.venv', 'bin', 'jupyter');
    if (fs.existsSync(candidate)) {
      return candidate;
    }
    dir = path.dirname(dir);
  }
  return 'jupyter';
}

/**
 * `jupyter server`, through jupyter-config/cli/start_server.py and the Python
 * beside `jupyter` when both are there: the same server, started faster, with
 * kernel websockets that do not wait on Nagle's algorithm (see that file).
 */
function serverCommandLine(jupyter: string): string[] {
  const python = path.join(path.dirname(jupyter), 'python');
  let dir = __dirname;
  for (let i = 0; i < 5 && path.isAbsolute(jupyter) && fs.existsSync(python); i++) {
    const script = path.join(dir, 'jupyter-config', 'cli', 'start_server.py');
    if (fs.existsSync(script)) {
      return [python, script];
    }
    dir = path.dirname(dir);
  }
  return [jupyter, 'server'];
}

/** Start `jupyter server` on a free loopback port with a random token. */
export async function startJupyterServer(options: { rootDir: string; jupyter?: string }): Promise<IJupyterServer> {
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const jupyter = options.jupyter ?? findJupyter();
  // The token goes in a private config file, not on the command line any local user can read.
  const config = Private.writeTokenConfig(token);
  const [command, ...serverCommand] = serverCommandLine(jupyter);
  const child = spawn(
    command,
    [
      ...serverCommand,
      '--no-browser',
      '--ServerApp.ip=127.0.0.1',
      `--ServerApp.port=${port}`,
      '--ServerApp.port_retries=0',
      `--ServerApp.root_dir=${options.rootDir}`,
      `--config=${config.file}`,
      '--ServerApp.open_browser=False',
      // A kernel killed by the OOM killer or os._exit comes back at once.
      '--KernelManager.autorestart=True',
      // Containers and CI run as root; the server is on loopback with a token.
      ...(process.getuid?.() === 0 ? ['--allow-root'] : [])
    ],
    // Kernels inherit the server's environment: no API key, no token in it.
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...withoutSecrets(process.env), JUPYTER_PLATFORM_DIRS: '1' } }
  );
  let log = '';
  child.stderr!.on('data', chunk => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}/`;
  const settings = nodeServerSettings(url, token);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', code => reject(new Error(`jupyter server exited (${code}): ${log.trim().split('\n').pop()}`)))
  );
  exited.catch(() => undefined);
  try {
    await Promise.race([waitForServer(url, token), exited]);
  } finally {
    config.remove();
  }
  return {
    url,
    token,
    settings,
    rootDir: options.rootDir,
    pid: child.pid,
    stop: () => stopProcess(child)
  };
}

/** Attach to a running server (`--server URL --token T`). */
export async function attachJupyterServer(url: string, token: string): Promise<IJupyterServer> {
  await waitForServer(url, token, 15000);
  return { url, token, settings: nodeServerSettings(url, token), stop: async () => undefined };
}

/**
 * Start a kernel whose working directory is the notebook's directory (a
 * session on the notebook's path does that on any Jupyter server).
 */
export async function startKernelFor(
  server: IJupyterServer,
  notebookPath: string,
  kernelName = 'python3'
): Promise<{ kernel: Kernel.IKernelConnection; shutdown: () => Promise<void> }> {
  const relative = server.rootDir ? path.relative(server.rootDir, notebookPath) : path.basename(notebookPath);
  const model = await SessionAPI.startSession(
    {
      path: relative.split(path.sep).join('/'),
      name: path.basename(notebookPath),
      type: 'notebook',
      kernel: { name: kernelName }
    } as any,
    server.settings
  );
  const kernel = new KernelConnection({ model: model.kernel!, serverSettings: server.settings, handleComms: false });
  const shutdown = async () => {
    try {
      await SessionAPI.shutdownSession(model.id, server.settings);
    } catch {
      // Already gone with the server.
    }
    kernel.dispose();
  };
  try {
    await kernelReady(kernel, kernelName);
  } catch (error) {
    await shutdown();
    throw error;
  }
  return { kernel, shutdown };
}

/**
 * Wait for a new kernel's first answer; a kernel that dies as it starts (the server gives up
 * restarting it) or never answers is an error, not a wait without end.
 */
async function kernelReady(kernel: Kernel.IKernelConnection, name: string, timeoutMs = 120000): Promise<void> {
  let onStatus: ((_: unknown, status: Kernel.Status) => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let restarts = 0;
  let poll: ReturnType<typeof setInterval> | undefined;
  const failed = new Promise<never>((_, reject) => {
    onStatus = (_, status) => {
      restarts += status === 'autorestarting' ? 1 : 0;
      if (status === 'dead' || restarts >= 3) {
        reject(new Error(`The ${name} kernel died as it started (${restarts} restarts); check that kernelspec.`));
      }
    };
    kernel.statusChanged.connect(onStatus);
    timer = setTimeout(() => reject(new Error(`The ${name} kernel did not answer within ${timeoutMs / 1000} s of starting.`)), timeoutMs);
    // The server's own view: a kernel it gave up restarting is dead or gone.
    poll = setInterval(() => {
      KernelAPI.getKernelModel(kernel.id, kernel.serverSettings).then(
        found => {
          if (!found || found.execution_state === 'dead') {
            reject(new Error(`The ${name} kernel died as it started; check that kernelspec.`));
          }
        },
        () => undefined
      );
    }, 2000);
  });
  // Settles only once; a late poll answer must not become an unhandled rejection.
  failed.catch(() => undefined);
  try {
    await Promise.race([kernel.info, failed]);
  } finally {
    clearTimeout(timer);
    clearInterval(poll);
    kernel.statusChanged.disconnect(onStatus!);
  }
}

async function waitForServer(url: string, token: string, timeoutMs = 60000): Promise<void> {
  const started = Date.now();
  let lastError = '';
  while (Date.now() - started < timeoutMs) {
    try {
      // kernelspecs, not status: an Enterprise Gateway has kernels and no status endpoint.
      const response = await fetch(`${url.replace(/\/$/, '')}/api/kernelspecs`, {
        headers: { Authorization: `token ${token}` }
      });
      if (response.ok) {
        return;
      }
      lastError = `HTTP ${response.status}`;
      if (response.status === 403 || response.status === 401) {
        throw new Error(`The Jupyter server at ${url} refused the token (${lastError}).`);
      }
    } catch (error) {
      if ((error as Error).message.includes('refused the token')) {
        throw error;
      }
      lastError = (error as Error).message;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`No Jupyter server answered at ${url} (${lastError}).`);
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

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return;
  }
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

namespace Private {
  /** A config file only this user can read, holding the server's token; removed once the server is up. */
  export function writeTokenConfig(token: string): { file: string; remove: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modernizer-server-'));
    const file = path.join(dir, 'jupyter_server_config.json');
    fs.writeFileSync(file, JSON.stringify({ IdentityProvider: { token } }), { mode: 0o600 });
    return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
}
