/**
 * IPython in a cell: what is not Python (line magics, shell escapes, cell
 * magics) and must be blanked out before the cell is parsed.
 */

/**
 * The cell as plain Python: IPython line magics, shell escapes (`!ls`,
 * `x = !ls`) and a leading cell magic line are blanked out, offsets kept.
 */
export function withoutMagics(text: string): string {
  return text
    .split('\n')
    .map(line => (/^\s*[%!]/.test(line) || /^\s*[\w.]+\s*=\s*[%!]/.test(line) ? line.replace(/\S/g, ' ') : line))
    .join('\n');
}

/** Cell magics whose body is Python; the body of any other (`%%bash`, `%%html`) is not. */
export function isPythonCell(text: string): boolean {
  const first = /^\s*%%(\w+)/.exec(text);
  return !first || ['time', 'timeit', 'capture', 'prun', 'debug', 'python', 'python3'].includes(first[1]);
}
