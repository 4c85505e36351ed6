import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';
import { PythonSource } from '../../../src/core/python/syntax';
import { python2Rules } from '../../../src/core/rules/python2';
import { sklearnRules } from '../../../src/core/rules/sklearn';
import { xgboostRules } from '../../../src/core/rules/xgboost';
import { lightgbmRules } from '../../../src/core/rules/lightgbm';
import { kerasRules } from '../../../src/core/rules/keras';
import { hardwareRules } from '../../../src/core/rules/hardware';

const engine = new RuleEngine(allRules, allFamilies);
const error = (ename: string, evalue: string, traceback: string[] = []) => ({ ename, evalue, traceback });

const MISSING_PRINT = "Missing parentheses in call to 'print'. Did you mean print(...)?";
const INVALID = 'invalid syntax';

/** [rule id, ename, evalue (as CPython 3.11 prints it), before, after] */
const cases: [string, string, string, string, string][] = [
  ['py2-print-statement', 'SyntaxError', MISSING_PRINT, "print 'accuracy:', acc\n", "print('accuracy:', acc)\n"],
  ['py2-print-statement', 'SyntaxError', MISSING_PRINT, 'print df.head()\n', 'print(df.head())\n'],
  ['py2-print-statement', 'SyntaxError', MISSING_PRINT, 'for i in range(3):\n    print i,\nprint\n', "for i in range(3):\n    print(i, end=' ')\nprint()\n"],
  ['py2-print-statement', 'SyntaxError', MISSING_PRINT, 'print "%d of %d" % (a, b)  # progress\n', 'print("%d of %d" % (a, b))  # progress\n'],
  ['py2-print-statement', 'SyntaxError', MISSING_PRINT, "print 'a, b', f(x, y); z = 1\n", "print('a, b', f(x, y)); z = 1\n"],
  ['py2-print-chevron', 'SyntaxError', MISSING_PRINT, "import sys\nprint >>sys.stderr, 'warning:', msg\n", "import sys\nprint('warning:', msg, file=sys.stderr)\n"],
  [
    'py2-print-chevron',
    'TypeError',
    "unsupported operand type(s) for >>: 'builtin_function_or_method' and '_io.TextIOWrapper'. Did you mean \"print(<message>, file=<output_stream>)\"?",
    'print >>f, row\n',
    'print(row, file=f)\n'
  ],
  ['py2-exec-statement', 'SyntaxError', "Missing parentheses in call to 'exec'. Did you mean exec(...)?", "exec 'x = 1'\n", "exec('x = 1')\n"],
  ['py2-exec-statement', 'SyntaxError', "Missing parentheses in call to 'exec'. Did you mean exec(...)?", 'def f():\n    exec code in ns\n    return ns\n', 'def f():\n    exec(code, ns)\n    return ns\n'],
  [
    'py2-except-comma',
    'SyntaxError',
    'multiple exception types must be parenthesized',
    'try:\n    x = int(s)\nexcept ValueError, e:\n    x = 0\nexcept (KeyError, IndexError), err:\n    pass\n',
    'try:\n    x = int(s)\nexcept ValueError as e:\n    x = 0\nexcept (KeyError, IndexError) as err:\n    pass\n'
  ],
  ['py2-raise-comma', 'SyntaxError', INVALID, "raise ValueError, 'bad shape'\n", "raise ValueError('bad shape')\n"],
  ['py2-backticks-neq', 'SyntaxError', INVALID, 'if a <> b:\n    s = `a` + `b`\n', 'if a != b:\n    s = repr(a) + repr(b)\n'],
  [
    'py2-octal-literal',
    'SyntaxError',
    'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
    'os.chmod(path, 0755)\n',
    'os.chmod(path, 0o755)\n'
  ],
  ['py2-long-literal', 'SyntaxError', 'invalid decimal literal', 'n = 10L + 0xFFL\n', 'n = 10 + 0xFF\n'],
  ['py2-long-literal', 'NameError', "name 'long' is not defined", 'x = long(s)\n', 'x = int(s)\n'],
  ['py2-ur-string', 'SyntaxError', INVALID, "pattern = ur'\\d+'\n", "pattern = r'\\d+'\n"],
  ['py2-xrange', 'NameError', "name 'xrange' is not defined", 'for i in xrange(10):\n    total += i\n', 'for i in range(10):\n    total += i\n'],
  ['py2-raw_input', 'NameError', "name 'raw_input' is not defined", "name = raw_input('> ')\n", "name = input('> ')\n"],
  [
    'py2-unicode-basestring',
    'NameError',
    "name 'basestring' is not defined",
    'if isinstance(s, basestring):\n    s = unicode(s)\n',
    'if isinstance(s, str):\n    s = str(s)\n'
  ],
  ['py2-file-builtin', 'NameError', "name 'file' is not defined", "f = file('data.txt')\n", "f = open('data.txt')\n"],
  ['py2-reduce-builtin', 'NameError', "name 'reduce' is not defined", 'p = reduce(lambda a, b: a * b, xs)\n', 'from functools import reduce\np = reduce(lambda a, b: a * b, xs)\n'],
  [
    'py2-reduce-builtin',
    'NameError',
    "name 'reduce' is not defined",
    'from __future__ import division\np = reduce(f, xs)\n',
    'from __future__ import division\nfrom functools import reduce\np = reduce(f, xs)\n'
  ],
  ['py2-reload-builtin', 'NameError', "name 'reload' is not defined", 'import utils\nreload(utils)\n', 'from importlib import reload\nimport utils\nreload(utils)\n'],
  [
    'py2-dict-iteritems',
    'AttributeError',
    "'dict' object has no attribute 'iteritems'",
    'for k, v in d.iteritems():\n    keys = list(d.iterkeys())\n',
    'for k, v in d.items():\n    keys = list(d.keys())\n'
  ],
  ['py2-dict-has_key', 'AttributeError', "'dict' object has no attribute 'has_key'", 'if d.has_key(k):\n    pass\n', 'if k in d:\n    pass\n'],
  ['py2-dict-has_key', 'AttributeError', "'dict' object has no attribute 'has_key'", 'if not d.has_key(a + 1) and x:\n    pass\n', 'if not a + 1 in d and x:\n    pass\n'],
  ['py2-dict-has_key', 'AttributeError', "'dict' object has no attribute 'has_key'", 'ok = d.has_key(k) == True\n', 'ok = (k in d) == True\n'],
  ['py2-next-method', 'AttributeError', "'generator' object has no attribute 'next'", 'batch = gen.next()\n', 'batch = next(gen)\n'],
  [
    'py2-sort-cmp',
    'TypeError',
    "'cmp' is an invalid keyword argument for sort()",
    'xs.sort(cmp=compare)\nys = sorted(zs, cmp=compare, reverse=True)\n',
    'from functools import cmp_to_key\nxs.sort(key=cmp_to_key(compare))\nys = sorted(zs, key=cmp_to_key(compare), reverse=True)\n'
  ],
  [
    'py2-string-module-functions',
    'AttributeError',
    "module 'string' has no attribute 'letters'",
    "import string\nchars = string.letters + string.digits\nline = string.join(words, ', ')\nt = string.maketrans('ab', 'cd')\nu = string.upper(s)\n",
    "import string\nchars = string.ascii_letters + string.digits\nline = ', '.join(words)\nt = str.maketrans('ab', 'cd')\nu = s.upper()\n"
  ],
  [
    'py2-renamed-modules',
    'ModuleNotFoundError',
    "No module named 'cPickle'",
    'import cPickle as pickle\nimport urllib2\nfrom StringIO import StringIO\n',
    'import pickle\nimport urllib.request as urllib2\nfrom io import StringIO\n'
  ],
  [
    'py2-renamed-modules',
    'ImportError',
    "cannot import name 'izip' from 'itertools' (unknown location)",
    'from itertools import izip, product\nfor a, b in izip(xs, ys):\n    pass\n',
    'from itertools import product\nfor a, b in zip(xs, ys):\n    pass\n'
  ],
  [
    'py2-renamed-modules',
    'AttributeError',
    "module 'urllib' has no attribute 'urlretrieve'",
    "import urllib\nurllib.urlretrieve(url, 'data.csv')\n",
    "import urllib.request\nurllib.request.urlretrieve(url, 'data.csv')\n"
  ],
  [
    'py2-renamed-modules',
    'ImportError',
    "cannot import name 'izip' from 'itertools' (unknown location)",
    'import numpy as np\nfrom itertools import izip\npairs = list(izip(a, b))\n',
    'import numpy as np\npairs = list(zip(a, b))\n'
  ],
  ['py2-sys-maxint', 'AttributeError', "module 'sys' has no attribute 'maxint'", 'import sys\nbest = sys.maxint\n', 'import sys\nbest = sys.maxsize\n'],
  ['py2-dict-views', 'TypeError', "'dict_keys' object is not subscriptable", 'first = counts.keys()[0]\n', 'first = list(counts.keys())[0]\n'],
  [
    'py2-dict-views',
    'AttributeError',
    "'dict_keys' object has no attribute 'sort'",
    'ks = counts.keys()\nks.sort()\n',
    'ks = list(counts.keys())\nks.sort()\n'
  ],
  ['py2-map-filter-zip-iterators', 'TypeError', "'map' object is not subscriptable", 'x = map(float, row)[0]\n', 'x = list(map(float, row))[0]\n'],
  [
    'py2-map-filter-zip-iterators',
    'TypeError',
    "object of type 'filter' has no len()",
    'good = filter(None, rows)\nprint(len(good))\n',
    'good = list(filter(None, rows))\nprint(len(good))\n'
  ],
  [
    'py2-integer-division',
    'TypeError',
    'slice indices must be integers or None or have an __index__ method',
    'half = data[:len(data)/2]\nratio = a / b\n',
    'half = data[:len(data)//2]\nratio = a / b\n'
  ],
  [
    'py2-integer-division',
    'TypeError',
    "'float' object cannot be interpreted as an integer",
    'for i in range(n / 2):\n    pass\n',
    'for i in range(n // 2):\n    pass\n'
  ]
];

describe('Python 2 rules', () => {
  it.each(cases)('%s fixes %s: %s', (id, ename, evalue, before, after) => {
    const proposal = engine.propose(before, error(ename, evalue));
    expect(proposal?.rules.map(r => r.id)).toContain(id);
    expect(proposal?.source).toBe(after);
  });

  it('fixes every Python 2 leftover of a cell in one patch', () => {
    const before = [
      'import cPickle',
      'for k, v in stats.iteritems():',
      '    print k, v',
      'try:',
      '    n = int(raw_input())',
      'except ValueError, e:',
      '    print >>sys.stderr, e',
      'for i in xrange(n):',
      '    if d.has_key(i) and i <> 0:',
      '        print `i`,',
      ''
    ].join('\n');
    const after = [
      'import pickle as cPickle',
      'for k, v in stats.items():',
      '    print(k, v)',
      'try:',
      '    n = int(input())',
      'except ValueError as e:',
      '    print(e, file=sys.stderr)',
      'for i in range(n):',
      '    if i in d and i != 0:',
      "        print(repr(i), end=' ')",
      ''
    ].join('\n');
    const proposal = engine.propose(before, error('SyntaxError', MISSING_PRINT));
    expect(proposal?.source).toBe(after);
    expect(proposal?.rules[0].id).toBe('py2-print-statement');
    expect(new Set(proposal?.rules.map(r => r.id))).toEqual(
      new Set([
        'py2-print-statement',
        'py2-print-chevron',
        'py2-except-comma',
        'py2-backticks-neq',
        'py2-xrange',
        'py2-raw_input',
        'py2-dict-iteritems',
        'py2-dict-has_key',
        'py2-renamed-modules'
      ])
    );
  });

  it('lists Python 2 syntax in the pre-flight scan', () => {
    const findings = engine.scan('x = 0777\nprint x\n');
    expect(findings.filter(f => f.rule.id.startsWith('py2-')).map(f => [f.rule.id, f.line])).toEqual([
      ['py2-print-statement', 2],
      ['py2-octal-literal', 1]
    ]);
  });

  it('fixes only the culprit line of an integer division when the traceback names it', () => {
    const proposal = engine.propose(
      'a = xs[n/2]\nb = ys[m/2]\n',
      error('TypeError', 'list indices must be integers or slices, not float', ['Cell In[4], line 2', '----> 2 b = ys[m/2]'])
    );
    expect(proposal?.source).toBe('a = xs[n/2]\nb = ys[m//2]\n');
  });

  /** [rule id, source that must be left alone] */
  it.each([
    ['py2-xrange', 'def xrange(n):\n    return range(n)\nfor i in xrange(3):\n    pass\n'],
    ['py2-file-builtin', 'for file in files:\n    file(1)\n'],
    ['py2-file-builtin', 'df = pd.read_csv(file)\n'],
    ['py2-long-literal', 'short, long = split(df)\nprint(long.mean())\n'],
    ['py2-string-module-functions', 'string.upper()\n'],
    ['py2-reduce-builtin', 'from functools import reduce\nreduce(f, xs)\n'],
    ['py2-print-statement', "print('done')\n"],
    ['py2-print-statement', 'print (a, b)\n'],
    ['py2-octal-literal', 'x = 0\ny = 00\n'],
    ['py2-dict-iteritems', 'for k, v in df.items():\n    pass\n'],
    ['py2-map-filter-zip-iterators', 'def map(f, xs):\n    return [f(x) for x in xs]\nmap(str, xs)[0]\n'],
    ['py2-string-module-functions', "s = 'abc'\nstring = s\nstring.upper()\n"],
    ['py2-renamed-modules', 'import pickle\nfrom io import StringIO\n'],
    ['py2-integer-division', 'ratio = correct / total\n'],
    ['py2-sys-maxint', 'n = np.iinfo(int).max\n']
  ])('%s leaves other shapes alone: %j', (id, code) => {
    expect(engine.get(id)!.fix({ source: new PythonSource(code) })).toEqual([]);
  });

  it('gives every rule a Python 3.0 fact', () => {
    for (const rule of engine.rules.filter(r => r.id.startsWith('py2-'))) {
      expect([rule.id, rule.fact.library, rule.fact.version, rule.fact.source]).toEqual([rule.id, 'python', '3.0', 'https://docs.python.org/3/whatsnew/3.0.html']);
    }
  });
});

describe('rules for old APIs on modern code', () => {
  const modern = [
    'import numpy as np, pandas as pd, torch, string, sys',
    'import lightgbm as lgb, xgboost as xgb',
    'from sklearn.model_selection import KFold, GridSearchCV',
    'from sklearn.preprocessing import OneHotEncoder',
    'from keras.optimizers import Adam',
    'kf = KFold(n_splits=5, shuffle=True, random_state=0)',
    "enc = OneHotEncoder(sparse_output=False, handle_unknown='ignore')",
    'for k, v in d.items():',
    "    print(k, v, sep=', ')",
    'try:',
    "    x = int('3')",
    'except (ValueError, TypeError) as e:',
    '    print(f"bad {e}", file=sys.stderr)',
    "device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')",
    'model = model.to(device)',
    "m = xgb.XGBClassifier(n_estimators=100, early_stopping_rounds=10, eval_metric='auc', device='cpu')",
    'm.fit(X, y, eval_set=[(Xv, yv)], verbose=False)',
    'bst = lgb.train(params, d, valid_sets=[v], callbacks=[lgb.early_stopping(10)])',
    'opt = Adam(learning_rate=1e-3)',
    'model.fit(gen, epochs=3)',
    "acc = history.history['accuracy']",
    'letters = string.ascii_letters',
    'n = 0o777',
    'y = sorted(xs, key=len)',
    'with open(path) as file:',
    '    text = file.read()',
    'half = data[: len(data) // 2]',
    'print()',
    "grid = {'max_features': ['sqrt', 'log2']}",
    ''
  ].join('\n');

  /** The rules for removed APIs and hardware (score-calibration defaults are another matter). */
  const ours = new Set([...python2Rules, ...sklearnRules, ...xgboostRules, ...lightgbmRules, ...kerasRules, ...hardwareRules].map(r => r.id));

  it('finds nothing to rewrite in the pre-flight scan', () => {
    expect(engine.scan(modern).map(f => f.rule.id).filter(id => ours.has(id))).toEqual([]);
  });
});
