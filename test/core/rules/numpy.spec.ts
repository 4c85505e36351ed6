import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';

const engine = new RuleEngine(allRules, allFamilies);

function propose(code: string, ename: string, evalue: string, traceback: string[] = []) {
  const proposal = engine.propose(code, { ename, evalue, traceback });
  return proposal && { id: proposal.rules[0].id, source: proposal.source };
}

const N = 'import numpy as np\n';

describe('numpy rules', () => {
  describe('triggered by the real NumPy 2 error', () => {
    it.each([
      ['numpy-alias-object', N + 'x = a.astype(np.object)\n', 'AttributeError', "module 'numpy' has no attribute 'object'.\n`np.object` was a deprecated alias", N + 'x = a.astype(object)\n'],
      ['numpy-alias-unicode', N + 'x = np.unicode(3)\n', 'AttributeError', "module 'numpy' has no attribute 'unicode'", N + 'x = str(3)\n'],
      ['kb:numpy:attribute-renamed:numpy.NaN', N + 'x = np.NaN\n', 'AttributeError', '`np.NaN` was removed in the NumPy 2.0 release. Use `np.nan` instead.', N + 'x = np.nan\n'],
      ['kb:numpy:attribute-renamed:numpy.Infinity', 'import numpy\nx = numpy.Infinity\n', 'AttributeError', '`np.Infinity` was removed in the NumPy 2.0 release. Use `np.inf` instead.', 'import numpy\nx = numpy.inf\n'],
      ['numpy-NINF-removed', N + 'best = np.NINF\n', 'AttributeError', '`np.NINF` was removed in the NumPy 2.0 release. Use `-np.inf` instead.', N + 'best = -np.inf\n'],
      ['kb:numpy:attribute-renamed:numpy.float_', N + 'x = np.zeros(3, dtype=np.float_)\n', 'AttributeError', '`np.float_` was removed in the NumPy 2.0 release. Use `np.float64` instead.', N + 'x = np.zeros(3, dtype=np.float64)\n'],
      ['kb:numpy:attribute-renamed:numpy.round_', N + 'x = np.round_(a, 2)\n', 'AttributeError', '`np.round_` was removed in the NumPy 2.0 release. Use `np.round` instead.', N + 'x = np.round(a, 2)\n'],
      ['kb:numpy:attribute-renamed:numpy.mat', N + 'm = np.mat(a)\n', 'AttributeError', '`np.mat` was removed in the NumPy 2.0 release. Use `np.asmatrix` instead.', N + 'm = np.asmatrix(a)\n'],
      ['numpy-product-removed', N + 'n = np.product(shape)\n', 'AttributeError', "module 'numpy' has no attribute 'product'", N + 'n = np.prod(shape)\n'],
      ['kb:numpy:attribute-renamed:numpy.trapz', N + 'auc = np.trapz(tpr, fpr)\n', 'AttributeError', "module 'numpy' has no attribute 'trapz'", N + 'auc = np.trapezoid(tpr, fpr)\n'],
      ['numpy-rank-removed', N + 'd = np.rank(a)\n', 'AttributeError', "module 'numpy' has no attribute 'rank'", N + 'd = np.ndim(a)\n'],
      ['numpy-bool8-removed', N + 'm = a.astype(np.bool8)\n', 'AttributeError', "module 'numpy' has no attribute 'bool8'", N + 'm = a.astype(np.bool_)\n'],
      ['numpy-in1d-removed', N + 'mask = np.in1d(a, b)\n', 'AttributeError', "module 'numpy' has no attribute 'in1d'", N + 'mask = np.isin(a, b).ravel()\n'],
      ['numpy-asfarray-removed', N + 'x = np.asfarray(rows)\n', 'AttributeError', '`np.asfarray` was removed in the NumPy 2.0 release. Use `np.asarray` with a proper dtype instead.', N + 'x = np.asarray(rows, dtype=float)\n'],
      ['numpy-asscalar', N + 'v = np.asscalar(a[0] + 1)\n', 'AttributeError', "module 'numpy' has no attribute 'asscalar'", N + 'v = (a[0] + 1).item()\n'],
      ['numpy-msort', N + 's = np.msort(a)\n', 'AttributeError', "module 'numpy' has no attribute 'msort'", N + 's = np.sort(a, axis=0)\n'],
      ['numpy-copy-false', N + 'x = np.array(img, dtype=np.float32, copy=False)\n', 'ValueError', 'Unable to avoid copy while creating an array as requested.\nIf using `np.array(obj, copy=False)` replace it with `np.asarray(obj)`', N + 'x = np.asarray(img, dtype=np.float32)\n'],
      ['numpy-ragged-array', N + 'seqs = np.array(tokens)\n', 'ValueError', 'setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part.', N + 'seqs = np.array(tokens, dtype=object)\n'],
      ['numpy-tostring', 'b = arr.tostring()\n', 'AttributeError', "'numpy.ndarray' object has no attribute 'tostring'", 'b = arr.tobytes()\n'],
      ['numpy-ndarray-ptp-newbyteorder', N + 'r = x.ptp(axis=0)\n', 'AttributeError', "'numpy.ndarray' object has no attribute 'ptp'", N + 'r = np.ptp(x, axis=0)\n'],
      ['numpy-percentile-interpolation', N + "q = np.percentile(a, 50, interpolation='nearest')\n", 'TypeError', "percentile() got an unexpected keyword argument 'interpolation'", N + "q = np.percentile(a, 50, method='nearest')\n"],
      ['numpy-reshape-newshape', N + 'b = np.reshape(a, newshape=(2, 3))\n', 'TypeError', "reshape() got an unexpected keyword argument 'newshape'", N + 'b = np.reshape(a, shape=(2, 3))\n']
    ])('%s: %j', (id, code, ename, evalue, expected) => {
      expect(propose(code, ename, evalue)).toEqual({ id, source: expected });
    });
  });

  describe('leaves other shapes alone', () => {
    it.each([
      ['np.bool and np.long exist again in NumPy 2', N + 'x = a.astype(np.bool)\ny = np.long(3)\n'],
      ['a local variable named like an alias', 'float = 3\nx = float\n'],
      ['np.array with copy=True', N + 'x = np.array(a, copy=True)\n'],
      ['ElementTree.tostring', 'import xml.etree.ElementTree as ET\ns = ET.tostring(root)\n']
    ])('%s', (_name, code) => {
      expect(engine.scan(code).filter(f => f.rule.id.startsWith('numpy-'))).toEqual([]);
    });

    it('adds dtype=object only on the failing line', () => {
      const code = N + 'a = np.array(xs)\nb = np.array(ys)\n';
      const proposal = propose(code, 'ValueError', 'inhomogeneous shape after 1 dimensions', ['Cell In[7], line 3\n----> 3 b = np.array(ys)']);
      expect(proposal?.source).toBe(N + 'a = np.array(xs)\nb = np.array(ys, dtype=object)\n');
    });
  });
  describe('array shapes (NumPy 2.4 scalars, scikit-learn 0.19 2-D inputs)', () => {
    const line = (n: number, text: string) => [`Cell In[5], line ${n}\n----> ${n} ${text}`];
    it.each([
      ['numpy-array-to-scalar: float() of a one-element array on the failing line', N + 'a = 1\nv = float(model.predict(x))\n', line(3, 'v = float(model.predict(x))'), N + 'a = 1\nv = float(np.asarray(model.predict(x)).item())\n'],
      ['numpy-array-to-scalar: imports numpy when the cell does not', 'n = int(counts[idx])\n', line(1, 'n = int(counts[idx])'), 'import numpy as np\nn = int(np.asarray(counts[idx]).item())\n'],
      [
        'numpy-array-to-scalar: positions drawn later by Matplotlib',
        N + 'b = X[p >= 0.5][0]\nplt.text(b + 0.02, 0.15, "boundary")\nplt.arrow(b, 0.08, -0.3, 0)\nplt.annotate("x", xy=(b, 1), xytext=(2, 3))\nsave_fig("f")\n',
        ['Cell In[5], line 6\n----> 6 save_fig("f")', 'File /v/site-packages/matplotlib/text.py:863, in Text.draw(self, renderer)', '--> 863 posx = float(self.convert_xunits(x))'],
        N + 'b = X[p >= 0.5][0]\nplt.text(np.ravel(b + 0.02)[0], 0.15, "boundary")\nplt.arrow(np.ravel(b)[0], 0.08, -0.3, 0)\nplt.annotate("x", xy=(np.ravel(b)[0], 1), xytext=(2, 3))\nsave_fig("f")\n'
      ]
    ])('%s', (_name, code, traceback, expected) => {
      expect(propose(code, 'TypeError', 'only 0-dimensional arrays can be converted to Python scalars', traceback)).toEqual({ id: 'numpy-array-to-scalar', source: expected });
    });

    it('numpy-array-to-scalar: leaves float() of literals and other lines alone', () => {
      const code = N + 'a = float(x)\nb = float("3")\n';
      expect(propose(code, 'TypeError', 'only 0-dimensional arrays can be converted to Python scalars', line(3, 'b = float("3")'))).toBeNull();
    });

    it.each([
      ['a scalar variable', 'y = lin1.predict(gdp)[0][0]\n', 'Expected 2D array, got scalar array instead:\narray=22587.49.', 'import numpy as np\ny = lin1.predict(np.atleast_2d(gdp))[0][0]\n'],
      ['a number literal', 'print(model.predict(5.5))\n', 'Expected 2D array, got scalar array instead:\narray=5.5.', 'print(model.predict([[5.5]]))\n'],
      ['a 1-D list literal', 'p = clf.predict_proba([1, 2, 3, 4])\n', 'Expected 2D array, got 1D array instead:\narray=[1. 2. 3. 4.].', 'p = clf.predict_proba([[1, 2, 3, 4]])\n']
    ])('sklearn-1d-input-as-sample: %s', (_name, code, evalue, expected) => {
      expect(propose(code, 'ValueError', evalue, line(1, code.trim()))).toEqual({ id: 'sklearn-1d-input-as-sample', source: expected });
    });

    it('sklearn-1d-input-as-sample: leaves 2-D literals and other lines alone', () => {
      expect(propose('a = m.predict([[1, 2]])\n', 'ValueError', 'Expected 2D array, got 1D array instead:', line(1, 'a'))).toBeNull();
      expect(propose('a = m.predict(x)\nb = m.predict(5)\n', 'ValueError', 'Expected 2D array, got scalar array instead:', line(2, 'b'))?.source).toBe('a = m.predict(x)\nb = m.predict([[5]])\n');
    });
  });
});
