/**
 * Builders for names that moved: a qualified name replaced (`numpy.float` ->
 * `float`), a module renamed in its imports, a member renamed inside its
 * module, a method renamed on any object.
 */
import type { SyntaxNode } from '@lezer/common';
import type { IEdit } from '../../python/edit';
import { replace } from '../../python/edit';
import { rewriteFromImports } from '../../python/imports';
import { sameNode } from '../../python/syntax';
import type { IRule } from '../types';
import type { IRuleBase } from './base';

/**
 * `numpy.float` -> `float`: any use of a qualified name (through whatever
 * alias it was imported as) is replaced. `replacement` may use `{alias}`
 * for the local name of the name's module (e.g. `{alias}.nan` gives `np.nan`).
 */
export function renamedName(options: IRuleBase & { qualified: string; replacement: string }): IRule {
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
 * `import old.module as m` -> `import new.module as m`. With `to` a
 * function of the imported name, only the names it gives a module for move
 * (the rest of an import list stays, split out).
 */
export function movedModule(
  options: IRuleBase & { module: string; to: string | ((name: string) => string | undefined) }
): IRule {
  const inModule = (name: string) => name === options.module || name.startsWith(options.module + '.');
  return {
    id: options.id,
    category: options.category ?? 'removed-api',
    fact: options.fact,
    trigger: options.trigger,
    static: true,
    fix: ({ source }) => {
      const edits = rewriteFromImports(source, inModule, (name, _alias, module) => {
        // `from old.module.sub import x` keeps its `.sub` when the whole module moved.
        const to = typeof options.to === 'string' ? options.to + module.slice(options.module.length) : options.to(name);
        return to === undefined ? undefined : { module: to };
      });
      if (typeof options.to !== 'string') {
        return edits;
      }
      for (const statement of source.findAll('ImportStatement')) {
        const importMatch = /^import\s+([\s\S]+)$/.exec(source.textOf(statement));
        if (!importMatch) {
          continue;
        }
        const parts = importMatch[1].split(',').map(part => part.trim());
        let changed = false;
        const moved = parts.map(part => {
          const [name, alias] = part.split(/\s+as\s+/);
          if (inModule(name)) {
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
      return edits;
    }
  };
}

/**
 * `module.old` -> `module.new` for a function that was renamed inside its
 * module: attribute uses through any alias (`integrate.simps`), and
 * `from module import old` together with the bare uses of `old`. `to` may
 * be dotted (`chi2.sf`): then its first part is what gets imported.
 */
export function renamedMember(
  options: IRuleBase & {
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
 * `obj.old(...)` -> `obj.new(...)` for any object. Static only when the
 * method name is distinctive enough that no other common type has it.
 */
export function renamedMethod(
  options: IRuleBase & { method: string; to: string; static: boolean; attribute?: boolean }
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

namespace Private {
  /** A name being bound or imported, not read. */
  export function isBindingOrImport(node: SyntaxNode): boolean {
    const parent = node.parent;
    return parent?.name === 'ImportStatement';
  }
}
