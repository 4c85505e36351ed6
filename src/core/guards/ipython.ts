/**
 * The IPython layer of a cell: shell escapes (`!cmd`, `x = !cmd`) and magics
 * (`%pip`, `%%bash`) are not Python, so they are read here, line by line, and
 * replaced by placeholders that keep the rest of the cell parseable.
 */
import { isOutsideFolder } from './paths';
import type { IRisk } from './types';

/** Cell magics whose body is not Python but a shell or another interpreter. */
const SHELL_CELL_MAGICS = new Set(['bash', 'sh', 'script', 'system', '!', 'perl', 'ruby', 'python2', 'python3', 'pypy', 'svg']);
/** Cell magics whose body is still Python. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);
/** Line magics whose argument is a shell command. */
const SHELL_LINE_MAGICS = new Set(['sx', 'system', 'sc']);
/** Line magics whose argument is Python. */
const PYTHON_LINE_MAGICS = new Set(['time', 'timeit', 'prun']);

export interface IIPythonScan {
  risks: IRisk[];
  /** The cell with every IPython-only line turned into Python that does nothing. */
  python: string;
}

export function scanIPython(cell: string): IIPythonScan {
  const risks: IRisk[] = [];
  const lines = cell.split('\n');
  const first = /^\s*%%\s*(\S+)\s*(.*)$/.exec(lines[0] ?? '');
  if (first) {
    const [, magic, args] = first;
    risks.push(...cellMagicRisks(magic, args, lines.slice(1).join('\n')));
    if (!PYTHON_CELL_MAGICS.has(magic)) {
      return { risks, python: '' };
    }
    lines[0] = '';
  }
  const python = lines.map(line => {
    const indent = /^[ \t]*/.exec(line)![0];
    const body = line.slice(indent.length);
    const bang = /^(?:([\w.,\s]+?)\s*=\s*)?!!?(.*)$/.exec(body);
    if (bang && !/^[\w.]+\s*!=/.test(body)) {
      risks.push(...commandRisks('!', bang[2]));
      return bang[1] ? `${indent}${bang[1]} = None` : `${indent}pass`;
    }
    const magic = /^(?:([\w.,\s]+?)\s*=\s*)?%(\w+)\s*(.*)$/.exec(body);
    if (magic) {
      const [, target, name, args] = magic;
      if (PYTHON_LINE_MAGICS.has(name)) {
        return `${indent}${target ? `${target} = ` : ''}${args.replace(/^(-\S+\s+)*/, '') || 'None'}`;
      }
      risks.push(...lineMagicRisks(name, args));
      return target ? `${indent}${target} = None` : `${indent}pass`;
    }
    return line;
  });
  return { risks, python: python.join('\n') };
}

/** What a cell magic does with its body (the body of a Python cell magic is scanned as Python by the caller). */
export function cellMagicRisks(magic: string, args: string, body: string): IRisk[] {
  if (SHELL_CELL_MAGICS.has(magic)) {
    return commandRisks(`%%${magic}`, body);
  }
  if (magic === 'writefile') {
    const path = args.replace(/^-a\s+/, '').trim();
    return isOutsideFolder(path) ? [{ kind: 'writes-outside', what: `%%writefile ${path}` }] : [];
  }
  if (PYTHON_CELL_MAGICS.has(magic) || magic === 'html' || magic === 'markdown' || magic === 'latex') {
    return [];
  }
  return [{ kind: 'runs-code', what: `%%${magic}` }];
}

/** What a shell command does: installs, deletes, downloads; always runs a shell unless it only installs. */
export function commandRisks(via: string, command: string): IRisk[] {
  const what = `${via} ${command.trim().split('\n')[0]}`.trim();
  const risks: IRisk[] = [];
  const installs = /\b(pip3?|conda|mamba|apt(-get)?|yum|brew)\s+(-\S+\s+)*install\b/.test(command);
  if (installs) {
    risks.push({ kind: 'installs-package', what });
  }
  if (/\b(rm|rmdir|shred|unlink)\b|\bfind\b.*-delete\b/.test(command)) {
    risks.push({ kind: 'deletes-files', what });
  }
  if (/\b(curl|wget|scp|ssh|nc|rsync|git\s+clone|kaggle)\b|https?:\/\//.test(command)) {
    risks.push({ kind: 'network', what });
  }
  // `!pip install x` is an install, judged as such; anything else on a shell line is a shell command.
  const onlyInstall = installs && via !== '%%bash' && !/[;&|`$]/.test(command.replace(/\n+$/, '')) && !command.trim().includes('\n');
  if (!onlyInstall) {
    risks.push({ kind: 'shell', what });
  }
  return risks;
}

/** What a line magic does, from its name and arguments (also for `get_ipython().run_line_magic(...)`). */
export function lineMagicRisks(name: string, args: string): IRisk[] {
  if (name === 'pip' || name === 'conda' || name === 'mamba') {
    return /\binstall\b/.test(args) ? [{ kind: 'installs-package', what: `%${name} ${args.trim()}` }] : [];
  }
  if (SHELL_LINE_MAGICS.has(name)) {
    return commandRisks(`%${name}`, args);
  }
  if (name === 'load' || name === 'loadpy') {
    return /^\s*https?:\/\//.test(args) ? [{ kind: 'network', what: `%${name} ${args.trim()}` }] : [{ kind: 'runs-code', what: `%${name} ${args.trim()}` }];
  }
  if (name === 'run') {
    return [{ kind: 'runs-code', what: `%run ${args.trim()}` }];
  }
  if (name === 'alias') {
    return [{ kind: 'shell', what: `%alias ${args.trim()}` }];
  }
  if (name === 'rm' || name === 'rmdir') {
    return [{ kind: 'deletes-files', what: `%${name} ${args.trim()}` }];
  }
  // %matplotlib, %config, %load_ext ... change the session, not the machine.
  return [];
}
