import type * as nbformat from '@jupyterlab/nbformat';

export const stdout = (text: string): nbformat.IOutput => ({ output_type: 'stream', name: 'stdout', text });

export const result = (text: string, html?: string): nbformat.IOutput => ({
  output_type: 'execute_result',
  execution_count: 1,
  data: { 'text/plain': text, ...(html !== undefined ? { 'text/html': html } : {}) },
  metadata: {}
});
