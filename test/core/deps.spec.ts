import { DependencyGraph } from '../../src/core/notebook/dependencies';
import { cellNames, definitionOf } from '../../src/core/python/names';
import { PythonSource, importAliases } from '../../src/core/python/syntax';

const names = (code: string) => {
  const n = cellNames(code);
  return { defines: [...n.defines].sort(), mutates: [...n.mutates].sort(), uses: [...n.uses].sort() };
};

describe('cellNames()', () => {
  it.each([
    ['x = 1', ['x'], [], []],
    ['x, y = f(a)', ['x', 'y'], [], ['a', 'f']],
    ['import pandas as pd\nfrom a import b as c', ['c', 'pd'], [], []],
    ["df['a'] = 0", [], ['df'], ['df']],
    ["df['a'][df.b > 1] = 0", [], ['df'], ['df']],
    ['df.fillna(0, inplace=True)', [], ['df'], ['df']],
    ["df['a'].fillna(0, inplace=True)", [], ['df'], ['df']],
    ['total += i', ['total'], [], ['i', 'total']],
    ['for i in items:\n    print(i)', ['i'], [], ['i', 'items', 'print']],
    ['def f(a):\n    z = a + q\n    return z', ['f'], [], ['a', 'q', 'z']],
    ["with open('f') as fh:\n    s = fh.read()", ['fh', 's'], [], ['fh', 'open']],
    ['%matplotlib inline\nplt.show()', [], [], ['plt']],
    ['files = !ls data\nprint(files)', ['files'], [], ['files', 'print']],
    ['x=!l', [], [], []]
  ])('should read %j', (code, defines, mutates, uses) => {
    expect(names(code)).toEqual({ defines, mutates, uses });
  });
});

describe('cellNames() updates', () => {
  it.each([
    ['hr = hr.join(dummies)', ['hr']],
    ['total += 1', ['total']],
    ["df.drop('a', axis=1, inplace=True)", ['df']],
    ['clf = RandomForestClassifier()\nclf.fit(X, y)', []],
    ["df['b'] = df['a'] * 2", []]
  ])('%j updates %j', (code, expected) => {
    expect([...cellNames(code).updates].sort()).toEqual(expected);
  });
});

describe('DependencyGraph', () => {
  const graph = new DependencyGraph([
    'import pandas as pd',
    "df = pd.read_csv('d.csv')",
    "df['a'].fillna(0, inplace=True)",
    'other = 1',
    "X = df[['a']]",
    'print(other)',
    'model.fit(X, y)'
  ]);

  describe('#definingCell()', () => {
    it('should find the latest cell that defines or mutates a name', () => {
      expect(graph.definingCell('df', 6)).toBe(2);
      expect(graph.bindingCell('df', 6)).toBe(1);
      expect(graph.definingCell('X', 6)).toBe(4);
      expect(graph.definingCell('nothing', 6)).toBeUndefined();
    });
  });

  describe('#replayable()', () => {
    const cells = new DependencyGraph([
      'import pandas as pd',
      "df = pd.read_csv('d.csv')",
      'model = Model()\nmodel.fit(df)',
      "df = df.drop('a', axis=1)",
      'print(model.score(df))'
    ]);
    it('should let a cell run again when its inputs did not change since', () => {
      expect(cells.replayable(2, 3)).toBe(true);
    });
    it('should refuse one whose inputs a later cell changed, or that builds on itself', () => {
      expect(cells.replayable(2, 4)).toBe(false);
      expect(cells.replayable(3, 4)).toBe(false);
    });
  });

  describe('#dependents()', () => {
    it('should re-run only the cells that read what changed', () => {
      expect(graph.dependents(1, 6)).toEqual([2, 4, 6]);
    });
  });

  describe('#update()', () => {
    it('should use a source updated before any names were read, and one updated after', () => {
      const changing = new DependencyGraph(['a = 1', 'b = a', null, 'print(b)']);
      changing.update(1, 'b = 2');
      expect(changing.dependents(0, 3)).toEqual([]);
      expect(changing.cells[2]).toBeNull();
      changing.update(1, 'b = a + 1');
      expect(changing.dependents(0, 3)).toEqual([1, 3]);
    });
  });
});

describe('definitionOf()', () => {
  /** The text of what `name` holds at the end of `cell`, run after `earlier`. */
  const valueOf = (name: string, cell: string, earlier: string[] = []) => {
    const found = definitionOf(new PythonSource(cell, importAliases(earlier)), name);
    return found && found.source.textOf(found.value);
  };

  it('reads the last binding in the cell, else in the latest earlier cell that binds the name', () => {
    expect(valueOf('f', 'f = 1\nf = lambda s: s\ny = f(2)\n')).toBe('lambda s: s');
    expect(valueOf('parser', 'df = read(parser)\n', ['import x\n', 'def parser(s):\n    return s\n', 'a = 1\n'])).toBe('def parser(s):\n    return s\n');
    expect(valueOf('fmt', 'y = 2\n', ["fmt = '%Y'\n", "fmt = '%Y-%m'\n", 'z = fmt\n'])).toBe("'%Y-%m'");
    // An earlier cell's definition is read with the imports before it.
    const found = definitionOf(new PythonSource('g(1)\n', importAliases(['import pandas as pd\n', 'g = pd.to_datetime\n'])), 'g');
    expect(found && found.source.qualifiedName(found.value)).toBe('pandas.to_datetime');
  });

  it('reads only what was bound before the offset asked about', () => {
    const cell = new PythonSource('use(f)\nf = 2\n', importAliases(['f = 1\n']));
    const found = definitionOf(cell, 'f', cell.text.indexOf('f)'));
    expect(found && found.source.textOf(found.value)).toBe('1');
  });

  it('gives up where the value depends on the run: loops, tuples, updates, branches, imports, locals', () => {
    expect(valueOf('f', 'for f in fs:\n    pass\n')).toBeUndefined();
    expect(valueOf('f', 'f, g = h()\n')).toBeUndefined();
    expect(valueOf('f', 'y = 1\n', ['f = 1\n', 'f += 1\n'])).toBeUndefined();
    expect(valueOf('f', 'y = 1\n', ['if c:\n    f = 1\n'])).toBeUndefined();
    expect(valueOf('f', 'y = 1\n', ['f = 1\n', 'from m import f\n'])).toBeUndefined();
    expect(valueOf('f', 'a = b = 1\n'.replace('a', 'f'))).toBeUndefined();
    expect(valueOf('missing', 'y = 1\n', ['f = 1\n'])).toBeUndefined();
    const local = new PythonSource('def g(f):\n    return use(f)\n', importAliases(['f = 1\n']));
    expect(definitionOf(local, 'f', local.text.indexOf('f)\n'))).toBeUndefined();
  });
});
