import { fixMissingImport } from '../../../src/core/fixers/imports';

describe('fixMissingImport()', () => {
  const sklearn = new Map([['KNeighborsClassifier', 'sklearn.neighbors.KNeighborsClassifier']]);

  it.each([
    ['np', 'x = np.zeros(3)', new Map(), 'import numpy as np\nx = np.zeros(3)'],
    ['plt', 'plt.show()', new Map(), 'import matplotlib.pyplot as plt\nplt.show()'],
    ['neighbors', 'clf = neighbors.KNeighborsClassifier(3)', sklearn, 'from sklearn import neighbors\nclf = neighbors.KNeighborsClassifier(3)'],
    // `from __future__` must stay first, or the cell is a SyntaxError.
    ['np', 'from __future__ import print_function\nprint(np.pi)', new Map(), 'from __future__ import print_function\nimport numpy as np\nprint(np.pi)']
  ])('should import %s', (name, text, imported, expected) => {
    expect(fixMissingImport(text, name, imported)?.source).toBe(expected);
  });

  it.each([
    ['a name that says nothing', 'model', 'model.fit(X)', sklearn],
    ['a submodule of a package the notebook does not use', 'neighbors', 'neighbors.X()', new Map()],
    ['a name the cell imports itself', 'np', 'import numpy as np\nnp.zeros(1)', new Map()]
  ])('should leave %s', (_what, name, text, imported) => {
    expect(fixMissingImport(text, name, imported)).toBeNull();
  });
});
