/**
 * Which names each cell defines and uses, read from its syntax tree, and what
 * an earlier cell bound a name to. The dependency graph of the cells
 * (notebook/dependencies.ts) is built on it.
 */
import type { SyntaxNode } from '@lezer/common';
import { withoutMagics } from './magics';
import { PythonSource, importAliases, sameNode } from './syntax';

export interface ICellNames {
  /** Names bound at the top level: assignments, imports, defs, loop targets. */
  defines: Set<string>;
  /** Names mutated in place (`df['c'] = ...`, `df.fillna(..., inplace=True)`, `df.x = ...`). */
  mutates: Set<string>;
  /** Names read. */
  uses: Set<string>;
  /**
   * Names whose new value is made from their old one (`x = f(x)`, `x += 1`,
   * an in-place call): running the cell twice does not give the same state.
   */
  updates: Set<string>;
}

/** Names of one cell's code. IPython magics and shell lines are ignored. */
export function cellNames(code: string): ICellNames {
  const source = new PythonSource(withoutMagics(code));
  const defines = new Set<string>();
  const mutates = new Set<string>();
  const uses = new Set<string>();
  const updates = new Set<string>();

  for (const alias of source.imports.keys()) {
    defines.add(alias);
  }
  source.tree.iterate({
    enter: ref => {
      const node = ref.node;
      if (ref.name === 'FunctionDefinition' || ref.name === 'ClassDefinition') {
        const name = node.getChild('VariableName');
        if (name && Private.isTopLevel(node)) {
          defines.add(source.textOf(name));
        }
      }
      if (ref.name !== 'VariableName') {
        return;
      }
      const name = source.textOf(node);
      const parent = node.parent;
      if (!parent || parent.name === 'ImportStatement' || parent.name === 'FunctionDefinition' || parent.name === 'ClassDefinition') {
        return;
      }
      if (parent.name === 'ArgList' && node.nextSibling?.name === 'AssignOp') {
        // A keyword argument's name, not a variable.
        return;
      }
      if (parent.name === 'ParamList' || Private.insideFunction(node)) {
        // Function locals are not the notebook's state.
        if (parent.name !== 'ParamList' && !Private.isBindingTarget(node)) {
          uses.add(name);
        }
        return;
      }
      if (Private.isBindingTarget(node)) {
        defines.add(name);
        if (Private.isAugmented(node)) {
          uses.add(name);
        }
      } else if (Private.isMutationTarget(source, node)) {
        mutates.add(name);
        uses.add(name);
      } else {
        uses.add(name);
      }
    }
  });
  for (const call of source.findAll('CallExpression')) {
    const callee = source.callee(call);
    const inplace = source.callArguments(call).some(arg => arg.name === 'inplace' && source.textOf(arg.value) === 'True');
    if (inplace && callee?.name === 'MemberExpression') {
      // `df['a'].fillna(0, inplace=True)` is meant to change df.
      let root = callee.firstChild;
      while (root && root.name === 'MemberExpression') {
        root = root.firstChild;
      }
      if (root?.name === 'VariableName') {
        mutates.add(source.textOf(root));
        updates.add(source.textOf(root));
      }
    }
  }
  // A statement that binds a name and reads it: the cell builds on its own last result.
  for (const statement of source.findAll('AssignStatement', 'UpdateStatement')) {
    if (statement.parent?.name !== 'Script') {
      continue;
    }
    const bound = new Set<string>();
    const read = new Set<string>();
    let afterOperator = false;
    for (let child = statement.firstChild; child; child = child.nextSibling) {
      if (child.name === 'AssignOp' || child.name === 'UpdateOp') {
        afterOperator = true;
        continue;
      }
      // Targets are names (or tuples of them); `df['b'] = ...` changes df in place and is left out.
      const names = child.name === 'VariableName' ? [child] : [...Private.variables(child)];
      for (const node of names) {
        if (afterOperator) {
          read.add(source.textOf(node));
        } else if (node.parent?.name !== 'MemberExpression') {
          bound.add(source.textOf(node));
        }
      }
    }
    for (const name of bound) {
      if (read.has(name) || statement.name === 'UpdateStatement') {
        updates.add(name);
      }
    }
  }
  return { defines, mutates, uses, updates };
}

/** What a name is bound to, read in the source that binds it. */
export interface IDefinition {
  /** The source of the binding: the one asked about or an earlier cell's (its own earlier cells known). */
  source: PythonSource;
  /** The value of `name = <value>`, or the FunctionDefinition / ClassDefinition of `def name` / `class name`. */
  value: SyntaxNode;
}

/**
 * What `name` holds where `source` reads it at offset `at`: the last binding
 * of the name before `at` in the source, else in the earlier cells the
 * source was given (`source.earlierCells`), latest first. Undefined when that
 * last binding is not one readable value (a loop or `with` target, a tuple,
 * `x += ...`, an import, a binding under `if`/`for`/`try`): what the kernel
 * holds then depends on the run, and a rule must not guess it.
 */
export function definitionOf(source: PythonSource, name: string, at = source.text.length): IDefinition | undefined {
  if (Private.boundLocally(source, name, at)) {
    return undefined;
  }
  const own = Private.lastBinding(source, name, at);
  if (own !== undefined) {
    return own ? { source, value: own } : undefined;
  }
  const earlier = source.earlierCells;
  for (let i = earlier.length - 1; i >= 0; i--) {
    if (!cellNames(earlier[i]).defines.has(name)) {
      continue;
    }
    const cell = new PythonSource(withoutMagics(earlier[i]), importAliases(earlier.slice(0, i)));
    const found = Private.lastBinding(cell, name, cell.text.length);
    return found ? { source: cell, value: found } : undefined;
  }
  return undefined;
}

/** The name a call's result is assigned to (`kf = KFold(...)`). */
export function assignedName(source: PythonSource, call: SyntaxNode): string | undefined {
  const parent = call.parent;
  return parent?.name === 'AssignStatement' && parent.lastChild?.from === call.from && parent.firstChild?.name === 'VariableName'
    ? source.textOf(parent.firstChild)
    : undefined;
}

namespace Private {
  /**
   * The value the last binding of `name` before `at` gives it, at the top
   * level of the source: a node for `name = <value>` and `def`/`class name`;
   * null for any other binding (it cannot be read as one value); undefined
   * when the source does not bind the name there.
   */
  export function lastBinding(source: PythonSource, name: string, at: number): SyntaxNode | null | undefined {
    let last: SyntaxNode | null | undefined;
    let lastFrom = -1;
    const bound = (from: number, value: SyntaxNode | null) => {
      if (from < at && from >= lastFrom) {
        last = value;
        lastFrom = from;
      }
    };
    source.tree.iterate({
      enter: ref => {
        const node = ref.node;
        if (ref.name === 'FunctionDefinition' || ref.name === 'ClassDefinition') {
          const defined = node.getChild('VariableName');
          if (defined && source.textOf(defined) === name && !insideFunction(node)) {
            bound(node.from, node.parent?.name === 'Script' ? node : null);
          }
          return;
        }
        if (ref.name === 'ImportStatement') {
          // `import x as name`, `from m import name`: a module or anything.
          if (new RegExp(`\\b${name}\\b`).test(source.textOf(node))) {
            bound(node.from, null);
          }
          return false;
        }
        if (ref.name !== 'VariableName' || source.textOf(node) !== name || insideFunction(node) || !isBindingTarget(node)) {
          return;
        }
        const statement = node.parent;
        const operators = statement?.getChildren('AssignOp') ?? [];
        const simple =
          statement?.name === 'AssignStatement' &&
          statement.parent?.name === 'Script' &&
          operators.length === 1 &&
          sameNode(statement.firstChild, node) &&
          statement.firstChild?.nextSibling?.name === 'AssignOp';
        bound(node.from, simple ? statement!.lastChild : null);
      }
    });
    return last;
  }

  /** Whether `at` is in a function that has `name` as a parameter or local: then it is not the global. */
  export function boundLocally(source: PythonSource, name: string, at: number): boolean {
    for (let scope: SyntaxNode | null = source.tree.resolveInner(at, 1); scope; scope = scope.parent) {
      if (scope.name !== 'FunctionDefinition' && scope.name !== 'LambdaExpression') {
        continue;
      }
      for (const variable of variables(scope)) {
        const parent = variable.parent;
        if (source.textOf(variable) === name && (parent?.name === 'ParamList' || (isBindingTarget(variable) && !sameNode(variable, scope.getChild('VariableName'))))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every VariableName under a node. */
  export function* variables(node: SyntaxNode): Generator<SyntaxNode> {
    const cursor = node.cursor();
    do {
      if (cursor.name === 'VariableName') {
        yield cursor.node;
      }
    } while (cursor.next() && cursor.from < node.to);
  }

  export function isTopLevel(node: SyntaxNode): boolean {
    return !insideFunction(node) && node.parent?.name !== 'Body';
  }

  export function insideFunction(node: SyntaxNode): boolean {
    for (let parent = node.parent; parent; parent = parent.parent) {
      if (parent.name === 'FunctionDefinition' || parent.name === 'LambdaExpression') {
        return true;
      }
    }
    return false;
  }

  /** `x = ...`, `a, b = ...`, `for x in`, `with ... as x`, `x += ...`, comprehension targets excluded. */
  export function isBindingTarget(node: SyntaxNode): boolean {
    let current: SyntaxNode = node;
    let parent = node.parent;
    while (parent && (parent.name === 'TupleExpression' || parent.name === 'ArrayExpression' || parent.name === 'ParenthesizedExpression')) {
      current = parent;
      parent = parent.parent;
    }
    if (!parent) {
      return false;
    }
    if (parent.name === 'AssignStatement' || parent.name === 'UpdateStatement') {
      // Targets are the children before the last assignment operator.
      let lastOp: SyntaxNode | null = null;
      for (let child = parent.firstChild; child; child = child.nextSibling) {
        if (child.name === 'AssignOp' || child.name === 'UpdateOp') {
          lastOp = child;
        }
      }
      return lastOp !== null && current.to <= lastOp.from;
    }
    if (parent.name === 'ForStatement') {
      const inKeyword = parent.getChild('in');
      return inKeyword !== null && current.to <= inKeyword.from;
    }
    if (parent.name === 'WithStatement' || parent.name === 'TryStatement') {
      const previous = current.prevSibling;
      return previous?.name === 'as';
    }
    return false;
  }

  export function isAugmented(node: SyntaxNode): boolean {
    return node.parent?.name === 'UpdateStatement';
  }

  /** `name[...] = v` or `name.attr = v`: the object named is changed in place. */
  export function isMutationTarget(_source: PythonSource, node: SyntaxNode): boolean {
    let current: SyntaxNode = node;
    let parent = node.parent;
    let wrapped = false;
    while (parent && (parent.name === 'MemberExpression' || parent.name === 'SubscriptExpression') && sameNode(parent.firstChild, current)) {
      current = parent;
      parent = parent.parent;
      wrapped = true;
    }
    return wrapped && parent !== null && isBindingTarget(current);
  }
}
