/**
 * Builders for the shapes most API changes take: a renamed attribute, a
 * moved module, a renamed keyword, a renamed method, positional arguments
 * made keyword-only. Each returns a rule whose rewrite works on the syntax
 * tree and leaves code of another shape alone.
 */
import type { SyntaxNode } from '@lezer/common';
import type { IEdit } from '../python/edit';
import { insertAt, replace } from '../python/edit';
import { sameNode } from '../python/syntax';
import type { PythonSource } from '../python/syntax';
import type { IFact, IRule, IRuleContext, IRuleError, RuleCategory } from './types';
import { isLibraryFrame } from '../diagnosis/traceback';

interface IBase {
  id: string;
  fact: IFact;
  trigger?: RegExp;
  category?: RuleCategory;
}

/**
 * `numpy.float` -> `float`: any use of a qualified name (through whatever
 * alias it was imported as) is replaced. `replacement` may use `{alias}`
 * for the local name of the name's module (e.g. `{alias}.nan` gives `np.nan`).
 */
export function renamedName(options: IBase & { qualified: string; replacement: string }): IRule {
  const module = options.qualified.split('.').slice(0, -1).join('.');
  return {
    id: options.id,
    category: options.category ?? 'removed-api',
    fact: options.fact,
    trigger: options.trigger,
    static: true,
    fix: ({ source }) => {
      const edits: IEdit[] = [];
      for (const node of source.findAll('MemberExpression', 'VariableName')) {
        if (node.parent?.name === 'MemberExpression' && !sameNode(node.parent.firstChild, node)) {
          continue;
        }
        if (node.name === 'VariableName' && Private.isBindingOrImport(node)) {
          continue;
        }
        if (source.qualifiedName(node) !== options.qualified) {
          continue;
        }
        // Skip the inner part of a longer chain already matched (np.float in np.float.x is fine).
        const dotted = source.dottedName(node) ?? '';
        const alias = dotted.split('.').slice(0, -1).join('.') || module;
        edits.push(replace(node, options.replacement.replace('{alias}', alias)));
      }
      return edits;
    }
  };
}

/**
 * `from old.module import a` -> `from new.module import a`, and
 * `import old.module as m` -> `import new.module as m`. With `names`, only
 * imports of those names move (the rest of an import list stays, split out).
 */
export function movedModule(
  options: IBase & { module: string; to: string | ((name: string) => string | undefined) }
): IRule {
  const target = (name: string) => (typeof options.to === 'string' ? options.to : options.to(name));
  return {
    id: options.id,
    category: options.category ?? 'missing-module',
    fact: options.fact,
    trigger: options.trigger,
    static: true,
    fix: ({ source }) => {
      const edits: IEdit[] = [];
      for (const statement of source.findAll('ImportStatement')) {
        const text = source.textOf(statement);
        const fromMatch = /^from(\s+)([.\w]+)(\s+import\s+)([\s\S]+)$/.exec(text);
        if (fromMatch && (fromMatch[2] === options.module || fromMatch[2].startsWith(options.module + '.'))) {
          const names = fromMatch[4].replace(/[()\\\n]/g, ' ').split(',').map(part => part.trim()).filter(Boolean);
          const groups = new Map<string, string[]>();
          for (const part of names) {
            const name = part.split(/\s+as\s+/)[0];
            // `from old.module.sub import x` keeps its `.sub` when the whole module moved.
            const module =
              typeof options.to === 'string' ? options.to + fromMatch[2].slice(options.module.length) : target(name) ?? fromMatch[2];
            groups.set(module, [...(groups.get(module) ?? []), part]);
          }
          const indent = source.indentAt(statement.from);
          const lines = [...groups].map(([module, parts]) => `from ${module} import ${parts.join(', ')}`);
          const rewritten = lines.join('\n' + indent);
          if (rewritten !== text) {
            edits.push(replace(statement, rewritten));
          }
          continue;
        }
        const importMatch = /^import\s+([\s\S]+)$/.exec(text);
        if (importMatch && typeof options.to === 'string') {
          const parts = importMatch[1].split(',').map(part => part.trim());
          let changed = false;
          const moved = parts.map(part => {
            const [name, alias] = part.split(/\s+as\s+/);
            if (name === options.module || name.startsWith(options.module + '.')) {
              changed = true;
              const renamed = options.to + name.slice(options.module.length);
              // A bare `import old.module` is used as `old.module.x`: keep that name working.
              return `${renamed} as ${alias ?? name.split('.').pop()}`;
            }
            return part;
          });
          if (changed) {
            edits.push(replace(statement, `import ${moved.join(', ')}`));
          }
        }
      }
      return edits;
    }
  };
}

/** Which calls a keyword rule looks at. */
export type CallFilter = (qualified: string, dotted: string, source: PythonSource) => boolean;

/** A callee whose last part is one of the names (`Adam`, `keras.optimizers.Adam`). */
export function calleeNamed(...names: string[]): CallFilter {
  return (_qualified, dotted) => names.includes(dotted.split('.').pop()!);
}

/** A callee whose qualified name starts with a module (`seaborn.`). */
export function calleeIn(module: string, names?: string[]): CallFilter {
  return qualified =>
    qualified.startsWith(module + '.') && (!names || names.includes(qualified.split('.').pop()!));
}

/**
 * `f(old=v)` -> `f(new=v)`; with `value`, the value is rewritten too (`None`
 * from `value` drops the argument).
 */
export function renamedKeyword(
  options: IBase & {
    calls: CallFilter;
    from: string;
    to: string;
    value?: (valueText: string) => string | null;
    static?: boolean;
  }
): IRule {
  return {
    id: options.id,
    category: options.category ?? 'signature-change',
    fact: options.fact,
    trigger: options.trigger,
    static: options.static ?? true,
    fix: ({ source }) => {
      const edits: IEdit[] = [];
      for (const call of Private.calls(source, options.calls)) {
        for (const arg of source.callArguments(call)) {
          if (arg.name !== options.from) {
            continue;
          }
          const valueText = source.textOf(arg.value);
          const newValue = options.value ? options.value(valueText) : valueText;
          if (newValue === null) {
            edits.push(Private.removeArgument(source, call, arg.node));
          } else if (options.to !== options.from || newValue !== valueText) {
            edits.push(replace(arg.node, `${options.to}=${newValue}`));
          }
        }
      }
      return edits;
    }
  };
}

/** `f(x, removed=v)` -> `f(x)`: a keyword that no longer exists and has no successor. */
export function removedKeyword(
  options: IBase & { calls: CallFilter; keyword: string; static?: boolean }
): IRule {
  return {
    id: options.id,
    category: options.category ?? 'signature-change',
    fact: options.fact,
    trigger: options.trigger,
    static: options.static ?? true,
    fix: ({ source }) =>
      Private.calls(source, options.calls).flatMap(call =>
        source
          .callArguments(call)
          .filter(arg => arg.name === options.keyword)
          .map(arg => Private.removeArgument(source, call, arg.node))
      )
  };
}

/**
 * `obj.old(...)` -> `obj.new(...)` for any object. Static only when the
 * method name is distinctive enough that no other common type has it.
 */
export function renamedMethod(
  options: IBase & { method: string; to: string; static: boolean; attribute?: boolean }
): IRule {
  return {
    id: options.id,
    category: options.category ?? 'removed-api',
    fact: options.fact,
    trigger: options.trigger,
    static: options.static,
    fix: ({ source }) => {
      const nodes = options.attribute ? source.memberAccesses(options.method) : source.methodCalls(options.method).map(call => source.callee(call)!);
      return nodes.map(member => replace(member.lastChild!, options.to));
    }
  };
}

/**
 * `f(a, 1)` -> `f(a, axis=1)`: positional arguments that became keyword-only.
 * `keywords[i]` names the i-th positional argument; undefined leaves it.
 */
export function keywordOnly(
  options: IBase & { calls: CallFilter; keywords: (string | undefined)[]; static?: boolean }
): IRule {
  return {
    id: options.id,
    category: options.category ?? 'signature-change',
    fact: options.fact,
    trigger: options.trigger,
    static: options.static ?? false,
    fix: ({ source }) => {
      const edits: IEdit[] = [];
      for (const call of Private.calls(source, options.calls)) {
        const positional = source.callArguments(call).filter(arg => !arg.name && !arg.star);
        positional.forEach((arg, index) => {
          const keyword = options.keywords[index];
          if (keyword) {
            edits.push(replace(arg.node, `${keyword}=${source.textOf(arg.value)}`));
          }
        });
      }
      return edits;
    }
  };
}

/** A rule written by hand, with the base fields checked in one place. */
export function customRule(
  options: IBase & {
    category: RuleCategory;
    static: boolean;
    fix: (context: IRuleContext) => IEdit[];
    runtime?: IRule['runtime'];
  }
): IRule {
  return { ...options };
}

/** Edit removing one argument of a call with its separating comma. */
export function removeArgument(source: PythonSource, call: SyntaxNode, node: { from: number; to: number }): IEdit {
  return Private.removeArgument(source, call, node);
}

/**
 * 1-based lines the error's traceback points at in the user's code (`Cell In[3], line 2`,
 * `----> 2` under an old `<ipython-input-...>` frame, `File helper.py:222` of a
 * module beside the notebook); undefined when the
 * traceback does not say. Rules whose shape other types share (`.sort()`,
 * `.ravel()`) use it to fix only the failing line.
 */
export function culpritLines(error?: IRuleError): Set<number> | undefined {
  const lines = new Set<number>();
  const text = (error?.traceback ?? []).join('\n');
  for (const match of text.matchAll(/Cell In\s*\[\d*\],\s*line (\d+)/g)) {
    lines.add(Number(match[1]));
  }
  for (const match of text.matchAll(/<ipython-input-[^>]*>[^\n]*\n(?:(?!\s*-+> )[^\n]*\n)*\s*-+> (\d+)/g)) {
    lines.add(Number(match[1]));
  }
  // Frames in helper modules beside the notebook (`File .../helper.py:222, in f`): a rule fixing
  // that file needs its line, not the cell's.
  for (const match of text.matchAll(/^\s*File (.+?):(\d+)(?:, in |$)/gm)) {
    if (!isLibraryFrame(match[1])) {
      lines.add(Number(match[2]));
    }
  }
  return lines.size > 0 ? lines : undefined;
}

/** The nodes that lie on a culprit line (all of them when the traceback names none). */
export function onCulpritLines<T extends { from: number; to: number }>(
  source: PythonSource,
  error: IRuleError | undefined,
  nodes: T[]
): T[] {
  const lines = culpritLines(error);
  if (!lines) {
    return nodes;
  }
  return nodes.filter(node => {
    const [first, last] = [source.lineAt(node.from), source.lineAt(node.to)];
    return [...lines].some(line => line >= first && line <= last);
  });
}

/**
 * The local name `module` is imported as (`np` for numpy), and the edit that
 * imports it as `alias` when the source does not (placed after any
 * `from __future__` imports, which must stay first).
 */
export function importedName(
  source: PythonSource,
  module: string,
  alias: string
): { name: string; edits: IEdit[] } {
  for (const [name, target] of source.imports) {
    if (target === module) {
      return { name, edits: [] };
    }
  }
  let offset = 0;
  for (const statement of source.findAll('ImportStatement')) {
    if (statement.parent?.name === 'Script' && /^from\s+__future__\s/.test(source.textOf(statement))) {
      offset = Math.max(offset, source.lineStart(source.lineAt(statement.to) + 1));
    }
  }
  const line = module === alias ? `import ${module}` : `import ${module} as ${alias}`;
  const newline = offset > 0 && !source.text.slice(0, offset).endsWith('\n') ? '\n' : '';
  return { name: alias, edits: [insertAt(offset, `${newline}${line}\n`)] };
}

/**
 * `module.old` -> `module.new` for a function that was renamed inside its
 * module: attribute uses through any alias (`integrate.simps`), and
 * `from module import old` together with the bare uses of `old`. `to` may
 * be dotted (`chi2.sf`): then its first part is what gets imported.
 */
export function renamedMember(
  options: IBase & {
    module: string | string[];
    name: string;
    to: string;
    /** More renames in the same module, fixed together (they may share one import statement). */
    also?: Record<string, string>;
    static?: boolean;
  }
): IRule {
  const modules = typeof options.module === 'string' ? [options.module] : options.module;
  const renames = new Map([[options.name, options.to], ...Object.entries(options.also ?? {})]);
  return {
    id: options.id,
    category: options.category ?? 'removed-api',
    fact: options.fact,
    trigger: options.trigger,
    static: options.static ?? true,
    fix: ({ source }) => {
      const edits: IEdit[] = [];
      const aliased = new Set<string>();
      for (const statement of source.findAll('ImportStatement')) {
        const text = source.textOf(statement);
        const fromMatch = /^from\s+([.\w]+)\s+import\s/.exec(text);
        if (!fromMatch || !modules.includes(fromMatch[1])) {
          continue;
        }
        let rewritten = text;
        for (const [name, to] of renames) {
          const importedPart = to.split('.')[0];
          const namePattern = new RegExp(`([\\s,(])${name}(\\s+as\\s+\\w+)?(?=\\s*(?:,|\\)|$))`, 'g');
          rewritten = rewritten.replace(namePattern, (whole, before: string, alias?: string) => {
            if (alias) {
              // Uses of `x` from `import old as x` follow the import.
              aliased.add(alias.trim().split(/\s+/).pop()!);
              if (importedPart !== to) {
                // A dotted successor (`chi2.sf`) cannot be imported under `x`: leave it.
                return whole;
              }
            }
            return `${before}${importedPart}${alias ?? ''}`;
          });
        }
        if (rewritten !== text) {
          edits.push(replace(statement, rewritten));
        }
      }
      for (const node of source.findAll('MemberExpression', 'VariableName')) {
        if (node.parent?.name === 'ImportStatement') {
          continue;
        }
        const qualified = source.qualifiedName(node);
        const module = qualified && modules.find(m => qualified.startsWith(m + '.'));
        const to = module ? renames.get(qualified!.slice(module.length + 1)) : undefined;
        if (!to) {
          continue;
        }
        const dotted = source.dottedName(node)!;
        if (aliased.has(dotted)) {
          continue;
        }
        const prefix = dotted.split('.').slice(0, -1).join('.');
        edits.push(replace(node, prefix ? `${prefix}.${to}` : to));
      }
      return edits;
    }
  };
}

/**
 * A helper definition placed at the top of the source (after `from
 * __future__` imports), unless the source already defines it.
 */
export function helperDefinition(source: PythonSource, name: string, text: string): IEdit[] {
  if (new RegExp(`^\\s*def ${name}\\(`, 'm').test(source.text)) {
    return [];
  }
  let offset = 0;
  for (const statement of source.findAll('ImportStatement')) {
    if (statement.parent?.name === 'Script' && /^from\s+__future__\s/.test(source.textOf(statement))) {
      offset = Math.max(offset, source.lineStart(source.lineAt(statement.to) + 1));
    }
  }
  const newline = offset > 0 && !source.text.slice(0, offset).endsWith('\n') ? '\n' : '';
  return [insertAt(offset, `${newline}${text}\n\n`)];
}

namespace Private {
  /** `keyword=value` and the companions the value brings, split at top-level commas. */
  export function keywordPairs(keyword: string, value: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let quote = '';
    let start = 0;
    for (let i = 0; i < value.length; i++) {
      const char = value[i];
      if (quote) {
        quote = char === quote && value[i - 1] !== '\\' ? '' : quote;
      } else if (char === "'" || char === '"') {
        quote = char;
      } else if ('([{'.includes(char)) {
        depth++;
      } else if (')]}'.includes(char)) {
        depth--;
      } else if (char === ',' && depth === 0) {
        parts.push(value.slice(start, i).trim());
        start = i + 1;
      }
    }
    parts.push(value.slice(start).trim());
    return [`${keyword}=${parts[0]}`, ...parts.slice(1)];
  }

  export function calls(source: PythonSource, filter: CallFilter): SyntaxNode[] {
    return source.callsTo((qualified, dotted) => filter(qualified, dotted, source));
  }

  /** Remove an argument with its separating comma. */
  export function removeArgument(source: PythonSource, call: SyntaxNode, node: { from: number; to: number }): IEdit {
    const args = source.callArguments(call);
    const index = args.findIndex(arg => arg.node.from === node.from);
    if (index > 0) {
      return { from: args[index - 1].node.to, to: node.to, insert: '' };
    }
    if (args.length > 1) {
      return { from: node.from, to: args[1].node.from, insert: '' };
    }
    return { from: node.from, to: node.to, insert: '' };
  }

  /** A name being bound or imported, not read. */
  export function isBindingOrImport(node: SyntaxNode): boolean {
    const parent = node.parent;
    return parent?.name === 'ImportStatement';
  }
}

/**
 * The local name `name` from `module` is bound to, and the edit that adds
 * `from module import name` when the source does not import it (placed like
 * importedName: first, after any `from __future__` imports).
 */
export function importedFrom(source: PythonSource, module: string, name: string): { name: string; edits: IEdit[] } {
  for (const [local, target] of source.imports) {
    if (target === `${module}.${name}`) {
      return { name: local, edits: [] };
    }
  }
  let offset = 0;
  for (const statement of source.findAll('ImportStatement')) {
    if (statement.parent?.name === 'Script' && /^from\s+__future__\s/.test(source.textOf(statement))) {
      offset = Math.max(offset, source.lineStart(source.lineAt(statement.to) + 1));
    }
  }
  const newline = offset > 0 && !source.text.slice(0, offset).endsWith('\n') ? '\n' : '';
  return { name, edits: [insertAt(offset, `${newline}from ${module} import ${name}\n`)] };
}

/**
 * `f(kw='old')` -> `f(kw='new')`: a keyword value that was renamed. Only the
 * values in `values` (source text, quotes included) are touched.
 */
export function renamedKeywordValue(
  options: IBase & { calls: CallFilter; keyword: string; values: Record<string, string>; static?: boolean }
): IRule {
  return renamedKeyword({
    ...options,
    from: options.keyword,
    to: options.keyword,
    value: text => (/^(['"]).*\1$/.test(text) ? options.values[text.slice(1, -1)] ?? text : text)
  });
}

/**
 * Rewrite `from <module> import a, b as c` statements name by name. `move`
 * gets each imported name (with its alias) and returns where it goes now
 * (`module` and the imported `part`, e.g. `SimpleImputer as Imputer`),
 * undefined to keep it, or null to drop it. Parts sharing a module stay on
 * one line; a statement left empty becomes `pass`.
 */
export function rewriteFromImports(
  source: PythonSource,
  modules: (module: string) => boolean,
  move: (name: string, alias: string | undefined, module: string) => { module: string; part: string } | null | undefined
): IEdit[] {
  const edits: IEdit[] = [];
  for (const statement of source.findAll('ImportStatement')) {
    const text = source.textOf(statement);
    const fromMatch = /^from\s+([.\w]+)\s+import\s+([\s\S]+)$/.exec(text);
    if (!fromMatch || !modules(fromMatch[1])) {
      continue;
    }
    const parts = fromMatch[2].replace(/[()\\\n]/g, ' ').split(',').map(part => part.trim()).filter(Boolean);
    const groups = new Map<string, string[]>();
    let changed = false;
    for (const part of parts) {
      const [name, alias] = part.split(/\s+as\s+/);
      const moved = move(name, alias, fromMatch[1]);
      if (moved === null) {
        changed = true;
        continue;
      }
      const target = moved ?? { module: fromMatch[1], part };
      changed = changed || target.module !== fromMatch[1] || target.part !== part;
      groups.set(target.module, [...(groups.get(target.module) ?? []), target.part]);
    }
    if (!changed) {
      continue;
    }
    const indent = source.indentAt(statement.from);
    const lines = [...groups].map(([module, names]) => `from ${module} import ${names.join(', ')}`);
    if (lines.length === 0 && statement.parent?.name === 'Script' && source.textOf({ from: source.lineStart(source.lineAt(statement.from)), to: statement.to }).trim() === source.textOf(statement) && /^[ \t]*(\n|$)/.test(source.text.slice(statement.to))) {
      // A top-level import alone on its line: drop the line.
      const lineEnd = source.text.indexOf('\n', statement.to);
      edits.push({ from: source.lineStart(source.lineAt(statement.from)), to: lineEnd < 0 ? source.text.length : lineEnd + 1, insert: '' });
      continue;
    }
    edits.push(replace(statement, lines.length > 0 ? lines.join('\n' + indent) : 'pass'));
  }
  return edits;
}

/**
 * `f(...)` -> `f(..., keyword=value)` when the call does not pass `keyword`:
 * restoring an old default, or adding a speed-up like `n_jobs=-1`. Calls with
 * `**kwargs` are left alone (the keyword may be in there).
 */
export function addedKeyword(
  options: IBase & {
    calls: CallFilter;
    keyword: string;
    value: string;
    category: RuleCategory;
    runtime?: IRule['runtime'];
  }
): IRule {
  return {
    id: options.id,
    category: options.category,
    fact: options.fact,
    trigger: options.trigger,
    static: true,
    runtime: options.runtime,
    fix: ({ source }) =>
      Private.calls(source, options.calls).flatMap(call => {
        const args = source.callArguments(call);
        if (args.some(arg => arg.name === options.keyword || arg.star === '**')) {
          return [];
        }
        // A value may bring companion keywords (`'random', learning_rate=200.0`): one the author
        // already passes is kept as written, never passed twice (a SyntaxError).
        const pairs = Private.keywordPairs(options.keyword, options.value).filter(pair => !args.some(arg => arg.name === pair.split('=')[0]));
        const argList = call.getChild('ArgList')!;
        const last = args[args.length - 1];
        const insert = (last ? ', ' : '') + pairs.join(', ');
        return [{ from: last ? last.node.to : argList.from + 1, to: last ? last.node.to : argList.from + 1, insert }];
      })
  };
}
