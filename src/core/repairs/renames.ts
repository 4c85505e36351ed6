/**
 * Renamed bindings: which names a fix stopped binding and which it binds
 * instead (`from sklearn.preprocessing import Imputer` rewritten to import
 * SimpleImputer), and the rewrite of their uses elsewhere on the syntax tree.
 */
import { withoutMagics } from '../python/magics';
import { applyEdits, replace } from '../python/edit';
import { rewriteFromImports } from '../python/imports';
import type { IEdit } from '../python/edit';
import { PythonSource } from '../python/syntax';

/**
 * Old name -> new name for the imports, functions and classes a change
 * renamed. Only unambiguous pairs: as many names dropped as added, of the
 * same kind, paired in source order; a name dropped with no successor is no
 * rename.
 */
export function bindingRenames(before: string, after: string): Map<string, string> {
  const renames = new Map<string, string>();
  const old = Private.bindings(before);
  const now = Private.bindings(after);
  for (const kind of ['import', 'definition'] as const) {
    const dropped = old[kind].filter(name => !now[kind].includes(name));
    const added = now[kind].filter(name => !old[kind].includes(name));
    if (dropped.length > 0 && dropped.length === added.length) {
      dropped.forEach((name, i) => renames.set(name, added[i]));
    }
  }
  return renames;
}

/** The source with every use of an old name spelled with the new one; imports are left alone. */
export function renameUses(text: string, renames: ReadonlyMap<string, string>): string {
  const source = new PythonSource(withoutMagics(text));
  const edits: IEdit[] = [];
  for (const node of source.findAll('VariableName')) {
    const renamed = renames.get(source.textOf(node));
    const parent = node.parent;
    if (!renamed || !parent || parent.name === 'ImportStatement' || parent.name === 'ParamList') {
      continue;
    }
    if (parent.name === 'ArgList' && node.nextSibling?.name === 'AssignOp') {
      // A keyword argument's name, not the variable.
      continue;
    }
    edits.push(replace(node, renamed));
  }
  return applyEdits(text, edits);
}

/**
 * `from <module> import old` -> `from <module> import new` (aliases kept):
 * a helper module renamed a function. Returns the rewritten source and the
 * local names that changed with it (an aliased import keeps its alias).
 */
export function renameImportsFrom(
  text: string,
  module: string,
  renames: ReadonlyMap<string, string>
): { source: string; local: Map<string, string> } {
  const source = new PythonSource(withoutMagics(text));
  const local = new Map<string, string>();
  const edits = rewriteFromImports(
    source,
    imported => imported === module,
    (name, alias) => {
      const renamed = renames.get(name);
      if (!renamed) {
        return undefined;
      }
      if (!alias) {
        local.set(name, renamed);
      }
      return { module, part: alias ? `${renamed} as ${alias}` : renamed };
    }
  );
  const imported = applyEdits(text, edits);
  return { source: local.size > 0 ? renameUses(imported, local) : imported, local };
}

namespace Private {
  /** Names bound by imports and by top-level functions and classes, in source order. */
  export function bindings(text: string): { import: string[]; definition: string[] } {
    const source = new PythonSource(withoutMagics(text));
    const definitions = source
      .findAll('FunctionDefinition', 'ClassDefinition')
      .filter(node => node.parent?.name === 'Script')
      .map(node => node.getChild('VariableName'))
      .filter((name): name is NonNullable<typeof name> => name !== null)
      .map(name => source.textOf(name));
    return { import: [...source.imports.keys()], definition: definitions };
  }
}
