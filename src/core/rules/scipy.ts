/** SciPy 1.0-1.15 removals: scipy.misc, numpy re-exports, renamed integrate/stats/signal/linalg functions. */
import type { SyntaxNode } from '@lezer/common';
import { customRule, movedModule, renamedMember } from './builders';
import { importedName, rewriteFromImports } from '../python/imports';
import { appendArgument } from '../python/calls';
import { insertAt, replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import type { PythonSource } from '../python/syntax';
import type { IFact, IRule } from './types';

const notes = (version: string) => `https://docs.scipy.org/doc/scipy/release/${version}.0-notes.html`;

function fact(catalogId: string, version: string, message: string): IFact {
  return { library: 'scipy', version, message, source: notes(version), catalogId };
}

/** Uses (not imports) of `<module>.<name>` for the names, through any alias or from-import. */
function usesOf(source: PythonSource, module: string, names: readonly string[]): { node: SyntaxNode; name: string }[] {
  const uses: { node: SyntaxNode; name: string }[] = [];
  for (const node of source.findAll('MemberExpression', 'VariableName')) {
    if (node.parent?.name === 'ImportStatement') {
      continue;
    }
    const qualified = source.qualifiedName(node);
    const name = qualified?.startsWith(module + '.') ? qualified.slice(module.length + 1) : undefined;
    if (name && names.includes(name)) {
      uses.push({ node, name });
    }
  }
  return uses;
}

/** Edits dropping `names` from `from <module> import ...` statements (a statement left empty goes). */
function dropImportedNames(source: PythonSource, module: string, names: readonly string[]): IEdit[] {
  return rewriteFromImports(source, imported => imported === module, name => (names.includes(name) ? null : undefined));
}

/** A rule fixing `module.old` -> `numpy.old` (`sp.exp` -> `np.exp`), importing numpy when needed. */
function toNumpy(source: PythonSource, module: string, names: readonly string[]): IEdit[] {
  const uses = usesOf(source, module, names);
  if (uses.length === 0) {
    return [];
  }
  const numpy = importedName(source, 'numpy', 'np');
  return [
    ...numpy.edits,
    ...dropImportedNames(source, module, names),
    ...uses.map(use => replace(use.node, `${numpy.name}.${use.name}`))
  ];
}

// ---------------------------------------------------------------------------------------------
// scipy.misc
// ---------------------------------------------------------------------------------------------

const SPECIAL_FUNCTIONS = ['comb', 'factorial', 'factorial2', 'factorialk', 'logsumexp'];

/** `from scipy.misc import comb` -> `from scipy.special import comb`; `misc.comb(...)` -> `special.comb(...)`. */
const miscCombFactorial = customRule({
  id: 'scipy-misc-comb-factorial',
  category: 'removed-api',
  fact: fact('scipy-misc-comb-factorial', '1.3', 'comb, factorial and logsumexp left scipy.misc in SciPy 1.3; import them from scipy.special.'),
  trigger: new RegExp(`(cannot import name|has no attribute) '(${SPECIAL_FUNCTIONS.join('|')})'`),
  static: true,
  fix: context => {
    const { source } = context;
    const imports = movedModule({
      id: 'scipy-misc-comb-factorial',
      fact: fact('scipy-misc-comb-factorial', '1.3', ''),
      module: 'scipy.misc',
      to: name => (SPECIAL_FUNCTIONS.includes(name) ? 'scipy.special' : undefined)
    }).fix(context);
    const uses = usesOf(source, 'scipy.misc', SPECIAL_FUNCTIONS).filter(use => use.node.name === 'MemberExpression');
    if (uses.length === 0) {
      return imports;
    }
    const special = importedName(source, 'scipy.special', 'special');
    return [...imports, ...special.edits, ...uses.map(use => replace(use.node, `${special.name}.${use.name}`))];
  }
});

const IMAGE_FUNCTIONS = ['imread', 'imresize', 'imsave', 'toimage'];
const PIL_FILTERS: Record<string, string> = {
  nearest: 'NEAREST',
  lanczos: 'LANCZOS',
  bilinear: 'BILINEAR',
  bicubic: 'BICUBIC',
  cubic: 'BICUBIC'
};

/**
 * scipy.misc's image functions rewritten on Pillow (a Matplotlib
 * dependency, so always installed): imread -> np.asarray(Image.open(p)),
 * imresize(img, (h, w)) -> np.array(Image.fromarray(img).resize((w, h), ...)),
 * imsave(p, a) -> Image.fromarray(a).save(p), toimage(a) -> Image.fromarray(a).
 * Calls with arguments Pillow has no equivalent for are left alone.
 */
function fixImageFunctions(source: PythonSource): IEdit[] {
  const uses = usesOf(source, 'scipy.misc', IMAGE_FUNCTIONS);
  const calls = uses.filter(use => use.node.parent?.name === 'CallExpression' && source.callee(use.node.parent)?.from === use.node.from);
  if (calls.length === 0) {
    return [];
  }
  const image = importedName(source, 'PIL.Image', 'Image');
  const numpy = importedName(source, 'numpy', 'np');
  const edits: IEdit[] = [];
  for (const { node, name } of calls) {
    const call = node.parent!;
    const args = source.callArguments(call);
    const text = (index: number, keyword: string) => {
      const arg = args.find(a => a.name === keyword) ?? args.filter(a => !a.name)[index];
      return arg ? source.textOf(arg.value) : undefined;
    };
    const allowed: Record<string, string[]> = { imread: ['name', 'mode', 'flatten'], imresize: ['arr', 'size', 'interp'], imsave: ['name', 'arr'], toimage: ['arr'] };
    if (args.some(arg => arg.star || (arg.name && !allowed[name].includes(arg.name)))) {
      continue;
    }
    if (name === 'imread') {
      const path = text(0, 'name');
      const mode = text(1, 'mode');
      const flatten = text(2, 'flatten');
      if (!path || (flatten && flatten !== 'True' && flatten !== 'False')) {
        continue;
      }
      const convert = flatten === 'True' ? ".convert('F')" : mode && mode !== 'None' ? `.convert(${mode})` : '';
      edits.push(replace(call, `${numpy.name}.asarray(${image.name}.open(${path})${convert})`));
    } else if (name === 'imresize') {
      const array = text(0, 'arr');
      const sizeArg = args.find(a => a.name === 'size') ?? args.filter(a => !a.name)[1];
      const interp = text(2, 'interp');
      const filter = interp ? PIL_FILTERS[interp.replace(/^['"]|['"]$/g, '')] : 'BILINEAR';
      // Only a literal (rows, cols) size can be turned into Pillow's (width, height).
      const dims = sizeArg?.value.name === 'TupleExpression' ? source.textOf(sizeArg.value).slice(1, -1).split(',').map(d => d.trim()).filter(Boolean) : [];
      if (!array || dims.length < 2 || !filter) {
        continue;
      }
      edits.push(replace(call, `${numpy.name}.array(${image.name}.fromarray(${array}).resize((${dims[1]}, ${dims[0]}), ${image.name}.${filter}))`));
    } else if (name === 'imsave') {
      const [path, array] = [text(0, 'name'), text(1, 'arr')];
      if (path && array) {
        edits.push(replace(call, `${image.name}.fromarray(${array}).save(${path})`));
      }
    } else {
      const array = text(0, 'arr');
      if (array) {
        edits.push(replace(call, `${image.name}.fromarray(${array})`));
      }
    }
  }
  if (edits.length === 0) {
    return [];
  }
  const usesNumpy = edits.some(edit => edit.insert.startsWith(`${numpy.name}.`));
  return [...image.edits, ...(usesNumpy ? numpy.edits : []), ...dropImportedNames(source, 'scipy.misc', IMAGE_FUNCTIONS), ...edits];
}

function imageRule(catalogId: string, functions: string[], message: string): IRule {
  return customRule({
    id: catalogId,
    category: 'removed-api',
    fact: fact(catalogId, '1.3', message),
    trigger: new RegExp(`(cannot import name|has no attribute) '(${functions.join('|')})'`),
    static: true,
    fix: ({ source }) => fixImageFunctions(source)
  });
}

const miscImread = imageRule('scipy-misc-imread', ['imread'], 'scipy.misc.imread was removed in SciPy 1.3; read images with Pillow (np.asarray(Image.open(path))).');
const miscImresize = imageRule('scipy-misc-imresize', ['imresize'], 'scipy.misc.imresize was removed in SciPy 1.3; resize with Pillow (Image.fromarray(img).resize((w, h))).');
const miscImsave = imageRule('scipy-misc-imsave-toimage', ['imsave', 'toimage'], 'scipy.misc.imsave and toimage were removed in SciPy 1.3; use Pillow (Image.fromarray(arr).save(path)).');

const DATASETS = ['face', 'ascent', 'electrocardiogram'];

/** `misc.face()` -> `datasets.face()` (scipy.datasets needs pooch and a download on first use). */
const miscDatasets = customRule({
  id: 'scipy-misc-module',
  category: 'removed-api',
  fact: fact('scipy-misc-module', '1.15', 'The sample images face/ascent/electrocardiogram left scipy.misc in SciPy 1.15 (removed with the whole module); use scipy.datasets.'),
  trigger: new RegExp(`(cannot import name|has no attribute) '(${DATASETS.join('|')})'`),
  static: true,
  fix: context => {
    const { source } = context;
    const imports = movedModule({
      id: 'scipy-misc-module',
      fact: fact('scipy-misc-module', '1.15', ''),
      module: 'scipy.misc',
      to: name => (DATASETS.includes(name) ? 'scipy.datasets' : undefined)
    }).fix(context);
    const uses = usesOf(source, 'scipy.misc', DATASETS).filter(use => use.node.name === 'MemberExpression');
    if (uses.length === 0) {
      return imports;
    }
    const datasets = importedName(source, 'scipy.datasets', 'datasets');
    return [...imports, ...datasets.edits, ...uses.map(use => replace(use.node, `${datasets.name}.${use.name}`))];
  }
});

// ---------------------------------------------------------------------------------------------
// Renamed functions
// ---------------------------------------------------------------------------------------------

/** `integrate.simps` -> `simpson`, `trapz` -> `trapezoid`, `cumtrapz` -> `cumulative_trapezoid`. */
const integrateSimpsTrapz = renamedMember({
  id: 'scipy-integrate-simps-trapz-cumtrapz',
  fact: fact(
    'scipy-integrate-simps-trapz-cumtrapz',
    '1.14',
    'scipy.integrate.simps, trapz and cumtrapz were removed in SciPy 1.14; use simpson, trapezoid and cumulative_trapezoid.'
  ),
  trigger: /(cannot import name|has no attribute) '(simps|trapz|cumtrapz)'/,
  module: 'scipy.integrate',
  name: 'simps',
  to: 'simpson',
  also: { trapz: 'trapezoid', cumtrapz: 'cumulative_trapezoid' }
});

function renamedFunction(options: { id: string; version: string; message: string; trigger: RegExp; module: string | string[]; name: string; to: string }): IRule {
  return renamedMember({ id: options.id, fact: fact(options.id, options.version, options.message), trigger: options.trigger, module: options.module, name: options.name, to: options.to });
}

const chisqprob = renamedFunction({
  id: 'scipy-stats-old-helpers',
  version: '1.0',
  message: 'scipy.stats.chisqprob was removed in SciPy 1.0; use scipy.stats.chi2.sf.',
  trigger: /(cannot import name|has no attribute) 'chisqprob'/,
  module: 'scipy.stats',
  name: 'chisqprob',
  to: 'chi2.sf'
});

const pinv2 = renamedFunction({
  id: 'scipy-linalg-pinv2',
  version: '1.9',
  message: 'scipy.linalg.pinv2 was removed in SciPy 1.9; use scipy.linalg.pinv.',
  trigger: /(cannot import name|has no attribute) 'pinv2'/,
  module: 'scipy.linalg',
  name: 'pinv2',
  to: 'pinv'
});

const hanning = renamedFunction({
  id: 'scipy-signal-hanning',
  version: '1.9',
  message: 'scipy.signal.hanning was removed in SciPy 1.9; use scipy.signal.windows.hann.',
  trigger: /(cannot import name|has no attribute) 'hanning'/,
  module: ['scipy.signal', 'scipy.signal.windows'],
  name: 'hanning',
  to: 'hann'
});

/** Calls to a function reached through `module.name` or a from-import. */
function callsOf(source: PythonSource, module: string, name: string): SyntaxNode[] {
  return source.callsTo(qualified => qualified === `${module}.${name}`);
}

/** `stats.binom_test(k, n, p)` -> `stats.binomtest(k, n, p).pvalue`. */
const binomTestRename = renamedMember({ id: 'scipy-stats-binom_test', fact: fact('scipy-stats-binom_test', '1.12', ''), module: 'scipy.stats', name: 'binom_test', to: 'binomtest' });
const binomTest = customRule({
  id: 'scipy-stats-binom_test',
  category: 'removed-api',
  fact: fact('scipy-stats-binom_test', '1.12', 'scipy.stats.binom_test was removed in SciPy 1.12; use scipy.stats.binomtest(k, n, p).pvalue.'),
  trigger: /(cannot import name|has no attribute) 'binom_test'/,
  static: true,
  fix: context => {
    const calls = callsOf(context.source, 'scipy.stats', 'binom_test');
    return calls.length === 0 ? [] : [...binomTestRename.fix(context), ...calls.map(call => insertAt(call.to, '.pvalue'))];
  }
});

/** `stats.median_absolute_deviation(x)` -> `stats.median_abs_deviation(x, scale='normal')` (the old default scale). */
const madRename = renamedMember({ id: 'scipy-median_absolute_deviation', fact: fact('scipy-median_absolute_deviation', '1.9', ''), module: 'scipy.stats', name: 'median_absolute_deviation', to: 'median_abs_deviation' });
const medianAbsoluteDeviation = customRule({
  id: 'scipy-median_absolute_deviation',
  category: 'removed-api',
  fact: fact(
    'scipy-median_absolute_deviation',
    '1.9',
    "scipy.stats.median_absolute_deviation was removed in SciPy 1.9; use median_abs_deviation(x, scale='normal') for the old scaling."
  ),
  trigger: /(cannot import name|has no attribute) 'median_absolute_deviation'/,
  static: true,
  fix: context => {
    const { source } = context;
    const calls = callsOf(source, 'scipy.stats', 'median_absolute_deviation');
    const scales = calls
      .filter(call => !source.callArguments(call).some(arg => arg.name === 'scale' || arg.star))
      .map(call => appendArgument(source, call, "scale='normal'"));
    return [...madRename.fix(context), ...scales];
  }
});

/** `stats.itemfreq(a)` -> `np.column_stack(np.unique(a, return_counts=True))`. */
const itemfreq = customRule({
  id: 'scipy-stats-itemfreq',
  category: 'removed-api',
  fact: fact('scipy-stats-itemfreq', '1.9', 'scipy.stats.itemfreq was removed in SciPy 1.9; use np.column_stack(np.unique(a, return_counts=True)).'),
  trigger: /(cannot import name|has no attribute) 'itemfreq'/,
  static: true,
  fix: ({ source }) => {
    const calls = callsOf(source, 'scipy.stats', 'itemfreq').filter(call => {
      const args = source.callArguments(call);
      return args.length === 1 && !args[0].name && !args[0].star;
    });
    if (calls.length === 0) {
      return [];
    }
    const numpy = importedName(source, 'numpy', 'np');
    const np = numpy.name;
    return [
      ...numpy.edits,
      ...dropImportedNames(source, 'scipy.stats', ['itemfreq']),
      ...calls.map(call => replace(call, `${np}.column_stack(${np}.unique(${source.textOf(source.callArguments(call)[0].value)}, return_counts=True))`))
    ];
  }
});

/** NumPy functions SciPy re-exported at top level until 1.12 (the common ones, for the pre-flight scan). */
const NUMPY_REEXPORTS = [
  'array', 'asarray', 'zeros', 'ones', 'empty', 'eye', 'arange', 'linspace', 'logspace', 'exp', 'log', 'log10', 'log2', 'sqrt',
  'power', 'mean', 'std', 'var', 'sum', 'prod', 'cumsum', 'diff', 'dot', 'pi', 'inf', 'nan', 'e', 'histogram', 'absolute', 'abs',
  'sin', 'cos', 'tan', 'arctan', 'floor', 'ceil', 'where', 'isnan', 'isinf', 'transpose', 'concatenate', 'argmax', 'argmin',
  'sort', 'unique', 'polyfit', 'polyval', 'real', 'imag', 'conj', 'angle', 'ndarray', 'matrix', 'float64', 'int32', 'int64'
];

/** `sp.exp(x)` -> `np.exp(x)`: the error names the function, the list covers the scan. */
const numpyAliases = customRule({
  id: 'scipy-numpy-aliases',
  category: 'removed-api',
  fact: fact('scipy-numpy-aliases', '1.12', 'The NumPy functions re-exported as scipy.<name> (sp.exp, sp.array, ...) were removed in SciPy 1.12; use numpy.'),
  trigger: /module 'scipy' has no attribute '(?!random')\w+'/i,
  static: true,
  fix: ({ source, error }) => {
    const named = /module 'scipy' has no attribute '(\w+)'/i.exec(error?.evalue ?? '')?.[1];
    const names = named && named !== 'random' && !NUMPY_REEXPORTS.includes(named) ? [...NUMPY_REEXPORTS, named] : NUMPY_REEXPORTS;
    return toNumpy(source, 'scipy', names);
  }
});

const randomAlias = customRule({
  id: 'scipy-random-alias',
  category: 'removed-api',
  fact: fact('scipy-random-alias', '1.9', 'scipy.random (a NumPy re-export) was removed in SciPy 1.9; use np.random.'),
  trigger: /module 'scipy' has no attribute 'random'/i,
  static: true,
  fix: ({ source }) => toNumpy(source, 'scipy', ['random'])
});

const linalgTri = customRule({
  id: 'scipy-linalg-tri',
  category: 'removed-api',
  fact: fact('scipy-linalg-tri', '1.13', 'scipy.linalg.tri, triu and tril were removed in SciPy 1.13; use np.tri, np.triu and np.tril.'),
  trigger: /(cannot import name|has no attribute) '(tri|triu|tril)'/,
  static: true,
  fix: ({ source }) => toNumpy(source, 'scipy.linalg', ['tri', 'triu', 'tril'])
});

export const scipyRules: IRule[] = [
  miscCombFactorial,
  miscImread,
  miscImresize,
  miscImsave,
  miscDatasets,
  integrateSimpsTrapz,
  chisqprob,
  pinv2,
  hanning,
  binomTest,
  medianAbsoluteDeviation,
  itemfreq,
  numpyAliases,
  randomAlias,
  linalgTri
];
