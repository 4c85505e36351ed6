/**
 * Moved modules and names: `No module named 'x.y'` and
 * `cannot import name 'y' from 'x'`. The import is rewritten and the uses of
 * a name it binds differently are renamed in the same source; later cells
 * follow through the runner's patch sets.
 */
import type { IEdit } from '../../python/edit';
import { insertAt, replace } from '../../python/edit';
import type { PythonSource } from '../../python/syntax';
import { rewriteFromImports } from '../../python/imports';
import type { IKbFact } from '../kb/types';
import { escape, importedPaths, lastPart, parentOf, prefixes, usesOf } from './code';
import type { IKbRewrite, IKbShape } from './family';

export const importShape: IKbShape = {
  id: 'kb-import',
  factsFor(error, kb) {
    const name = /cannot import name '(\w+)' from '([\w.]+)'/.exec(error.evalue);
    if (name) {
      return kb.byOld(`${name[2]}.${name[1]}`);
    }
    const module = /No module named '([\w.]+)'/.exec(error.evalue)?.[1];
    // The longest moved prefix: `sklearn.externals.joblib.numpy_pickle` is under `sklearn.externals.joblib`.
    return module ? [...prefixes(module).flatMap(prefix => kb.byModule(prefix)), ...kb.underModule(module)] : [];
  },
  factsIn(source, kb) {
    const found = new Set<IKbFact>();
    for (const path of importedPaths(source)) {
      prefixes(path).forEach(prefix => kb.byModule(prefix).forEach(fact => found.add(fact)));
    }
    return [...found];
  }
};

export const moduleRewrite: IKbRewrite = {
  isStatic: () => true,
  trigger: fact => new RegExp(`No module named '${escape(fact.old)}(\\.[\\w.]+)?'|cannot import name '${escape(lastPart(fact.old))}'`),
  uses: (fact, { source }) =>
    importedPaths(source).some(path => path === fact.old || path.startsWith(fact.old + '.')),
  // A capitalized successor is a class, not a module (a miner's misreading): nothing to import from.
  edits: (fact, { source }) =>
    fact.new && !/^[A-Z]/.test(lastPart(fact.new))
      ? [...Private.fromImports(source, fact.old, fact.new), ...Private.plainImports(source, fact.old, fact.new)]
      : []
};

namespace Private {
  /**
   * `from old[.sub] import a` -> `from new[.sub] import a`, and the module
   * imported as a name, `from sklearn import cross_validation` ->
   * `from sklearn import model_selection` (its uses renamed).
   */
  export function fromImports(source: PythonSource, old: string, to: string): IEdit[] {
    const [oldParent, oldName] = [parentOf(old), lastPart(old)];
    // A module that left its package (`sklearn.externals.joblib` -> `joblib`) is imported plainly.
    const plain = to.includes('.') ? [] : plainImportsOf(source, oldParent, oldName, to);
    let renamed = false;
    const edits = [...plain, ...rewriteFromImports(
      source,
      module => module === old || module.startsWith(old + '.') || module === oldParent,
      (name, alias, module) => {
        const part = alias ? `${name} as ${alias}` : name;
        if (module !== oldParent) {
          return { module: to + module.slice(old.length), part };
        }
        if (name !== oldName) {
          return undefined;
        }
        renamed ||= !alias;
        if (!to.includes('.')) {
          return null;
        }
        return { module: parentOf(to), part: alias ? `${lastPart(to)} as ${alias}` : lastPart(to) };
      }
    )];
    // The module was bound to its own name: its uses in this source take the new one.
    if (renamed && lastPart(to) !== oldName) {
      for (const node of usesOf(source, old)) {
        if (node.name === 'VariableName') {
          edits.push(replace(node, lastPart(to)));
        }
      }
    }
    return edits;
  }

  /** `from sklearn.externals import joblib as jl` -> `import joblib as jl` (inserted above the from-import). */
  function plainImportsOf(source: PythonSource, parent: string, name: string, to: string): IEdit[] {
    const edits: IEdit[] = [];
    for (const statement of source.findAll('ImportStatement')) {
      const text = source.textOf(statement).replace(/[()\\\n]/g, ' ');
      const match = /^from\s+([.\w]+)\s+import\s+([\s\S]+)$/.exec(text);
      if (!match || match[1] !== parent) {
        continue;
      }
      for (const part of match[2].split(',')) {
        const [imported, alias] = part.trim().split(/\s+as\s+/);
        if (imported === name) {
          const line = `${source.indentAt(statement.from)}import ${to}${alias ? ` as ${alias}` : ''}\n`;
          edits.push(insertAt(source.lineStart(source.lineAt(statement.from)), line));
        }
      }
    }
    return edits;
  }

  /**
   * `import old.sub as m` -> `import new.sub as m`; a bare `import old`
   * becomes `import new as old` when `old` is one name, else `import new`
   * with this source's `old.x` uses renamed.
   */
  export function plainImports(source: PythonSource, old: string, to: string): IEdit[] {
    const edits: IEdit[] = [];
    let renameUses = false;
    for (const statement of source.findAll('ImportStatement')) {
      const text = source.textOf(statement);
      const match = /^import\s+([\s\S]+)$/.exec(text);
      if (!match) {
        continue;
      }
      let changed = false;
      const parts = match[1].split(',').map(part => {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (name !== old && !name.startsWith(old + '.')) {
          return part.trim();
        }
        changed = true;
        const moved = to + name.slice(old.length);
        if (alias) {
          return `${moved} as ${alias}`;
        }
        if (!old.includes('.') && name === old) {
          return `${moved} as ${old}`;
        }
        renameUses = true;
        return moved;
      });
      if (changed) {
        edits.push(replace(statement, `import ${parts.join(', ')}`));
      }
    }
    if (renameUses) {
      for (const member of source.findAll('MemberExpression')) {
        if (member.parent?.name !== 'ImportStatement' && source.dottedName(member) === old) {
          edits.push(replace(member, to));
        }
      }
    }
    return edits;
  }
}
