/**
 * Which kernel a notebook runs on (as papermill's `-k`): the one asked for
 * with --kernel, else the notebook's own kernelspec when the server has it,
 * else the server's default. The probe, the report and the rules then see
 * that kernel's environment.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { KernelSpecAPI } from '@jupyterlab/services';
import { NotebookError } from '../core/notebook/format';
import type { IJupyterServer } from './server';

export interface IKernelChoice {
  name: string;
  /** Why this kernel: one sentence for the notes, or undefined when it is simply the notebook's own. */
  note?: string;
}

/** Choose the kernel for `notebook` on `server`; throws NotebookError for a --kernel it does not have. */
export async function chooseKernel(server: IJupyterServer, notebook: nbformat.INotebookContent, requested?: string): Promise<IKernelChoice> {
  const specs = await KernelSpecAPI.getSpecs(server.settings);
  const installed = Object.keys(specs.kernelspecs).sort();
  if (requested) {
    if (!installed.includes(requested)) {
      throw new NotebookError(`--kernel ${requested}: no such kernel on the server (installed: ${installed.join(', ') || 'none'}).`);
    }
    return { name: requested, note: `Ran on the kernel ${requested} (--kernel).` };
  }
  const own = (notebook.metadata?.kernelspec as nbformat.IKernelspecMetadata | undefined)?.name;
  if (own && installed.includes(own)) {
    return { name: own };
  }
  const fallback = specs.default || installed[0] || 'python3';
  return { name: fallback, note: own ? `The notebook's kernel ${own} is not installed: ran on the default kernel ${fallback}.` : undefined };
}
