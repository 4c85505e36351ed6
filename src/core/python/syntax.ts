/**
 * A parsed Python source: the lezer syntax tree plus the helpers rules need to
 * read it (node text, calls and their arguments, import aliases). Nothing here
 * rewrites code; edits are plain data (see edit.ts).
 */
import { parser } from '@lezer/python';
import type { SyntaxNode, Tree } from '@lezer/common';

/** One argument of a call: positional when `name` is undefined. */
export interface ICallArgument {
  name?: string;
  /** The whole argument, `name=value` included. */
  node: { from: number; to: number };
  value: SyntaxNode;
  /** `*args` or `**kwargs`. */
  star?: '*' | '**';
}

export class PythonSource {
  /**
   * @param knownImports aliases imported elsewhere (earlier cells of the
   * notebook); the source's own imports take precedence.
   */
  constructor(
    readonly text: string,
    private readonly _knownImports: ReadonlyMap<string, string> = new Map()
  ) {
    this.tree = parser.parse(text);
  }

  readonly tree: Tree;

  /** Source text of a node or range. */
  textOf(node: { from: number; to: number }): string {
    return this.text.slice(node.from, node.to);
  }

  /** 1-based line of an offset. */
  lineAt(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
      }
    }
    return line;
  }

  /** Text of a 1-based line. */
  lineText(line: number): string {
    return this.text.split('\n')[line - 1] ?? '';
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    let offset = 0;
    for (let l = 1; l < line; l++) {
      const next = this.text.indexOf('\n', offset);
      if (next < 0) {
        return this.text.length;
      }
      offset = next + 1;
    }
    return offset;
  }

  /** Every node of the given type names, in source order. */
  findAll(...names: string[]): SyntaxNode[] {
    const wanted = new Set(names);
    const found: SyntaxNode[] = [];
    this.tree.iterate({
      enter: ref => {
        if (wanted.has(ref.name)) {
          found.push(ref.node);
        }
      }
    });
    return found;
  }

  /** True when the parser met something it could not read as Python 3. */
  get hasSyntaxErrors(): boolean {
    let error = false;
    this.tree.iterate({
      enter: ref => {
        if (ref.type.isError || ref.name === 'PrintStatement') {
          error = true;
        }
        return !error;
      }
    });
    return error;
  }

  /**
   * The dotted name an expression spells (`np.random.seed` for that member
   * chain), or undefined when it is not a plain chain of names.
   */
  dottedName(node: SyntaxNode | null): string | undefined {
    if (!node) {
      return undefined;
    }
    if (node.name === 'VariableName') {
      return this.textOf(node);
    }
    if (node.name === 'MemberExpression') {
      const object = node.firstChild;
      const property = node.lastChild;
      if (!object || !property || property.name !== 'PropertyName') {
        return undefined;
      }
      const head = this.dottedName(object);
      return head === undefined ? undefined : `${head}.${this.textOf(property)}`;
    }
    return undefined;
  }

  /**
   * The dotted name with its first part replaced through the import aliases:
   * `np.float` -> `numpy.float`, `train_test_split` ->
   * `sklearn.cross_validation.train_test_split`.
   */
  qualifiedName(node: SyntaxNode | null): string | undefined {
    const dotted = this.dottedName(node);
    if (dotted === undefined) {
      return undefined;
    }
    const [head, ...rest] = dotted.split('.');
    const target = this.imports.get(head);
    return target ? [target, ...rest].join('.') : dotted;
  }

  /** Local name -> what it was imported as (module or module.attribute). */
  get imports(): Map<string, string> {
    if (!this._imports) {
      this._imports = new Map([...this._knownImports, ...Private.readImports(this)]);
    }
    return this._imports;
  }

  /** The callee of a call expression. */
  callee(call: SyntaxNode): SyntaxNode | null {
    return call.firstChild;
  }

  /** The arguments of a call expression, in order. */
  callArguments(call: SyntaxNode): ICallArgument[] {
    const argList = call.getChild('ArgList');
    return argList ? this.argumentsOf(argList) : [];
  }

  /** Arguments of an ArgList node. */
  argumentsOf(argList: SyntaxNode): ICallArgument[] {
    const args: ICallArgument[] = [];
    let pending: { start: number; name?: string; star?: '*' | '**' } | null = null;
    for (let child = argList.firstChild; child; child = child.nextSibling) {
      const name = child.name;
      if (name === '(' || name === ')' || name === ',') {
        pending = null;
        continue;
      }
      if (name === 'AssignOp' || name === 'Comment') {
        continue;
      }
      if (name === '*' || name === '**' || (child.type.isError && this.textOf(child).startsWith('*'))) {
        pending = { start: child.from, star: this.textOf(child) as '*' | '**' };
        continue;
      }
      const next = child.nextSibling;
      if (!pending && name === 'VariableName' && next?.name === 'AssignOp') {
        pending = { start: child.from, name: this.textOf(child) };
        continue;
      }
      args.push({
        name: pending?.name,
        star: pending?.star,
        node: { from: pending ? pending.start : child.from, to: child.to },
        value: child
      });
      pending = null;
    }
    return args;
  }

  /** All calls whose qualified callee name satisfies the predicate. */
  callsTo(predicate: (qualified: string, dotted: string) => boolean): SyntaxNode[] {
    return this.findAll('CallExpression').filter(call => {
      const callee = this.callee(call);
      const dotted = this.dottedName(callee);
      const qualified = this.qualifiedName(callee);
      return dotted !== undefined && qualified !== undefined && predicate(qualified, dotted);
    });
  }

  /** Method calls `<anything>.<method>(...)`, whatever the object. */
  methodCalls(method: string): SyntaxNode[] {
    return this.findAll('CallExpression').filter(call => {
      const callee = this.callee(call);
      return (
        callee?.name === 'MemberExpression' &&
        callee.lastChild?.name === 'PropertyName' &&
        this.textOf(callee.lastChild) === method
      );
    });
  }

  /** Member accesses `<object>.<property>` (not only calls). */
  memberAccesses(property: string): SyntaxNode[] {
    return this.findAll('MemberExpression').filter(
      member => member.lastChild?.name === 'PropertyName' && this.textOf(member.lastChild) === property
    );
  }

  /** The statement a node sits in (a direct child of Script or Body). */
  statementOf(node: SyntaxNode): SyntaxNode {
    let current = node;
    while (current.parent && current.parent.name !== 'Script' && current.parent.name !== 'Body') {
      current = current.parent;
    }
    return current;
  }

  /** Leading white space of the line an offset is on. */
  indentAt(offset: number): string {
    const start = this.text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(this.text.slice(start))![0];
  }

  /** The sources of the cells before this one, oldest first; [] when they were not given. */
  get earlierCells(): readonly string[] {
    return this._knownImports instanceof EarlierCells ? this._knownImports.sources : [];
  }

  private _imports: Map<string, string> | null = null;
}

namespace Private {
  /** Collect `import a.b as c`, `import a`, `from a import b as c`. */
  /**
   * One source's own import aliases, remembered by text: the imports before
   * each of a notebook's cells would otherwise parse every earlier cell again
   * (quadratic in the cells). A source without `import` is not parsed.
   */
  export function ownImports(text: string): ReadonlyMap<string, string> {
    if (!text.includes('import')) {
      return NO_IMPORTS;
    }
    let aliases = importsByText.get(text);
    if (!aliases) {
      if (importsByText.size >= IMPORTS_REMEMBERED) {
        importsByText.clear();
      }
      aliases = readImports(new PythonSource(text));
      importsByText.set(text, aliases);
    }
    return aliases;
  }

  /** Node types that stand before `.attr` or `(...)` without parentheses. */
  export const ATOM = new Set(['VariableName', 'MemberExpression', 'CallExpression', 'String', 'Number', 'TupleExpression', 'ParenthesizedExpression', 'ArrayExpression', 'DictionaryExpression', 'FormatString']);

  const NO_IMPORTS: ReadonlyMap<string, string> = new Map();
  const IMPORTS_REMEMBERED = 10000;
  const importsByText = new Map<string, ReadonlyMap<string, string>>();

  export function readImports(source: PythonSource): Map<string, string> {
    const aliases = new Map<string, string>();
    for (const statement of source.findAll('ImportStatement')) {
      const text = source.textOf(statement).replace(/\\\n/g, ' ').replace(/[()]/g, ' ');
      const fromMatch = /^from\s+([.\w]+)\s+import\s+([\s\S]+)$/.exec(text.trim());
      if (fromMatch) {
        const module = fromMatch[1];
        for (const part of fromMatch[2].split(',')) {
          const m = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
          if (m) {
            aliases.set(m[2] ?? m[1], `${module}.${m[1]}`);
          }
        }
        continue;
      }
      const importMatch = /^import\s+([\s\S]+)$/.exec(text.trim());
      if (importMatch) {
        for (const part of importMatch[1].split(',')) {
          const m = /^\s*([.\w]+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
          if (m) {
            if (m[2]) {
              aliases.set(m[2], m[1]);
            } else {
              const head = m[1].split('.')[0];
              aliases.set(head, head);
            }
          }
        }
      }
    }
    return aliases;
  }
}

/** Lezer hands out a new node object on each access: compare positions and type. */
export function sameNode(a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined): boolean {
  return !!a && !!b && a.from === b.from && a.to === b.to && a.type === b.type;
}

/**
 * The import aliases of the cells before one (a later import of a name wins,
 * as in the kernel), with those cells' sources: a rule reads there what an
 * earlier cell bound to a name (deps.ts `definitionOf`). It is the Map of
 * aliases, so the sources travel wherever the aliases already go.
 */
export class EarlierCells extends Map<string, string> {
  constructor(readonly sources: readonly string[]) {
    super();
  }
}

/**
 * Aliases (np, pd, ...) the given cells import, in order: a later import of
 * the same name wins, as in the kernel.
 */
export function importAliases(sources: Iterable<string>): EarlierCells {
  const imports = new EarlierCells([...sources]);
  for (const source of imports.sources) {
    for (const [alias, target] of Private.ownImports(source)) {
      imports.set(alias, target);
    }
  }
  return imports;
}

/** Every node of the tree, error nodes included. */
export function allNodes(source: PythonSource): SyntaxNode[] {
  const nodes: SyntaxNode[] = [];
  source.tree.iterate({ enter: ref => void nodes.push(ref.node) });
  return nodes;
}

/** Whether a node can stand before `.attr` or `(...)` as it is, without parentheses. */
export function isAtom(node: SyntaxNode): boolean {
  return Private.ATOM.has(node.name);
}

/** The node's text, in parentheses unless it is an atom. */
export function atom(source: PythonSource, node: SyntaxNode): string {
  const text = source.textOf(node);
  return isAtom(node) ? text : `(${text})`;
}
