/**
 * Renamed, moved and removed names: `module 'x' has no attribute 'y'`,
 * `'T' object has no attribute 'y'`, `type object 'T' has no attribute 'y'`
 * (and NumPy 2's own "`np.y` was removed" wording).
 */
import type { IEdit } from '../../python/edit';
import { replace } from '../../python/edit';
import { sameNode } from '../../python/syntax';
import type { PythonSource } from '../../python/syntax';
import { importedName, rewriteFromImports } from '../../python/imports';
import { onCulpritLines } from '../culprit';
import { KnowledgeBase } from '../kb/knowledge';
import type { IKbFact } from '../kb/types';
import type { IRuleContext, IRuleError } from '../types';
import { escape, importedPaths, lastPart, parentOf, usesOf } from './code';
import type { IKbRewrite, IKbShape } from './family';

/** What an AttributeError names: the attribute and its owner, a module or a type. */
export interface IMissingAttribute {
  name: string;
  module?: string;
  type?: string;
}

export function readAttributeError(error: IRuleError): IMissingAttribute | undefined {
  const text = error.evalue;
  let match = /module '([\w.]+)' has no attribute '(\w+)'/.exec(text);
  if (match) {
    return { module: match[1], name: match[2] };
  }
  match = /`np\.(\w+)` was removed in the NumPy/.exec(text);
  if (match) {
    return { module: 'numpy', name: match[1] };
  }
  match = /(?:type object|object of type)? ?'([\w.]+)'(?: object)? has no attribute '(\w+)'/.exec(text);
  if (match) {
    return { type: lastPart(match[1]), name: match[2] };
  }
  return undefined;
}

const KINDS = new Set(['attribute-renamed', 'attribute-removed', 'name-moved']);

export const attributeShape: IKbShape = {
  id: 'kb-attribute',
  factsFor(error, kb) {
    const missing = readAttributeError(error);
    if (!missing) {
      return [];
    }
    // The error names the owner: a fact about another module or class with the same
    // attribute name is not this change (`'list' object has no attribute 'append'`).
    return kb.byName(missing.name).filter(
      fact =>
        KINDS.has(fact.kind) &&
        (missing.module !== undefined
          ? fact.old === `${missing.module}.${missing.name}`
          : KnowledgeBase.ownerClass(fact.old) === missing.type)
    );
  },
  factsIn(source, kb) {
    const found = new Set<IKbFact>();
    const add = (qualified: string | undefined) => {
      for (const fact of qualified ? kb.byOld(qualified) : []) {
        if (KINDS.has(fact.kind)) {
          found.add(fact);
        }
      }
    };
    for (const member of source.findAll('MemberExpression')) {
      if (member.lastChild?.name === 'PropertyName' && kb.byName(source.textOf(member.lastChild)).length > 0) {
        add(source.qualifiedName(member));
      }
    }
    importedPaths(source).forEach(add);
    return [...found];
  }
};

export const attributeRewrite: IKbRewrite = {
  // A module member spelled through its module proves the use; a method name does not.
  isStatic: fact => !KnowledgeBase.ownerClass(fact.old),
  trigger: fact => {
    const name = escape(lastPart(fact.old));
    return new RegExp(`has no attribute '${name}'|\`np\\.${name}\` was removed|cannot import name '${name}'`);
  },
  uses(fact, { source, error }) {
    const name = lastPart(fact.old);
    if (KnowledgeBase.ownerClass(fact.old)) {
      return onCulpritLines(source, error, source.memberAccesses(name)).length > 0;
    }
    return usesOf(source, fact.old).length > 0 || importedPaths(source).includes(fact.old);
  },
  edits(fact, context) {
    if (fact.kind === 'attribute-removed' || !fact.new) {
      return [];
    }
    return KnowledgeBase.ownerClass(fact.old) ? Private.renameMember(fact, context) : Private.renameModuleMember(fact, context.source);
  }
};

namespace Private {
  /**
   * Accessors that are properties or indexers, not methods: a call of the old
   * method becomes a plain access only when it passed nothing (`df.as_matrix()`
   * -> `df.values`); with arguments there is no mechanical rewrite.
   */
  const NOT_CALLABLE = new Set(['values', 'at', 'iat', 'loc', 'iloc', 'T', 'index', 'columns', 'dtypes', 'shape', 'size', 'ndim', 'empty', 'array', 'flags', 'real', 'imag', 'flat', 'dt', 'str', 'cat', 'sparse']);

  /** `obj.get_feature_names()` -> `obj.get_feature_names_out()`: only when the new name lives on the same class. */
  export function renameMember(fact: IKbFact, { source, error }: IRuleContext): IEdit[] {
    if (parentOf(fact.old) !== parentOf(fact.new!)) {
      return [];
    }
    const newName = lastPart(fact.new!);
    // The library said `.at[]`: an indexer, whatever the name.
    const notCallable = NOT_CALLABLE.has(newName) || new RegExp(`\\b${escape(newName)}\\[`).test(fact.message ?? '');
    const edits: IEdit[] = [];
    for (const member of onCulpritLines(source, error, source.memberAccesses(lastPart(fact.old)))) {
      const call = member.parent?.name === 'CallExpression' && sameNode(member.parent.firstChild, member) ? member.parent : undefined;
      if (call && notCallable) {
        const args = call.getChild('ArgList');
        if (!args || source.callArguments(call).length > 0) {
          continue;
        }
        edits.push({ from: args.from, to: args.to, insert: '' });
      }
      edits.push(replace(member.lastChild!, newName));
    }
    return edits;
  }

  /**
   * `np.product` -> `np.prod`, `pd.scatter_matrix` -> `pd.plotting.scatter_matrix`,
   * and `from old.module import name` -> `from new.module import new_name` with
   * the source's uses of `name` renamed (an alias stays: its uses need no change).
   * Later cells' uses follow through the runner's patch sets.
   */
  export function renameModuleMember(fact: IKbFact, source: PythonSource): IEdit[] {
    const [oldModule, oldName] = [parentOf(fact.old), lastPart(fact.old)];
    const [newModule, newName] = [parentOf(fact.new!), lastPart(fact.new!)];
    // A new name without a module is a builtin (`numpy.float` -> `float`): nothing to import.
    const builtin = newModule === '';
    let renamed = false;
    const edits = rewriteFromImports(
      source,
      module => module === oldModule,
      (name, alias) => {
        if (name !== oldName) {
          return undefined;
        }
        if (builtin) {
          return (alias ?? name) === newName ? null : undefined;
        }
        renamed ||= !alias;
        return { module: newModule, part: alias ? `${newName} as ${alias}` : newName };
      }
    );
    let imported: { name: string; edits: IEdit[] } | undefined;
    for (const node of usesOf(source, fact.old)) {
      const dotted = source.dottedName(node);
      if (!dotted?.includes('.')) {
        if (renamed && dotted === oldName) {
          edits.push(replace(node, newName));
        }
        continue;
      }
      const prefix = parentOf(dotted);
      if (builtin) {
        edits.push(replace(node, newName));
      } else if (newModule === oldModule) {
        edits.push(replace(node, `${prefix}.${newName}`));
      } else if (newModule.startsWith(oldModule + '.')) {
        edits.push(replace(node, `${prefix}.${newModule.slice(oldModule.length + 1)}.${newName}`));
      } else {
        imported ??= importedName(source, newModule, newModule);
        edits.push(replace(node, `${imported.name}.${newName}`));
      }
    }
    return imported ? [...imported.edits, ...edits] : edits;
  }
}
