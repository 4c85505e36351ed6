/**
 * Kernels on any server: a Jupyter Server (sessions and contents) or a
 * Jupyter Enterprise Gateway (kernels only). A kernel starts in the
 * notebook's folder when the server shares this file system (the server we
 * started, or `--server-root`); otherwise the folder's files are copied into
 * a fresh temporary folder on the kernel's machine, through the kernel
 * itself, and the kernel works there: nothing depends on the server's files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { KernelAPI, KernelConnection } from '@jupyterlab/services';
import type { Kernel } from '@jupyterlab/services';
import { startKernelFor } from '../server';
import type { IJupyterServer } from '../server';

/** Files larger than this are not copied to a kernel on another machine. */
const MAX_STAGED_BYTES = 64 * 1024 * 1024;

export interface IStartedKernel {
  kernel: Kernel.IKernelConnection;
  shutdown: () => Promise<void>;
}

/** Whether the server has only kernels: an Enterprise Gateway refuses the sessions API. */
export async function kernelsOnly(server: IJupyterServer): Promise<boolean> {
  let known = Private.kernelsOnly.get(server.url);
  if (known === undefined) {
    const response = await fetch(`${server.url.replace(/\/$/, '')}/api/sessions`, { headers: { Authorization: `token ${server.token}` } });
    known = !response.ok;
    Private.kernelsOnly.set(server.url, known);
  }
  return known;
}

/**
 * A kernel of `name` working in the notebook's folder: the folder itself on
 * a server that shares this file system (`server.rootDir`), else a copy of
 * `stageRoot` (default: the notebook's folder) made on the kernel's side.
 */
export async function startKernelOn(server: IJupyterServer, notebookPath: string, name: string, stageRoot?: string): Promise<IStartedKernel> {
  const shared = server.rootDir !== undefined;
  if (!(await kernelsOnly(server))) {
    const started = await startKernelFor(server, notebookPath, name);
    if (!shared) {
      await stage(started.kernel, stageRoot ?? path.dirname(notebookPath), path.dirname(notebookPath));
    }
    return started;
  }
  const model = await KernelAPI.startNew({ name }, server.settings);
  const kernel = new KernelConnection({ model, serverSettings: server.settings, handleComms: false });
  const shutdown = async () => {
    try {
      await KernelAPI.shutdownKernel(model.id, server.settings);
    } catch {
      // Already gone with the server.
    }
    kernel.dispose();
  };
  try {
    await kernel.info;
    if (shared) {
      await Private.run(kernel, `__import__('os').chdir(${JSON.stringify(path.dirname(notebookPath))})`);
    } else {
      await stage(kernel, stageRoot ?? path.dirname(notebookPath), path.dirname(notebookPath));
    }
  } catch (error) {
    await shutdown();
    throw error;
  }
  return { kernel, shutdown };
}

/**
 * Copy the files under `root` into a new temporary folder on the kernel's
 * machine and make the kernel work in the copy of `cwd` (inside `root`).
 */
export async function stage(kernel: Kernel.IKernelConnection, root: string, cwd: string): Promise<void> {
  const files: [string, string][] = [];
  for (const file of Private.walk(root)) {
    files.push([path.relative(root, file).split(path.sep).join('/'), fs.readFileSync(file).toString('base64')]);
  }
  const inside = path.relative(root, cwd).split(path.sep).join('/');
  // One function, deleted after the call: nothing stays in the user's namespace.
  const code =
    'def __modernize_stage(files, base, inside):\n' +
    '    import base64, os, tempfile\n' +
    "    target = os.path.join(tempfile.mkdtemp(prefix='modernize-'), base)\n" +
    '    for rel, data in files:\n' +
    '        full = os.path.join(target, *rel.split("/"))\n' +
    '        os.makedirs(os.path.dirname(full), exist_ok=True)\n' +
    "        with open(full, 'wb') as handle:\n" +
    '            handle.write(base64.b64decode(data))\n' +
    '    os.makedirs(os.path.join(target, inside), exist_ok=True)\n' +
    '    os.chdir(os.path.join(target, inside))\n' +
    `__modernize_stage(${JSON.stringify(files)}, ${JSON.stringify(path.basename(root))}, ${JSON.stringify(inside)})\n` +
    'del __modernize_stage\n';
  await Private.run(kernel, code);
}

namespace Private {
  export const kernelsOnly = new Map<string, boolean>();

  /** Run code silently (no history, no execution count); throws with the kernel's error. */
  export async function run(kernel: Kernel.IKernelConnection, code: string): Promise<void> {
    const future = kernel.requestExecute({ code, silent: true, store_history: false, stop_on_error: true });
    const reply = await future.done;
    future.dispose();
    const content = reply.content as { status: string; ename?: string; evalue?: string };
    if (content.status !== 'ok') {
      throw new Error(`Could not prepare the kernel's folder: ${content.ename ?? content.status}: ${content.evalue ?? ''}`);
    }
  }

  const SKIPPED = new Set(['.ipynb_checkpoints', '.git', 'node_modules', '.venv', '__pycache__']);

  /** Files under `dir` worth copying: not caches, checkpoints or outputs of earlier runs, nor huge files. */
  export function* walk(dir: string): Generator<string> {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) {
        yield* walk(full);
      } else if (entry.isFile() && !/\.modernized\.ipynb$|\.modernize\.json$/i.test(entry.name) && fs.statSync(full).size <= MAX_STAGED_BYTES) {
        yield full;
      }
    }
  }
}
