/**
 * IPython in a cell: what is not Python (line magics, shell escapes, cell
 * magics) and must be blanked out before the cell is parsed.
 */

/**
 * The cell as plain Python, offsets kept: IPython line magics, shell
 * escapes (`!ls`) and a leading cell magic line are blanked out. A name
 * assigned a magic's output (`files = !ls`) stays bound, to `...`: later
 * cells that read it depend on this one.
 */
export function withoutMagics(text: string): string {
  return text
    .split('\n')
    .map(line => {
      const assigned = /^(\s*[\w.]+\s*=)(\s*)([%!].*)$/.exec(line);
      if (assigned && assigned[3].length >= 3) {
        const [, target, space, magic] = assigned;
        return target + space + '...' + ' '.repeat(magic.length - 3);
      }
      return /^\s*[%!]/.test(line) || assigned ? line.replace(/\S/g, ' ') : line;
    })
    .join('\n');
}

/** Cell magics whose body is Python; the body of any other (`%%bash`, `%%html`) is not. */
export function isPythonCell(text: string): boolean {
  const first = /^\s*%%(\w+)/.exec(text);
  return !first || ['time', 'timeit', 'capture', 'prun', 'debug', 'python', 'python3'].includes(first[1]);
}
