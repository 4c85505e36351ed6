/**
 * Python 2 leftovers that Python 3 refuses. A Python 2 cell usually has
 * several at once, and a SyntaxError stops the whole cell: these rules are
 * static, so the engine fixes every one of them in the same patch.
 */
import type { SyntaxNode } from '@lezer/common';
import { customRule } from './builders';
import { importedFrom, rewriteFromImports } from '../python/imports';
import { onCulpritLines } from './culprit';
import { replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import { boundNames, builtinUses } from '../python/builtins';
import { allNodes, atom, isAtom } from '../python/syntax';
import type { PythonSource } from '../python/syntax';
import { partRanges, statementEnd } from '../python/text';
import type { IFact, IRule, RuleCategory } from './types';

const WHATS_NEW_3 = 'https://docs.python.org/3/whatsnew/3.0.html';

function fact(message: string, catalogId?: string): IFact {
  return { library: 'python', version: '3.0', message, source: WHATS_NEW_3, catalogId };
}

function py2Rule(options: {
  id: string;
  message: string;
  catalogId?: string;
  trigger: RegExp;
  static?: boolean;
  category?: RuleCategory;
  fix: (source: PythonSource, context: Parameters<IRule['fix']>[0]) => IEdit[];
}): IRule {
  return customRule({
    id: options.id,
    category: options.category ?? 'python2-syntax',
    fact: fact(options.message, options.catalogId === undefined ? options.id : options.catalogId || undefined),
    trigger: options.trigger,
    static: options.static ?? true,
    fix: context => options.fix(context.source, context)
  });
}

// ---------------------------------------------------------------- print / exec

/**
 * `print x, y` / `print >>f, x` / `print x,`: only the `print` keyword, the
 * redirection and the end of the line are edited, so other rules can fix
 * the printed expressions in the same patch.
 */
function printEdits(source: PythonSource, chevron: boolean): IEdit[] {
  const text = source.text;
  const edits: IEdit[] = [];
  const statements: { from: number; bare: boolean }[] = [
    ...source.findAll('PrintStatement').map(node => ({ from: node.from, bare: false })),
    // A bare `print` is a valid (useless) Python 3 expression: in Python 2 it printed a newline.
    ...source
      .findAll('ExpressionStatement')
      .filter(node => node.firstChild?.name === 'VariableName' && node.firstChild.to === node.to && source.textOf(node) === 'print')
      .map(node => ({ from: node.from, bare: true }))
  ];
  for (const { from, bare } of statements) {
    const end = statementEnd(text, from);
    let bodyStart = from + 'print'.length;
    while (bodyStart < end && /\s/.test(text[bodyStart])) {
      bodyStart++;
    }
    if (text.startsWith('>>', bodyStart) !== chevron) {
      continue;
    }
    if (bare || bodyStart >= end) {
      edits.push({ from, to: end, insert: 'print()' });
      continue;
    }
    const parts = partRanges(text, bodyStart, end);
    let file = '';
    let open = { from, to: bodyStart, insert: 'print(' };
    if (chevron) {
      file = `file=${text.slice(bodyStart + 2, parts[0][1]).trim()}`;
      if (parts.length === 1) {
        edits.push({ from, to: end, insert: `print(${file})` });
        continue;
      }
      open = { from, to: parts[1][0] + (text.slice(parts[1][0], parts[1][1]).length - text.slice(parts[1][0], parts[1][1]).trimStart().length), insert: 'print(' };
      parts.shift();
    }
    const last = parts[parts.length - 1];
    const trailing = parts.length > 1 && text.slice(last[0], last[1]).trim() === '';
    const tail = [trailing ? "end=' '" : '', file].filter(Boolean);
    let closeFrom = trailing ? parts[parts.length - 2][1] : end;
    while (closeFrom > open.to && /\s/.test(text[closeFrom - 1])) {
      closeFrom--;
    }
    edits.push(open, { from: closeFrom, to: end, insert: `${tail.length ? ', ' + tail.join(', ') : ''})` });
  }
  return edits;
}

const printStatement = py2Rule({
  id: 'py2-print-statement',
  message: 'print is a function since Python 3.0: print x became print(x).',
  trigger: /Missing parentheses in call to 'print'|SyntaxError: invalid syntax/,
  fix: source => printEdits(source, false)
});

const printChevron = py2Rule({
  id: 'py2-print-chevron',
  message: 'print >>f, x became print(x, file=f) in Python 3.0.',
  trigger: /unsupported operand type\(s\) for >>: 'builtin_function_or_method'|Missing parentheses in call to 'print'/,
  fix: source => printEdits(source, true)
});

/** `exec code` / `exec code in ns` -> `exec(code)` / `exec(code, ns)`. */
const execStatement = py2Rule({
  id: 'py2-exec-statement',
  message: 'exec is a function since Python 3.0: exec code in ns became exec(code, ns).',
  trigger: /Missing parentheses in call to 'exec'/,
  fix: source => {
    const edits: IEdit[] = [];
    for (const name of source.findAll('VariableName')) {
      const statement = name.parent;
      if (source.textOf(name) !== 'exec' || statement?.name !== 'ExpressionStatement' || statement.firstChild?.to !== statement.lastChild?.to) {
        continue;
      }
      const error = statement.nextSibling;
      const next = error?.type.isError ? error.nextSibling : null;
      if (!next || source.lineAt(next.from) !== source.lineAt(name.from)) {
        continue;
      }
      const end = Math.max(statementEnd(source.text, name.from), next.to);
      const first = next.firstChild;
      const inKeyword = first?.name === 'BinaryExpression' ? first.getChild('in') : null;
      const args = inKeyword
        ? `${source.text.slice(first!.from, inKeyword.from).trim()}, ${source.text.slice(inKeyword.to, end).trim()}`
        : source.text.slice(next.from, end).trim();
      edits.push({ from: name.from, to: end, insert: `exec(${args})` });
    }
    return edits;
  }
});

// ---------------------------------------------------------------- syntax

/** `except X, e:` -> `except X as e:`. */
const exceptComma = py2Rule({
  id: 'py2-except-comma',
  message: 'except X, e: became except X as e: in Python 3.0.',
  trigger: /multiple exception types must be parenthesized/,
  fix: source => {
    const edits: IEdit[] = [];
    for (const statement of source.findAll('TryStatement')) {
      for (let child = statement.firstChild; child; child = child.nextSibling) {
        if (child.name !== 'except') {
          continue;
        }
        const type = child.nextSibling;
        const comma = type?.nextSibling;
        const name = comma?.nextSibling;
        if (type && comma?.name === ',' && name?.name === 'VariableName' && name.nextSibling?.name === 'Body') {
          edits.push({ from: type.to, to: name.from, insert: ' as ' });
        }
      }
    }
    return edits;
  }
});

/** `raise E, 'msg'` -> `raise E('msg')`; `raise E, msg, tb` -> `raise E(msg).with_traceback(tb)`. */
const raiseComma = py2Rule({
  id: 'py2-raise-comma',
  catalogId: 'py2-except-comma',
  message: "raise E, 'message' became raise E('message') in Python 3.0.",
  trigger: /SyntaxError: invalid syntax/,
  fix: source =>
    source.findAll('RaiseStatement').flatMap(statement => {
      const parts: SyntaxNode[] = [];
      let commas = 0;
      for (let child = statement.firstChild?.nextSibling ?? null; child; child = child.nextSibling) {
        if (child.name === ',') {
          commas++;
        } else if (child.name !== 'Comment') {
          parts.push(child);
        }
      }
      if (commas === 0 || parts.length < 2 || parts.length > 3 || parts.some(part => part.type.isError)) {
        return [];
      }
      const [type, value, traceback] = parts;
      const valueText = value.name === 'TupleExpression' ? source.textOf(value).slice(1, -1) : source.textOf(value);
      const raised = `${atom(source, type)}(${valueText})${traceback ? `.with_traceback(${source.textOf(traceback)})` : ''}`;
      return [replace({ from: type.from, to: parts[parts.length - 1].to }, raised)];
    })
});

/** `a <> b` -> `a != b`; `` `x` `` -> `repr(x)`. */
const backticksNeq = py2Rule({
  id: 'py2-backticks-neq',
  message: 'Python 3.0 removed the <> operator and `x` backticks: use != and repr(x).',
  trigger: /SyntaxError: invalid syntax/,
  fix: source => {
    const edits: IEdit[] = [];
    for (const op of source.findAll('CompareOp')) {
      if (source.textOf(op) === '<>') {
        edits.push(replace(op, '!='));
      }
    }
    const ticks = allNodes(source).filter(node => node.type.isError && source.textOf(node) === '`');
    for (let i = 0; i + 1 < ticks.length; i += 2) {
      if (source.lineAt(ticks[i].from) !== source.lineAt(ticks[i + 1].from)) {
        break;
      }
      edits.push(replace(ticks[i], 'repr('), replace(ticks[i + 1], ')'));
    }
    return edits;
  }
});

/** `0777` -> `0o777`. */
const octalLiteral = py2Rule({
  id: 'py2-octal-literal',
  message: 'Python 3.0 octal literals need the 0o prefix: 0777 became 0o777.',
  trigger: /leading zeros in decimal integer literals are not permitted/,
  fix: source =>
    source
      .findAll('Number')
      .filter(node => /^0[0-7]+$/.test(source.textOf(node)) && !/^0+$/.test(source.textOf(node)))
      .map(node => replace(node, `0o${source.textOf(node).replace(/^0+/, '')}`))
});

/** `10L` -> `10`, `long(x)` -> `int(x)`. */
const longLiteral = py2Rule({
  id: 'py2-long-literal',
  message: 'Python 3.0 merged long into int: 10L became 10 and long(x) became int(x).',
  trigger: /name 'long' is not defined|invalid decimal literal|invalid hexadecimal literal/,
  fix: source => {
    const edits: IEdit[] = [];
    for (const node of source.findAll('Number')) {
      const suffix = source.text[node.to];
      if ((suffix === 'L' || suffix === 'l') && !/\w/.test(source.text[node.to + 1] ?? '') && /^(0[xX][0-9a-fA-F]+|0[oObB]?[0-7]*|[1-9]\d*)$/.test(source.textOf(node))) {
        edits.push({ from: node.to, to: node.to + 1, insert: '' });
      }
    }
    for (const node of builtinUses(source, 'long')) {
      if (node.parent?.name === 'CallExpression' && node.parent.firstChild?.from === node.from) {
        edits.push(replace(node, 'int'));
      }
    }
    return edits;
  }
});

/** `ur'...'` -> `r'...'`. */
const urString = py2Rule({
  id: 'py2-ur-string',
  catalogId: '',
  message: "Python 3 has no ur'' string prefix: ur'...' became r'...'.",
  trigger: /SyntaxError: invalid syntax/,
  fix: source =>
    source
      .findAll('VariableName')
      .filter(node => /^[uU][rR]$/.test(source.textOf(node)) && /['"]/.test(source.text[node.to] ?? ''))
      .map(node => replace(node, source.textOf(node)[1]))
});

// ---------------------------------------------------------------- builtins

function builtinRename(id: string, names: Record<string, string>, message: string, catalogId?: string): IRule {
  return py2Rule({
    id,
    catalogId,
    message,
    category: 'removed-api',
    trigger: new RegExp(`name '(${Object.keys(names).join('|')})' is not defined`),
    fix: source =>
      Object.entries(names).flatMap(([name, to]) =>
        builtinUses(source, name)
          // A name bound in an earlier cell may be a variable: only calls (and basestring in isinstance) are proof.
          .filter(node => name === 'basestring' || (node.parent?.name === 'CallExpression' && node.parent.firstChild?.from === node.from))
          .map(node => replace(node, to))
      )
  });
}

const xrange = builtinRename('py2-xrange', { xrange: 'range' }, 'xrange was removed in Python 3.0; range is lazy now.');
const rawInput = builtinRename('py2-raw_input', { raw_input: 'input' }, 'raw_input was renamed input in Python 3.0.');
const unicode = builtinRename(
  'py2-unicode-basestring',
  { unicode: 'str', basestring: 'str', unichr: 'chr' },
  'Python 3.0 removed unicode, basestring and unichr: text is str (and chr).'
);
const fileBuiltin = builtinRename('py2-file-builtin', { file: 'open' }, 'The file() builtin was removed in Python 3.0; use open().', '');

/** `reduce(...)` / `reload(...)` without an import -> import them from functools / importlib. */
function movedBuiltin(id: string, name: string, module: string): IRule {
  return py2Rule({
    id,
    message: `${name} is no longer a builtin since Python 3.0; import it from ${module}.`,
    category: 'removed-api',
    trigger: new RegExp(`name '${name}' is not defined`),
    fix: source => (builtinUses(source, name).length ? importedFrom(source, module, name).edits : [])
  });
}

const reduce = movedBuiltin('py2-reduce-builtin', 'reduce', 'functools');
const reload = movedBuiltin('py2-reload-builtin', 'reload', 'importlib');

// ---------------------------------------------------------------- methods

const iterMethods = py2Rule({
  id: 'py2-dict-iteritems',
  message: 'Python 3.0 removed dict.iteritems/itervalues/iterkeys (and the view* methods): items/values/keys are views now.',
  category: 'removed-api',
  trigger: /'dict' object has no attribute '(iter|view)(items|values|keys)'/,
  fix: source => {
    const renames: Record<string, string> = {
      iteritems: 'items', itervalues: 'values', iterkeys: 'keys', viewitems: 'items', viewvalues: 'values', viewkeys: 'keys'
    };
    return Object.entries(renames).flatMap(([method, to]) =>
      source.methodCalls(method).filter(call => source.callArguments(call).length === 0).map(call => replace(source.callee(call)!.lastChild!, to))
    );
  }
});

/** `d.has_key(k)` -> `k in d`. */
const hasKey = py2Rule({
  id: 'py2-dict-has_key',
  message: 'dict.has_key(k) was removed in Python 3.0; use k in d.',
  category: 'removed-api',
  trigger: /has no attribute 'has_key'/,
  fix: source =>
    source.methodCalls('has_key').flatMap(call => {
      const args = source.callArguments(call);
      if (args.length !== 1 || args[0].name || args[0].star) {
        return [];
      }
      const object = source.callee(call)!.firstChild!;
      const key = args[0].value;
      const keyText = isAtom(key) || (key.name === 'BinaryExpression' && key.getChild('ArithOp')) ? source.textOf(key) : `(${source.textOf(key)})`;
      const parent = call.parent;
      const loose =
        parent?.name === 'MemberExpression' ||
        (parent?.name === 'BinaryExpression' && !parent.getChild('and') && !parent.getChild('or')) ||
        (parent?.name === 'UnaryExpression' && !parent.getChild('not'));
      const expression = `${keyText} in ${source.textOf(object)}`;
      return [replace(call, loose ? `(${expression})` : expression)];
    })
});

/** `it.next()` -> `next(it)`. */
const nextMethod = py2Rule({
  id: 'py2-next-method',
  message: 'Iterators lost their .next() method in Python 3.0; use next(it).',
  category: 'removed-api',
  trigger: /has no attribute 'next'/,
  static: false,
  fix: source =>
    source
      .methodCalls('next')
      .filter(call => source.callArguments(call).length === 0)
      .map(call => replace(call, `next(${source.textOf(source.callee(call)!.firstChild!)})`))
});

/** `sorted(xs, cmp=f)` / `xs.sort(cmp=f)` -> `key=cmp_to_key(f)`. */
const sortCmp = py2Rule({
  id: 'py2-sort-cmp',
  message: 'sort() and sorted() lost cmp= in Python 3.0; use key=functools.cmp_to_key(f).',
  category: 'signature-change',
  trigger: /'cmp' is an invalid keyword argument/,
  fix: source => {
    const edits: IEdit[] = [];
    let imported: { name: string; edits: IEdit[] } | undefined;
    const calls = [...source.methodCalls('sort'), ...source.callsTo((_q, dotted) => dotted === 'sorted')];
    for (const call of calls) {
      const args = source.callArguments(call);
      const cmp = args.find(arg => arg.name === 'cmp');
      if (!cmp || args.some(arg => arg.name === 'key')) {
        continue;
      }
      imported ??= importedFrom(source, 'functools', 'cmp_to_key');
      edits.push(replace(cmp.node, `key=${imported.name}(${source.textOf(cmp.value)})`));
    }
    return imported && edits.length ? [...edits, ...imported.edits] : edits;
  }
});

// ---------------------------------------------------------------- modules

const STRING_CONSTANTS: Record<string, string> = { letters: 'ascii_letters', lowercase: 'ascii_lowercase', uppercase: 'ascii_uppercase' };
const STRING_METHODS = ['lower', 'upper', 'strip', 'lstrip', 'rstrip', 'split', 'rsplit', 'replace', 'find', 'rfind', 'index', 'rindex', 'count', 'capitalize', 'swapcase', 'zfill', 'ljust', 'rjust', 'center', 'expandtabs', 'translate'];
const STRING_CONVERSIONS: Record<string, string> = { atoi: 'int', atof: 'float', atol: 'int' };

/** string.letters, string.join(l, sep), string.upper(s), string.atoi(s), string.maketrans(a, b). */
const stringModule = py2Rule({
  id: 'py2-string-module-functions',
  message: "Python 3.0 removed the string module's functions and locale-dependent constants: use str methods and string.ascii_letters.",
  category: 'removed-api',
  trigger: /module 'string' has no attribute/,
  fix: source => {
    const edits: IEdit[] = [];
    for (const member of source.findAll('MemberExpression')) {
      const property = member.lastChild;
      const object = member.firstChild;
      if (property?.name !== 'PropertyName' || object?.name !== 'VariableName' || source.imports.get(source.textOf(object)) !== 'string') {
        continue;
      }
      const name = source.textOf(property);
      const call = member.parent?.name === 'CallExpression' && member.parent.firstChild?.from === member.from ? member.parent : null;
      if (name in STRING_CONSTANTS) {
        edits.push(replace(property, STRING_CONSTANTS[name]));
        continue;
      }
      if (!call) {
        continue;
      }
      const args = source.callArguments(call);
      if (args.length === 0 || args.some(arg => arg.star || arg.name)) {
        continue;
      }
      const rest = args.slice(1).map(arg => source.textOf(arg.node)).join(', ');
      if (name === 'maketrans') {
        edits.push(replace(object, 'str'));
      } else if (name === 'join' || name === 'joinfields') {
        const separator = args[1] ? atom(source, args[1].value) : "' '";
        edits.push(replace(call, `${separator}.join(${source.textOf(args[0].value)})`));
      } else if (name in STRING_CONVERSIONS && args.length === 1) {
        edits.push(replace(call, `${STRING_CONVERSIONS[name]}(${source.textOf(args[0].value)})`));
      } else if (STRING_METHODS.includes(name)) {
        edits.push(replace(call, `${atom(source, args[0].value)}.${name}(${rest})`));
      }
    }
    return edits;
  }
});

/** Python 2 module -> Python 3 module, for `import X` (kept as the old name) and `from X import`. */
const RENAMED_MODULES: Record<string, string> = {
  cPickle: 'pickle',
  StringIO: 'io',
  cStringIO: 'io',
  urllib2: 'urllib.request',
  urlparse: 'urllib.parse',
  ConfigParser: 'configparser',
  Queue: 'queue',
  Tkinter: 'tkinter',
  tkMessageBox: 'tkinter.messagebox',
  tkFileDialog: 'tkinter.filedialog',
  HTMLParser: 'html.parser',
  httplib: 'http.client',
  cookielib: 'http.cookiejar',
  __builtin__: 'builtins',
  copy_reg: 'copyreg',
  SocketServer: 'socketserver',
  commands: 'subprocess',
  thread: '_thread',
  dummy_thread: '_dummy_thread',
  anydbm: 'dbm',
  htmlentitydefs: 'html.entities',
  SimpleHTTPServer: 'http.server',
  BaseHTTPServer: 'http.server'
};
/** itertools functions that became builtins (dropped from the import) or were renamed. */
const ITERTOOLS_BUILTINS: Record<string, string> = { izip: 'zip', imap: 'map', ifilter: 'filter' };
const ITERTOOLS_RENAMED: Record<string, string> = { izip_longest: 'zip_longest', ifilterfalse: 'filterfalse' };
/** Python 2 urllib functions and where they live in Python 3. */
const URLLIB: Record<string, string> = {
  urlopen: 'urllib.request', urlretrieve: 'urllib.request', urlencode: 'urllib.parse', quote: 'urllib.parse',
  quote_plus: 'urllib.parse', unquote: 'urllib.parse', unquote_plus: 'urllib.parse', pathname2url: 'urllib.request'
};

const renamedModules = py2Rule({
  id: 'py2-renamed-modules',
  message: 'Python 3.0 renamed standard modules (cPickle -> pickle, StringIO -> io, urllib2 -> urllib.request, itertools.izip -> zip, ...).',
  category: 'missing-module',
  trigger: new RegExp(
    `No module named '(${Object.keys(RENAMED_MODULES).join('|')})'|cannot import name '(${[...Object.keys(ITERTOOLS_BUILTINS), ...Object.keys(ITERTOOLS_RENAMED)].join('|')})' from 'itertools'|module 'urllib' has no attribute '(${Object.keys(URLLIB).join('|')})'|module 'itertools' has no attribute '(izip|imap|ifilter|izip_longest|ifilterfalse)'`
  ),
  fix: source => {
    const edits: IEdit[] = [];
    // import cPickle as pickle / import cPickle / import urllib2
    for (const statement of source.findAll('ImportStatement')) {
      const text = source.textOf(statement);
      const match = /^import\s+([\s\S]+)$/.exec(text);
      if (!match) {
        continue;
      }
      let changed = false;
      const parts = match[1].split(',').map(part => {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        const renamed = RENAMED_MODULES[name];
        if (!renamed) {
          return part.trim();
        }
        changed = true;
        const local = alias ?? name;
        return renamed === local ? renamed : `${renamed} as ${local}`;
      });
      if (changed) {
        edits.push(replace(statement, `import ${parts.join(', ')}`));
      }
    }
    // from cPickle import load / from itertools import izip
    const dropped = new Map<string, string>();
    edits.push(
      ...rewriteFromImports(
        source,
        module => module in RENAMED_MODULES || module === 'itertools',
        (name, alias, module) => {
          if (module !== 'itertools') {
            return { module: RENAMED_MODULES[module], part: alias ? `${name} as ${alias}` : name };
          }
          if (name in ITERTOOLS_BUILTINS) {
            dropped.set(alias ?? name, ITERTOOLS_BUILTINS[name]);
            return null;
          }
          if (name in ITERTOOLS_RENAMED) {
            return { module, part: `${ITERTOOLS_RENAMED[name]} as ${alias ?? name}` };
          }
          return undefined;
        }
      )
    );
    for (const node of source.findAll('VariableName')) {
      const builtin = dropped.get(source.textOf(node));
      if (builtin && node.parent?.name !== 'ImportStatement') {
        edits.push(replace(node, builtin));
      }
    }
    // itertools.izip(...) -> zip(...)
    for (const member of source.findAll('MemberExpression')) {
      const qualified = source.qualifiedName(member) ?? '';
      const [module, name] = [qualified.split('.').slice(0, -1).join('.'), qualified.split('.').pop()!];
      if (module === 'itertools' && name in ITERTOOLS_BUILTINS) {
        edits.push(replace(member, ITERTOOLS_BUILTINS[name]));
      } else if (module === 'itertools' && name in ITERTOOLS_RENAMED) {
        edits.push(replace(member.lastChild!, ITERTOOLS_RENAMED[name]));
      }
    }
    // urllib.urlopen(...) -> urllib.request.urlopen(...), with `import urllib` importing the submodules
    const needed = new Set<string>();
    for (const member of source.findAll('MemberExpression')) {
      const object = member.firstChild;
      const property = member.lastChild;
      if (object?.name === 'VariableName' && source.textOf(object) === 'urllib' && source.imports.get('urllib') === 'urllib' && property?.name === 'PropertyName') {
        const target = URLLIB[source.textOf(property)];
        if (target) {
          needed.add(target);
          edits.push(replace(object, target));
        }
      }
    }
    if (needed.size) {
      for (const statement of source.findAll('ImportStatement')) {
        if (/^import\s+urllib\s*$/.test(source.textOf(statement))) {
          edits.push(replace(statement, `import ${[...needed].sort().join(', ')}`));
        }
      }
    }
    return edits;
  }
});

const sysMaxint = py2Rule({
  id: 'py2-sys-maxint',
  catalogId: '',
  message: 'sys.maxint was removed in Python 3.0 (ints are unbounded); sys.maxsize is the usual stand-in.',
  category: 'removed-api',
  trigger: /module 'sys' has no attribute 'maxint'/,
  fix: source => source.memberAccesses('maxint').filter(member => source.qualifiedName(member) === 'sys.maxint').map(member => replace(member.lastChild!, 'maxsize'))
});

// ---------------------------------------------------------------- iterators and views

/** `d.keys()[0]` -> `list(d.keys())[0]`; `ks = d.keys(); ks.sort()` -> `ks = list(d.keys())`. */
const dictViews = py2Rule({
  id: 'py2-dict-views',
  message: 'dict.keys()/values()/items() return views since Python 3.0: wrap them in list() to index or sort them.',
  category: 'behavior-change',
  trigger: /'dict_(keys|values|items)' object (is not subscriptable|has no attribute 'sort')/,
  static: false,
  fix: source => {
    const edits: IEdit[] = [];
    const isView = (node: SyntaxNode | null) =>
      node?.name === 'CallExpression' &&
      source.callee(node)?.name === 'MemberExpression' &&
      ['keys', 'values', 'items'].includes(source.textOf(source.callee(node)!.lastChild!)) &&
      source.callArguments(node).length === 0;
    for (const member of source.findAll('MemberExpression')) {
      const object = member.firstChild;
      if (isView(object) && member.getChild('[')) {
        edits.push(replace(object!, `list(${source.textOf(object!)})`));
      }
    }
    const sorted = new Set(source.methodCalls('sort').map(call => source.textOf(source.callee(call)!.firstChild!)));
    for (const assign of source.findAll('AssignStatement')) {
      const target = assign.firstChild;
      const value = assign.lastChild;
      if (target?.name === 'VariableName' && sorted.has(source.textOf(target)) && isView(value)) {
        edits.push(replace(value!, `list(${source.textOf(value!)})`));
      }
    }
    return edits;
  }
});

/** `map(f, xs)[0]`, `len(filter(g, xs))`, `zip(a, b)[0]` -> wrapped in list(). */
const iterators = py2Rule({
  id: 'py2-map-filter-zip-iterators',
  message: 'map, filter and zip return iterators since Python 3.0: wrap them in list() to index them or take their len().',
  category: 'behavior-change',
  trigger: /'(map|filter|zip)' object is not subscriptable|object of type '(map|filter|zip)' has no len\(\)/,
  fix: source => {
    const bound = boundNames(source);
    const isIterator = (node: SyntaxNode | null): boolean => {
      const name = node?.name === 'CallExpression' ? source.dottedName(source.callee(node)) : undefined;
      return !!name && ['map', 'filter', 'zip'].includes(name) && !bound.has(name) && !source.imports.has(name);
    };
    const wrap = (node: SyntaxNode) => replace(node, `list(${source.textOf(node)})`);
    const edits: IEdit[] = [];
    const variables = new Set<string>();
    for (const member of source.findAll('MemberExpression')) {
      const object = member.firstChild;
      if (!member.getChild('[')) {
        continue;
      }
      if (object && isIterator(object)) {
        edits.push(wrap(object));
      } else if (object?.name === 'VariableName') {
        variables.add(source.textOf(object));
      }
    }
    for (const call of source.callsTo((_q, dotted) => dotted === 'len')) {
      const [arg] = source.callArguments(call);
      if (arg && isIterator(arg.value)) {
        edits.push(wrap(arg.value));
      } else if (arg?.value.name === 'VariableName') {
        variables.add(source.textOf(arg.value));
      }
    }
    for (const assign of source.findAll('AssignStatement')) {
      const target = assign.firstChild;
      const value = assign.lastChild;
      if (target?.name === 'VariableName' && target.nextSibling?.name === 'AssignOp' && variables.has(source.textOf(target)) && value && isIterator(value)) {
        edits.push(wrap(value));
      }
    }
    return edits;
  }
});

/** `/` -> `//` where Python 2 floor division fed an index, a slice or range(). */
const integerDivision = py2Rule({
  id: 'py2-integer-division',
  message: 'In Python 3.0 int / int is true division: use // where the result is an index, a slice bound or a count.',
  category: 'behavior-change',
  trigger: /slice indices must be integers|list indices must be integers or slices, not float|'float' object cannot be interpreted as an integer|only integers, slices \(`:`\), ellipsis/,
  static: false,
  fix: (source, { error }) => {
    const ops = source.findAll('ArithOp').filter(op => source.textOf(op) === '/');
    const wanted = ops.filter(op => {
      for (let node = op.parent; node; node = node.parent) {
        if (node.name === 'MemberExpression' && node.getChild('[')) {
          const bracket = node.getChild('[')!;
          return op.from > bracket.from;
        }
        if (node.name === 'ArgList') {
          const call = node.parent!;
          const name = source.dottedName(source.callee(call));
          return name === 'range' || name === 'xrange';
        }
        if (node.name.endsWith('Statement') || node.name === 'Body' || node.name === 'LambdaExpression') {
          return false;
        }
      }
      return false;
    });
    return onCulpritLines(source, error, wanted).map(op => replace(op, '//'));
  }
});

export const python2Rules: IRule[] = [
  printStatement,
  printChevron,
  execStatement,
  exceptComma,
  raiseComma,
  backticksNeq,
  octalLiteral,
  longLiteral,
  urString,
  xrange,
  rawInput,
  unicode,
  fileBuiltin,
  reduce,
  reload,
  iterMethods,
  hasKey,
  nextMethod,
  sortCmp,
  stringModule,
  renamedModules,
  sysMaxint,
  dictViews,
  iterators,
  integerDivision
];
