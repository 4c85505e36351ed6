/**
 * Imports a rewrite needs or moves: the local name a module or one of its
 * members is reachable by (with the import to add when there is none),
 * `from ... import` statements rewritten name by name, and a helper function
 * placed at the top of the source where new imports go.
 */
import type { IEdit } from './edit';
import { insertAt, replace } from './edit';
import type { PythonSource } from './syntax';

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
  const line = module === alias ? `import ${module}` : `import ${module} as ${alias}`;
  return { name: alias, edits: [insertAtTop(source, `${line}\n`)] };
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
  return { name, edits: [insertAtTop(source, `from ${module} import ${name}\n`)] };
}

/**
 * A helper definition placed at the top of the source (after `from
 * __future__` imports), unless the source already defines it.
 */
export function helperDefinition(source: PythonSource, name: string, text: string): IEdit[] {
  if (new RegExp(`^\\s*def ${name}\\(`, 'm').test(source.text)) {
    return [];
  }
  return [insertAtTop(source, `${text}\n\n`)];
}

/**
 * Rewrite `from <module> import a, b as c` statements name by name. `move`
 * gets each imported name (with its alias) and returns where it goes now
 * (`module` and the imported `part`, e.g. `SimpleImputer as Imputer`; the
 * part as written when left out), undefined to keep it, or null to drop it. Parts sharing a module stay on
 * one line; a statement left empty becomes `pass`.
 */
export function rewriteFromImports(
  source: PythonSource,
  modules: (module: string) => boolean,
  move: (name: string, alias: string | undefined, module: string) => { module: string; part?: string } | null | undefined
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
      const target = { module: moved?.module ?? fromMatch[1], part: moved?.part ?? part };
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

/** Edit inserting `text` first in the source, after any `from __future__` imports (which must stay first). */
export function insertAtTop(source: PythonSource, text: string): IEdit {
  let offset = 0;
  for (const statement of source.findAll('ImportStatement')) {
    if (statement.parent?.name === 'Script' && /^from\s+__future__\s/.test(source.textOf(statement))) {
      offset = Math.max(offset, source.lineStart(source.lineAt(statement.to) + 1));
    }
  }
  const newline = offset > 0 && !source.text.slice(0, offset).endsWith('\n') ? '\n' : '';
  return insertAt(offset, `${newline}${text}`);
}
