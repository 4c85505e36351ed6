/**
 * What each top-level statement of a cell produces: names it binds or
 * changes, objects whose methods it calls, keys and columns it adds, files it
 * writes, star imports. When a cell raises, the statements from the raising
 * one on never finished: what they should have produced is missing later.
 */
import type { SyntaxNode } from '@lezer/common';
import { withoutMagics } from '../python/magics';
import { cellNames } from '../python/names';
import { PythonSource } from '../python/syntax';

export interface IStatementEffects {
  /** 1-based first and last line of the statement in the cell. */
  firstLine: number;
  lastLine: number;
  /** Names bound or changed in place (`x = ...`, `df['c'] = ...`, `import m`). */
  changes: Set<string>;
  /** Objects whose methods it calls (`model.fit(...)` -> model): a call may set their attributes. */
  receivers: Set<string>;
  /** Those calls as `object.method` (`model.fit`). */
  methodCalls: Set<string>;
  /** Attributes it sets on an object (`obj.attr = ...`), as `obj.attr`. */
  attributes: Set<string>;
  /** Keys and columns it adds (`df['new'] = ...`, `.assign(new=...)`, `.insert(i, 'new', ...)`). */
  keys: Set<string>;
  /** File paths (string literals) it writes (`to_csv`, `savefig`, `open(..., 'w')`, `dump`...). */
  files: Set<string>;
  /** Modules it star-imports (`from m import *`). */
  starImports: string[];
}

/** The effects of every top-level statement of a cell, in order. */
export function statementEffects(code: string): IStatementEffects[] {
  const source = new PythonSource(withoutMagics(code));
  const effects: IStatementEffects[] = [];
  for (let statement = source.tree.topNode.firstChild; statement; statement = statement.nextSibling) {
    if (statement.type.isSkipped || statement.name === 'Comment') {
      continue;
    }
    effects.push(Private.effectsOf(source, statement));
  }
  return effects;
}

/**
 * The statements that did not finish in a cell that raised at `line` (the
 * cell's own 1-based line where it stopped; 0 when nothing of it ran).
 */
export function unfinishedStatements(code: string, line: number): IStatementEffects[] {
  return statementEffects(code).filter(statement => statement.lastLine >= line);
}

namespace Private {
  /** Calls that write their string-literal arguments as files. */
  const WRITERS = /^(to_\w+|save\w*|dump\w*|write\w*|imwrite|export\w*|copy\w*|move|rename|urlretrieve|download\w*)$/;

  export function effectsOf(source: PythonSource, statement: SyntaxNode): IStatementEffects {
    const text = source.textOf(statement);
    const names = cellNames(text);
    const effects: IStatementEffects = {
      firstLine: source.lineAt(statement.from),
      lastLine: source.lineAt(Math.max(statement.from, statement.to - 1)),
      changes: new Set([...names.defines, ...names.mutates]),
      receivers: new Set(),
      methodCalls: new Set(),
      attributes: new Set(),
      keys: new Set(),
      files: new Set(),
      starImports: []
    };
    const star = /^from\s+([.\w]+)\s+import\s+\*/.exec(text);
    if (statement.name === 'ImportStatement' && star) {
      effects.starImports.push(star[1]);
    }
    const cursor = statement.cursor();
    do {
      const node = cursor.node;
      if (node.name === 'CallExpression') {
        callEffects(source, node, effects);
      } else if (node.name === 'MemberExpression' && isAssignTarget(node)) {
        // `df['new'] = ...` is a subscript (the grammar calls it a member too); `obj.attr = ...` an attribute.
        const key = node.getChild('[') ? stringValue(source, node.getChild('String')) : undefined;
        const dotted = source.dottedName(node);
        if (key !== undefined) {
          effects.keys.add(key);
        } else if (dotted) {
          effects.attributes.add(dotted);
        }
      }
    } while (cursor.next() && cursor.from < statement.to);
    return effects;
  }

  function callEffects(source: PythonSource, call: SyntaxNode, effects: IStatementEffects): void {
    const callee = source.callee(call);
    if (!callee) {
      return;
    }
    const method = callee.name === 'MemberExpression' && callee.lastChild?.name === 'PropertyName' ? source.textOf(callee.lastChild) : undefined;
    const name = method ?? (callee.name === 'VariableName' ? source.textOf(callee) : undefined);
    if (callee.name === 'MemberExpression') {
      const root = rootName(source, callee.firstChild);
      if (root) {
        effects.receivers.add(root);
        if (method) {
          effects.methodCalls.add(`${root}.${method}`);
        }
      }
    }
    const args = source.callArguments(call);
    if (method === 'assign') {
      args.filter(arg => arg.name && arg.star === undefined).forEach(arg => effects.keys.add(arg.name!));
    } else if (method === 'insert' && args.length >= 3) {
      const key = stringValue(source, args[1].value);
      if (key !== undefined) {
        effects.keys.add(key);
      }
    }
    if (!name) {
      return;
    }
    const strings = args.map(arg => stringValue(source, arg.value));
    if (name === 'open') {
      const mode = strings[1] ?? stringValue(source, args.find(arg => arg.name === 'mode')?.value ?? null);
      if (mode && /[wax]/.test(mode) && strings[0]) {
        effects.files.add(strings[0]);
      }
      return;
    }
    if (WRITERS.test(name)) {
      strings.filter((value): value is string => value !== undefined && /[./\\]/.test(value)).forEach(value => effects.files.add(value));
    }
  }

  /** The VariableName a chain of members, subscripts and calls starts from. */
  export function rootName(source: PythonSource, node: SyntaxNode | null): string | undefined {
    let current = node;
    while (current && (current.name === 'MemberExpression' || current.name === 'CallExpression')) {
      current = current.firstChild;
    }
    return current?.name === 'VariableName' ? source.textOf(current) : undefined;
  }

  /** True for the target of an assignment (before its last `=`). */
  function isAssignTarget(node: SyntaxNode): boolean {
    let current = node;
    let parent = node.parent;
    while (parent && (parent.name === 'TupleExpression' || parent.name === 'ParenthesizedExpression')) {
      current = parent;
      parent = parent.parent;
    }
    if (!parent || (parent.name !== 'AssignStatement' && parent.name !== 'UpdateStatement')) {
      return false;
    }
    let lastOp: SyntaxNode | null = null;
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.name === 'AssignOp' || child.name === 'UpdateOp') {
        lastOp = child;
      }
    }
    return lastOp !== null && current.to <= lastOp.from;
  }

  /** The value of a plain string literal (no f-string, no concatenation). */
  export function stringValue(source: PythonSource, node: SyntaxNode | null | undefined): string | undefined {
    if (!node || node.name !== 'String') {
      return undefined;
    }
    const match = /^[rRbBuU]{0,2}(['"]{1,3})([\s\S]*)\1$/.exec(source.textOf(node));
    return match?.[2];
  }
}
