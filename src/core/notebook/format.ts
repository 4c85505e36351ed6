/**
 * Reading notebooks people actually have: empty files, broken JSON, nbformat
 * 3, kernels that are not Python. Each gets one clear sentence; nothing is
 * modified on disk.
 */
import type * as nbformat from '@jupyterlab/nbformat';

/** Bad input: the CLI exits 2 with this message. */
export class NotebookError extends Error {}

export interface ILoadedNotebook {
  notebook: nbformat.INotebookContent;
  /** What was done to read it (e.g. converted from nbformat 3). */
  notes: string[];
}

/** Parse and check a notebook file's text. */
export function parseNotebook(text: string, name = 'notebook'): ILoadedNotebook {
  if (text.trim() === '') {
    throw new NotebookError(`${name} is empty: there is no notebook to read.`);
  }
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NotebookError(`${name} is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new NotebookError(`${name} is not a notebook: its JSON is not an object.`);
  }
  const notes: string[] = [];
  let notebook: nbformat.INotebookContent;
  if (json.nbformat === 3 || (json.worksheets && !json.cells)) {
    notebook = Private.fromV3(json);
    notes.push(`${name} is in nbformat 3; it was converted to nbformat 4 (the original file is unchanged).`);
  } else if (json.nbformat === 4 && Array.isArray(json.cells)) {
    notebook = json;
  } else {
    throw new NotebookError(
      `${name} is not a Jupyter notebook in a format this tool reads (nbformat ${json.nbformat ?? 'missing'}).`
    );
  }
  for (const cell of notebook.cells) {
    cell.source = sourceText(cell.source);
    if (!cell.metadata) {
      cell.metadata = {};
    }
  }
  const language = kernelLanguage(notebook);
  if (language && language !== 'python') {
    throw new NotebookError(`${name} runs on a ${language} kernel; only Python notebooks can be modernized.`);
  }
  return { notebook, notes };
}

/** The language the notebook says its kernel speaks, lower case. */
export function kernelLanguage(notebook: nbformat.INotebookContent): string | undefined {
  const metadata = notebook.metadata ?? {};
  const language =
    (metadata.kernelspec as any)?.language ?? (metadata.language_info as any)?.name ?? undefined;
  if (typeof language === 'string') {
    return language.toLowerCase();
  }
  const kernelName = (metadata.kernelspec as any)?.name;
  if (typeof kernelName === 'string' && !/python|ipykernel|conda|py\d/i.test(kernelName)) {
    return kernelName.toLowerCase();
  }
  return undefined;
}

/** A cell's source as one string (nbformat allows a list of lines). */
export function sourceText(source: nbformat.MultilineString | undefined): string {
  return Array.isArray(source) ? source.join('') : source ?? '';
}

/** The notebook as nbformat 4 JSON text, the way Jupyter writes it. */
export function serializeNotebook(notebook: nbformat.INotebookContent): string {
  return JSON.stringify(notebook, null, 1) + '\n';
}

namespace Private {
  /** nbformat 3 -> 4, as nbformat.v4.convert does for the parts notebooks use. */
  export function fromV3(json: any): nbformat.INotebookContent {
    const worksheets: any[] = json.worksheets ?? [];
    const cells: nbformat.ICell[] = [];
    for (const worksheet of worksheets) {
      for (const cell of worksheet.cells ?? []) {
        const metadata = cell.metadata ?? {};
        if (cell.cell_type === 'code') {
          cells.push({
            cell_type: 'code',
            source: sourceText(cell.input),
            metadata,
            execution_count: cell.prompt_number ?? null,
            outputs: (cell.outputs ?? []).map(convertOutput)
          } as nbformat.ICodeCell);
        } else if (cell.cell_type === 'heading') {
          cells.push({
            cell_type: 'markdown',
            source: '#'.repeat(cell.level ?? 1) + ' ' + sourceText(cell.source).replace(/\n/g, ' '),
            metadata
          });
        } else if (cell.cell_type === 'markdown' || cell.cell_type === 'html') {
          cells.push({ cell_type: 'markdown', source: sourceText(cell.source), metadata });
        } else {
          cells.push({ cell_type: 'raw', source: sourceText(cell.source ?? cell.input), metadata });
        }
      }
    }
    const metadata = { ...(json.metadata ?? {}) };
    delete metadata.name;
    delete metadata.signature;
    return { nbformat: 4, nbformat_minor: 0, metadata, cells };
  }

  const MIME: Record<string, string> = {
    text: 'text/plain',
    html: 'text/html',
    png: 'image/png',
    jpeg: 'image/jpeg',
    svg: 'image/svg+xml',
    latex: 'text/latex',
    json: 'application/json',
    javascript: 'application/javascript'
  };

  function convertOutput(output: any): nbformat.IOutput {
    switch (output.output_type) {
      case 'pyout':
      case 'display_data': {
        const data: nbformat.IMimeBundle = {};
        for (const [key, mime] of Object.entries(MIME)) {
          if (output[key] !== undefined) {
            data[mime] = output[key] as nbformat.MultilineString;
          }
        }
        return output.output_type === 'pyout'
          ? { output_type: 'execute_result', execution_count: output.prompt_number ?? null, data, metadata: {} }
          : { output_type: 'display_data', data, metadata: {} };
      }
      case 'pyerr':
        return { output_type: 'error', ename: output.ename, evalue: output.evalue, traceback: output.traceback ?? [] };
      case 'stream':
        return { output_type: 'stream', name: output.stream === 'stderr' ? 'stderr' : 'stdout', text: sourceText(output.text) };
      default:
        return output;
    }
  }
}
