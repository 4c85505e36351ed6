import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';

const engine = new RuleEngine(allRules, allFamilies);

function propose(code: string, ename: string, evalue: string) {
  const proposal = engine.propose(code, { ename, evalue, traceback: [] });
  return proposal && { id: proposal.rules[0].id, source: proposal.source };
}

const misc = (name: string) => `cannot import name '${name}' from 'scipy.misc' (/x/scipy/misc/__init__.py)`;

describe('scipy rules', () => {
  describe('triggered by the real SciPy 1.17 error', () => {
    it.each([
      ['scipy-misc-comb-factorial', 'from scipy.misc import comb, factorial\n', 'ImportError', misc('comb'), 'from scipy.special import comb, factorial\n'],
      ['scipy-misc-comb-factorial', 'from scipy import misc\nn = misc.comb(5, 2)\n', 'AttributeError', "module 'scipy.misc' has no attribute 'comb'", 'import scipy.special as special\nfrom scipy import misc\nn = special.comb(5, 2)\n'],
      ['scipy-misc-imread', 'import numpy as np\nfrom scipy.misc import imread\nimg = imread(path)\n', 'ImportError', misc('imread'), 'import PIL.Image as Image\nimport numpy as np\nimg = np.asarray(Image.open(path))\n'],
      ['scipy-misc-imread', "import numpy as np\nfrom PIL import Image\nimport scipy.misc\ng = scipy.misc.imread(p, mode='L')\nh = scipy.misc.imread(p, flatten=True)\n", 'AttributeError', "module 'scipy.misc' has no attribute 'imread'", "import numpy as np\nfrom PIL import Image\nimport scipy.misc\ng = np.asarray(Image.open(p).convert('L'))\nh = np.asarray(Image.open(p).convert('F'))\n"],
      ['scipy-misc-imresize', "import numpy as np\nfrom PIL import Image\nfrom scipy.misc import imresize, imread\nsmall = imresize(img, (64, 32), interp='nearest')\n", 'ImportError', misc('imresize'), 'import numpy as np\nfrom PIL import Image\nsmall = np.array(Image.fromarray(img).resize((32, 64), Image.NEAREST))\n'],
      ['scipy-misc-imsave-toimage', "from PIL import Image\nfrom scipy.misc import imsave, logsumexp\nimsave('out.png', arr)\n", 'ImportError', misc('imsave'), "from PIL import Image\nfrom scipy.misc import logsumexp\nImage.fromarray(arr).save('out.png')\n"],
      ['scipy-misc-module', 'from scipy import misc\nimg = misc.face()\n', 'AttributeError', "module 'scipy.misc' has no attribute 'face'", 'import scipy.datasets as datasets\nfrom scipy import misc\nimg = datasets.face()\n'],
      ['scipy-integrate-simps-trapz-cumtrapz', 'from scipy.integrate import simps, cumtrapz\na = simps(y, x)\nc = cumtrapz(y, x, initial=0)\n', 'ImportError', "cannot import name 'simps' from 'scipy.integrate' (/x/scipy/integrate/__init__.py)", 'from scipy.integrate import simpson, cumulative_trapezoid\na = simpson(y, x)\nc = cumulative_trapezoid(y, x, initial=0)\n'],
      ['scipy-integrate-simps-trapz-cumtrapz', 'from scipy import integrate\na = integrate.trapz(y, x)\n', 'AttributeError', "module 'scipy.integrate' has no attribute 'trapz'", 'from scipy import integrate\na = integrate.trapezoid(y, x)\n'],
      ['scipy-stats-old-helpers', 'from scipy import stats\np = stats.chisqprob(lr, 1)\n', 'AttributeError', "module 'scipy.stats' has no attribute 'chisqprob'", 'from scipy import stats\np = stats.chi2.sf(lr, 1)\n'],
      ['scipy-stats-old-helpers', 'from scipy.stats import chisqprob\np = chisqprob(lr, 1)\n', 'ImportError', "cannot import name 'chisqprob' from 'scipy.stats'", 'from scipy.stats import chi2\np = chi2.sf(lr, 1)\n'],
      ['scipy-linalg-pinv2', 'import scipy.linalg as la\nB = la.pinv2(A)\n', 'AttributeError', "module 'scipy.linalg' has no attribute 'pinv2'", 'import scipy.linalg as la\nB = la.pinv(A)\n'],
      ['scipy-signal-hanning', 'from scipy import signal\nw = signal.hanning(51)\n', 'AttributeError', "module 'scipy.signal' has no attribute 'hanning'", 'from scipy import signal\nw = signal.hann(51)\n'],
      ['scipy-stats-binom_test', 'import scipy.stats as st\np = st.binom_test(3, 10, 0.5)\n', 'AttributeError', "module 'scipy.stats' has no attribute 'binom_test'", 'import scipy.stats as st\np = st.binomtest(3, 10, 0.5).pvalue\n'],
      ['scipy-median_absolute_deviation', 'from scipy import stats\nm = stats.median_absolute_deviation(x)\n', 'AttributeError', "module 'scipy.stats' has no attribute 'median_absolute_deviation'", "from scipy import stats\nm = stats.median_abs_deviation(x, scale='normal')\n"],
      ['scipy-stats-itemfreq', 'import numpy as np\nfrom scipy.stats import itemfreq\nf = itemfreq(labels)\n', 'ImportError', "cannot import name 'itemfreq' from 'scipy.stats'", 'import numpy as np\nf = np.column_stack(np.unique(labels, return_counts=True))\n'],
      ['scipy-numpy-aliases', 'import scipy as sp\ny = sp.exp(x) + sp.special_thing(x)\nz = sp.hypot(a, b)\n', 'AttributeError', "Module 'scipy' has no attribute 'hypot'", 'import numpy as np\nimport scipy as sp\ny = np.exp(x) + sp.special_thing(x)\nz = np.hypot(a, b)\n'],
      ['scipy-random-alias', 'import numpy as np\nimport scipy as sp\nsp.random.seed(0)\n', 'AttributeError', "Module 'scipy' has no attribute 'random'", 'import numpy as np\nimport scipy as sp\nnp.random.seed(0)\n'],
      ['scipy-linalg-tri', 'import numpy as np\nfrom scipy.linalg import triu, solve\nU = triu(A)\n', 'ImportError', "cannot import name 'triu' from 'scipy.linalg'", 'import numpy as np\nfrom scipy.linalg import solve\nU = np.triu(A)\n']
    ])('%s: %j', (id, code, ename, evalue, expected) => {
      expect(propose(code, ename, evalue)).toEqual({ id, source: expected });
    });
  });

  describe('leaves other shapes alone', () => {
    it.each([
      ['the surviving scipy API', 'import scipy as sp\nfrom scipy import stats, special\nimport scipy.integrate as integrate\nr = stats.norm.pdf(0)\ns = integrate.quad(f, 0, 1)\nc = special.comb(5, 2)\n'],
      ['imresize with a scale factor (no literal size)', 'from scipy.misc import imresize\nsmall = imresize(img, 0.5)\n'],
      ['an aliased chisqprob import (cannot become chi2.sf)', 'from scipy.stats import chisqprob as cp\np = cp(lr, 1)\n'],
      ['local functions named like removed ones', 'def simps(y):\n    return y\nsimps(1)\n']
    ])('%s', (_name, code) => {
      expect(engine.scan(code).filter(f => f.rule.id.startsWith('scipy-'))).toEqual([]);
    });
  });
});
