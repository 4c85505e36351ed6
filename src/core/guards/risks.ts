/**
 * The gate for patches nobody reviewed: what a cell does that must never run
 * without a person deciding, read from its syntax tree (not its text, so a
 * string or comment that mentions `os.system` is not a call, and an alias
 * `from os import popen as p` still is). A patch is flagged for what it adds.
 */
import type { SyntaxNode } from '@lezer/common';
import { PythonSource } from '../python/syntax';
import { cellMagicRisks, commandRisks, lineMagicRisks, scanIPython } from './ipython';
import { isOutsideFolder } from './paths';
import type { IRisk, IRiskFlag } from './types';

export type { IRisk } from './types';

/** Qualified callee names (after import aliases) and the risk of calling them. */
const CALLS: [RegExp, IRisk['kind']][] = [
  [/^os\.(system|popen\d?|exec\w*|spawn\w*|posix_spawnp?|startfile|forkpty)$|^(subprocess|pexpect|commands|sh)\.\w+|^pty\.spawn$|^platform\.popen$/, 'shell'],
  [/^(builtins\.)?(eval|exec|execfile|compile|__import__)$|^importlib\.(import_module|__import__)$|^runpy\.\w+|^ctypes\.\w+/, 'runs-code'],
  [/^(urllib2?|urllib3|requests|httpx|aiohttp|socket|http\.client|httplib|ftplib|smtplib|telnetlib|paramiko|pycurl|wget|webbrowser)\.[\w.]+$/, 'network'],
  [/^os\.(remove|unlink|rmdir|removedirs)$|^shutil\.rmtree$/, 'deletes-files']
];

/** Methods that delete whatever object they are called on (`Path.unlink`, `Path.rmdir`). */
const DELETING_METHODS = new Set(['unlink', 'rmdir', 'rmtree']);

/** IPython shell methods, called on `get_ipython()` or a name bound to it. */
const IPYTHON_SHELL_METHODS = new Set(['system', 'getoutput', 'system_piped', 'system_raw']);

/** Calls whose path arguments are written to (checked when they are literals outside the folder). */
const WRITERS = new Set([
  'to_csv', 'to_excel', 'to_pickle', 'to_json', 'to_parquet', 'to_hdf', 'to_feather', 'to_html', 'to_stata',
  'savefig', 'save', 'savez', 'savez_compressed', 'savetxt', 'save_model', 'save_weights', 'dump',
  'write_text', 'write_bytes', 'touch', 'mkdir', 'makedirs', 'copy', 'copy2', 'copyfile', 'copytree', 'move',
  'rename', 'replace', 'symlink', 'symlink_to', 'link', 'urlretrieve'
]);
const PATH_KEYWORDS = new Set(['path', 'file', 'fname', 'filename', 'path_or_buf', 'excel_writer', 'dst', 'filepath']);
const OPENERS = /^(builtins\.|io\.|codecs\.)?open$/;
/** Calls whose literal URL argument is only shown, not fetched. */
const SHOWS_ONLY = new Set(['print', 'display', 'Markdown', 'HTML', 'warn', 'info', 'debug', 'warning', 'error', 'format']);

/** Everything risky a cell does, in order; IPython lines included. */
export function risksIn(cell: string, knownImports?: ReadonlyMap<string, string>): IRisk[] {
  const { risks, python } = scanIPython(cell);
  const source = new PythonSource(python, knownImports);
  risks.push(...Private.callRisks(source));
  if (source.hasSyntaxErrors) {
    risks.push(...Private.unreadableRisks(python));
  }
  return risks;
}

const ORDER: IRisk['kind'][] = ['installs-package', 'shell', 'network', 'deletes-files', 'writes-outside', 'runs-code'];
const MESSAGES: Record<IRisk['kind'], string> = {
  'installs-package': 'Installs a package into the kernel environment',
  shell: 'Runs a shell command',
  network: 'Reaches the network',
  'deletes-files': 'Deletes files',
  'writes-outside': "Writes outside the notebook's folder",
  'runs-code': 'Runs code built at run time'
};

/** The risks `after` has that `before` did not (counted, so one more `os.system` is one more). */
export function guardFlags(before: string, after: string): IRiskFlag[] {
  const seen = new Map<string, number>();
  for (const risk of risksIn(before)) {
    const key = `${risk.kind}\u0000${risk.what}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const added = new Map<IRisk['kind'], string[]>();
  for (const risk of risksIn(after)) {
    const key = `${risk.kind}\u0000${risk.what}`;
    const left = seen.get(key) ?? 0;
    if (left > 0) {
      seen.set(key, left - 1);
      continue;
    }
    const list = added.get(risk.kind) ?? [];
    if (!list.includes(risk.what)) {
      list.push(risk.what);
    }
    added.set(risk.kind, list);
  }
  return ORDER.filter(kind => added.has(kind)).map(kind => ({ kind, message: `${MESSAGES[kind]}: ${added.get(kind)!.join(', ')}.` }));
}

namespace Private {
  export function callRisks(source: PythonSource): IRisk[] {
    const risks: IRisk[] = [];
    for (const call of source.findAll('CallExpression')) {
      const callee = source.callee(call);
      const qualified = source.qualifiedName(callee);
      const args = source.callArguments(call);
      if (qualified !== undefined) {
        for (const [pattern, kind] of CALLS) {
          if (pattern.test(qualified)) {
            risks.push({ kind, what: qualified });
            if (kind === 'shell') {
              const command = args.flatMap(arg => stringsIn(source, arg.value)).join(' ');
              risks.push(...commandRisks(qualified, command).filter(risk => risk.kind !== 'shell'));
            }
          }
        }
        if (OPENERS.test(qualified)) {
          risks.push(...openRisks(source, call));
        }
      }
      const method = callee?.name === 'MemberExpression' && callee.lastChild?.name === 'PropertyName' ? source.textOf(callee.lastChild) : undefined;
      const name = method ?? (callee?.name === 'VariableName' ? source.textOf(callee) : undefined);
      if (method && DELETING_METHODS.has(method) && !(qualified && /^shutil\./.test(qualified))) {
        risks.push({ kind: 'deletes-files', what: `.${method}()` });
      }
      if (method && isIPython(source, callee!.firstChild)) {
        risks.push(...ipythonRisks(source, method, args.map(arg => literal(source, arg.value))));
      }
      if (name && WRITERS.has(name)) {
        risks.push(...writerRisks(source, call, name));
      }
      if (name && !SHOWS_ONLY.has(name)) {
        for (const arg of args) {
          const text = literal(source, arg.value);
          if (text !== undefined && /^\s*(https?|ftp):\/\//i.test(text)) {
            risks.push({ kind: 'network', what: `${name}(${text.trim()})` });
          }
        }
      }
    }
    return risks;
  }

  /** `get_ipython()`, or a name assigned from it in this cell (`ip = get_ipython()`). */
  function isIPython(source: PythonSource, object: SyntaxNode | null): boolean {
    if (!object) {
      return false;
    }
    if (object.name === 'CallExpression') {
      return source.dottedName(source.callee(object)) === 'get_ipython';
    }
    if (object.name === 'VariableName') {
      const name = source.textOf(object);
      return new RegExp(`^\\s*${name}\\s*=\\s*get_ipython\\(\\)`, 'm').test(source.text);
    }
    return false;
  }

  function ipythonRisks(source: PythonSource, method: string, args: (string | undefined)[]): IRisk[] {
    if (IPYTHON_SHELL_METHODS.has(method)) {
      return commandRisks(`get_ipython().${method}`, args[0] ?? '');
    }
    if (method === 'run_line_magic' || method === 'magic') {
      const [name, ...rest] = method === 'magic' ? (args[0] ?? '').split(/\s+/) : [args[0] ?? '', args[1] ?? ''];
      return args[0] === undefined ? [{ kind: 'runs-code', what: `get_ipython().${method}` }] : lineMagicRisks(name.replace(/^%/, ''), rest.join(' '));
    }
    if (method === 'run_cell_magic' || method === 'run_cell') {
      if (method === 'run_cell' || args[0] === undefined) {
        return [{ kind: 'runs-code', what: `get_ipython().${method}` }];
      }
      return cellMagicRisks(args[0], args[1] ?? '', args[2] ?? '').concat(args[2] ? risksIn(args[2]) : []);
    }
    return [];
  }

  function openRisks(source: PythonSource, call: SyntaxNode): IRisk[] {
    const args = source.callArguments(call);
    const file = args.find(arg => arg.name === 'file') ?? args.find(arg => !arg.name);
    const mode = args.find(arg => arg.name === 'mode') ?? args.filter(arg => !arg.name)[1];
    const path = file && literal(source, file.value);
    const modeText = mode ? literal(source, mode.value) : 'r';
    if (path === undefined || modeText === undefined || !/[wax+]/.test(modeText) || !isOutsideFolder(path)) {
      return [];
    }
    return [{ kind: 'writes-outside', what: `open(${path})` }];
  }

  function writerRisks(source: PythonSource, call: SyntaxNode, name: string): IRisk[] {
    const paths = source
      .callArguments(call)
      .filter(arg => !arg.star && (!arg.name || PATH_KEYWORDS.has(arg.name)))
      .map(arg => literal(source, arg.value));
    // `Path("/etc/x").write_text(...)`: the path is the object the method is called on.
    const object = source.callee(call)?.firstChild;
    if (object?.name === 'CallExpression' && /(^|\.)Path$/.test(source.dottedName(source.callee(object)) ?? '')) {
      paths.push(...source.callArguments(object).map(arg => literal(source, arg.value)));
    }
    const outside = paths.find((path): path is string => path !== undefined && isOutsideFolder(path));
    return outside === undefined ? [] : [{ kind: 'writes-outside', what: `${name}(${outside})` }];
  }

  /** The value of a plain string literal (no f-string), else undefined. */
  export function literal(source: PythonSource, node: Pick<SyntaxNode, 'name' | 'from' | 'to'>): string | undefined {
    if (node.name !== 'String') {
      return undefined;
    }
    const match = /^[rRuUbB]{0,2}('''|"""|'|")([\s\S]*)\1$/.exec(source.textOf(node));
    return match ? match[2] : undefined;
  }

  /** Every plain string literal inside a node (`["pip", "install", "x"]` -> pip, install, x). */
  function stringsIn(source: PythonSource, node: SyntaxNode): string[] {
    const found: string[] = [];
    source.tree.iterate({
      from: node.from,
      to: node.to,
      enter: ref => {
        if (ref.name === 'String' && ref.from >= node.from && ref.to <= node.to) {
          const value = literal(source, ref);
          if (value !== undefined) {
            found.push(value);
          }
        }
      }
    });
    return found;
  }

  /** Code the parser cannot read is judged by the names in it: unreadable is not harmless. */
  export function unreadableRisks(text: string): IRisk[] {
    const risks: IRisk[] = [];
    const words: [RegExp, IRisk['kind']][] = [
      [/\b(system|popen|subprocess|Popen|spawn\w*|execv\w*)\b/, 'shell'],
      [/\b(eval|exec|compile|__import__|import_module)\s*\(/, 'runs-code'],
      [/\b(urlopen|urlretrieve|requests|socket|httpx)\b/, 'network'],
      [/\b(remove|unlink|rmtree|rmdir)\s*\(/, 'deletes-files']
    ];
    for (const [pattern, kind] of words) {
      const match = pattern.exec(text);
      if (match) {
        risks.push({ kind, what: `${match[1]} (in code that does not parse)` });
      }
    }
    return risks;
  }
}
