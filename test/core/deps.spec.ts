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

  describe('#dependents()', () => {
    it('should re-run only the cells that read what changed', () => {
      expect(graph.dependents(1, 6)).toEqual([2, 4, 6]);
    });
  });
});
