/**
 * Names a source binds anywhere (any scope, unlike the top-level names of
 * names.ts), and the reads of a builtin the source does not shadow: `xrange`
 * is Python 2's builtin only when the code does not define its own.
 */
import type { SyntaxNode } from '@lezer/common';
import type { PythonSource } from './syntax';

/** Names the source binds itself (assignments, defs, parameters, imports, loop and `as` targets). */
export function boundNames(source: PythonSource): Set<string> {
  const names = new Set<string>();
  for (const node of source.findAll('VariableName')) {
    const parent = node.parent;
    if (!parent) {
      continue;
    }
    const prev = node.prevSibling?.name;
    let bound = false;
    switch (parent.name) {
      case 'ParamList':
      case 'ImportStatement':
        bound = true;
        break;
      case 'FunctionDefinition':
      case 'ClassDefinition':
        bound = prev === 'def' || prev === 'class';
        break;
      case 'AssignStatement':
        for (let next = node.nextSibling; next; next = next.nextSibling) {
          if (next.name === 'AssignOp') {
            bound = true;
          }
        }
        break;
      case 'WithStatement':
      case 'TryStatement':
        bound = prev === 'as';
        break;
      default:
        if (parent.name === 'ForStatement' || parent.name.endsWith('ComprehensionExpression')) {
          for (let back = node.prevSibling; back; back = back.prevSibling) {
            if (back.name === 'in') {
              break;
            }
            if (back.name === 'for') {
              bound = true;
              break;
            }
          }
        }
    }
    if (bound) {
      names.add(source.textOf(node));
    }
  }
  return names;
}

/** Reads of a builtin name that the source does not define itself. */
export function builtinUses(source: PythonSource, name: string): SyntaxNode[] {
  if (boundNames(source).has(name) || source.imports.has(name)) {
    return [];
  }
  return source.findAll('VariableName').filter(node => source.textOf(node) === name && node.parent?.name !== 'ImportStatement');
}
