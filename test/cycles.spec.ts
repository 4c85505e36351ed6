/**
 * No import cycle in src/: each file can be read after the files it imports
 * (type-only imports count too: a cycle of types is a cycle of concepts).
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '..', 'src');

describe('src/', () => {
  it('should have no import cycle', () => {
    const cycles = Private.cycles(Private.importGraph(SRC));
    expect(cycles.map(cycle => cycle.map(file => path.relative(SRC, file)).join(' -> '))).toEqual([]);
  });
});

describe('Private.cycles()', () => {
  it.each([
    ['a chain', { a: ['b'], b: ['c'], c: [] }, []],
    ['a file importing itself', { a: ['a'] }, [['a', 'a']]],
    ['two files importing each other', { a: ['b'], b: ['a'], c: ['a'] }, [['a', 'b', 'a']]],
    ['a longer loop', { a: ['b'], b: ['c'], c: ['a'] }, [['a', 'b', 'c', 'a']]]
  ])('should find %s', (_, edges: Record<string, string[]>, expected) => {
    expect(Private.cycles(new Map(Object.entries(edges)))).toEqual(expected);
  });
});

namespace Private {
  /** Every .ts/.tsx file under `root`, with the files under `root` it imports or re-exports. */
  export function importGraph(root: string): Map<string, string[]> {
    const graph = new Map<string, string[]>();
    const visit = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          visit(file);
        } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
          const text = fs.readFileSync(file, 'utf8');
          const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*)'(\.{1,2}\/[^']*)'/g)].map(match => match[1]);
          graph.set(file, specifiers.map(specifier => resolve(path.dirname(file), specifier)).filter((target): target is string => !!target));
        }
      }
    };
    visit(root);
    return graph;
  }

  function resolve(dir: string, specifier: string): string | undefined {
    const base = path.resolve(dir, specifier);
    return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find(
      candidate => /\.tsx?$/.test(candidate) && fs.existsSync(candidate)
    );
  }

  /** One cycle per strongly connected group of files (Tarjan), each from its first file back to it. */
  export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
    const order = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const found: string[][] = [];
    const connect = (node: string) => {
      order.set(node, order.size);
      low.set(node, order.get(node)!);
      stack.push(node);
      for (const next of graph.get(node) ?? []) {
        if (!order.has(next)) {
          connect(next);
          low.set(node, Math.min(low.get(node)!, low.get(next)!));
        } else if (stack.includes(next)) {
          low.set(node, Math.min(low.get(node)!, order.get(next)!));
        }
      }
      if (low.get(node) === order.get(node)) {
        const group = stack.splice(stack.indexOf(node));
        if (group.length > 1 || (graph.get(node) ?? []).includes(node)) {
          found.push(loopThrough(graph, new Set(group), [...group].sort()[0]));
        }
      }
    };
    [...graph.keys()].filter(node => !order.has(node)).forEach(node => order.has(node) || connect(node));
    return found;
  }

  /** A shortest path from `start` back to itself inside `group` (breadth first). */
  function loopThrough(graph: ReadonlyMap<string, readonly string[]>, group: ReadonlySet<string>, start: string): string[] {
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const node = queue.shift()!;
      for (const next of graph.get(node) ?? []) {
        if (next === start) {
          const loop = [start];
          for (let at: string | undefined = node; at !== start && at !== undefined; at = previous.get(at)) {
            loop.splice(1, 0, at);
          }
          return [...loop, start];
        }
        if (group.has(next) && !previous.has(next)) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
    return [start];
  }
}
