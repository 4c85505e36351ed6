/**
 * Reading code the way the families need it: uses of a qualified name, the
 * paths a source imports, the calls to a mined callable. All through the
 * source's import aliases (`import pandas as pd`, `from x import y as z`).
 */
import type { SyntaxNode } from '@lezer/common';
import type { PythonSource } from '../../python/syntax';
import { onCulpritLines } from '../culprit';
import { KnowledgeBase } from '../kb/knowledge';
import type { IKbFact } from '../kb/types';
import type { IRuleError } from '../types';

/** Nodes that read `qualified` through any alias (`np.float` for numpy.float), imports left out. */
export function usesOf(source: PythonSource, qualified: string): SyntaxNode[] {
  const last = lastPart(qualified);
  return source.findAll('MemberExpression', 'VariableName').filter(node => {
    if (node.parent?.name === 'ImportStatement') {
      return false;
    }
    // Cheap test first: the node must end with the name's last part.
    const end = node.name === 'VariableName' ? node : node.lastChild;
    return !!end && source.textOf(end) === last && source.qualifiedName(node) === qualified;
  });
}

/** What the source's own import statements bring in: `a.b` for `import a.b`, `m` and `m.x` for `from m import x`. */
export function importedPaths(source: PythonSource): string[] {
  const paths: string[] = [];
  for (const statement of source.findAll('ImportStatement')) {
    const text = source.textOf(statement).replace(/\\\n/g, ' ').replace(/[()]/g, ' ').trim();
    const from = /^from\s+(\w[\w.]*)\s+import\s+([\s\S]+)$/.exec(text);
    if (from) {
      paths.push(from[1]);
      for (const part of from[2].split(',')) {
        const name = /^\s*(\w+)/.exec(part)?.[1];
        if (name) {
          paths.push(`${from[1]}.${name}`);
        }
      }
      continue;
    }
    const plain = /^import\s+([\s\S]+)$/.exec(text);
    for (const part of plain ? plain[1].split(',') : []) {
      const name = /^\s*(\w[\w.]*)/.exec(part)?.[1];
      if (name) {
        paths.push(name);
      }
    }
  }
  return paths;
}

/** `a.b.c` -> [`a.b.c`, `a.b`, `a`]. */
export function prefixes(dotted: string): string[] {
  const parts = dotted.split('.');
  return parts.map((_part, i) => parts.slice(0, parts.length - i).join('.'));
}

export function lastPart(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

export function parentOf(dotted: string): string {
  return dotted.slice(0, Math.max(dotted.lastIndexOf('.'), 0));
}

/** A method of a class (`pandas.DataFrame.drop`), not a function or a constructor. */
export function isMethod(fact: IKbFact): boolean {
  return !!KnowledgeBase.ownerClass(fact.old) && lastPart(fact.old) !== '__init__';
}

/** The callable without a trailing `.__init__`: what user code calls. */
export function calledPath(fact: IKbFact): string {
  return fact.old.replace(/\.__init__$/, '');
}

/**
 * Calls to the fact's callable. A function or class is found by its
 * qualified name; with an error, also by its short name on the failing lines
 * (imported under an older path, or held in a variable). A method can be on
 * any object, so only the failing lines' calls count (all of them when the
 * traceback names no line).
 */
export function callsOf(source: PythonSource, fact: IKbFact, error?: IRuleError): SyntaxNode[] {
  const name = KnowledgeBase.callableName(fact.old);
  if (isMethod(fact)) {
    return error ? onCulpritLines(source, error, source.methodCalls(name)) : [];
  }
  const path = calledPath(fact);
  const exact = source.callsTo(qualified => qualified === path);
  if (!error) {
    return exact;
  }
  // Same short name under the same library only: the notebook's own `read_csv` is not pandas'.
  const library = path.split('.')[0];
  const byName = onCulpritLines(
    source,
    error,
    source.callsTo((qualified, dotted) => qualified !== path && lastPart(dotted) === name && qualified.split('.')[0] === library)
  );
  return [...exact, ...byName];
}

/** The text of a plain string literal without its quotes; undefined for anything else. */
export function stringValue(source: PythonSource, node: SyntaxNode): string | undefined {
  if (node.name !== 'String') {
    return undefined;
  }
  const match = /^(['"])([^'"\\]*)\1$/.exec(source.textOf(node));
  return match?.[2];
}

/** `'x'` or `"x"` -> `x`. */
export function unquote(value: string): string {
  return /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/** A literal for a regular expression. */
export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
