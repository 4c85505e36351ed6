import { DependencyGraph, cellNames } from '../../src/core/deps';

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
    ['%matplotlib inline\nplt.show()', [], [], ['plt']]
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
