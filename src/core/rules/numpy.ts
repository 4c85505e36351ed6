/** NumPy 1.18-2.5 removals: type aliases, constants, functions, keywords, ndarray methods. */
import type { SyntaxNode } from '@lezer/common';
import { appendArgument, calleeIn } from '../python/calls';
import { culpritLines, onCulpritLines } from './culprit';
import { customRule, renamedKeyword, renamedName } from './builders';
import { importedName } from '../python/imports';
import { insertAt, replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import type { PythonSource } from '../python/syntax';
import type { IRule } from './types';

const NUMPY_2_MIGRATION = 'https://numpy.org/doc/stable/numpy_2_0_migration_guide.html';
const NUMPY_2_NOTES = 'https://numpy.org/doc/stable/release/2.0.0-notes.html';
const NUMPY_124 = 'https://numpy.org/doc/stable/release/1.24.0-notes.html';
const notes = (version: string) => `https://numpy.org/doc/stable/release/${version}.0-notes.html`;

/** Calls to `numpy.<name>` through whatever alias numpy was imported as. */
function numpyCalls(source: PythonSource, ...names: string[]): SyntaxNode[] {
  return source.callsTo(qualified => names.some(name => qualified === `numpy.${name}`));
}

/** The module part of a call's callee (`np` for `np.msort(a)`), for building `np.sort`. */
function moduleOf(source: PythonSource, call: SyntaxNode): string | undefined {
  const dotted = source.dottedName(source.callee(call));
  return dotted?.includes('.') ? dotted.split('.').slice(0, -1).join('.') : undefined;
}

/**
 * `np.float` and friends: deprecated in 1.20, removed in 1.24. (`np.bool`
 * and `np.long` are back in NumPy 2.0 as NumPy types, so they are left alone.)
 */
const builtinAliases: IRule[] = ['float', 'int', 'object', 'str', 'complex', 'unicode'].map(alias => {
  const builtin = alias === 'unicode' ? 'str' : alias;
  return renamedName({
    id: `numpy-alias-${alias}`,
    fact: {
      library: 'numpy',
      version: '1.24',
      message: `np.${alias} was removed in NumPy 1.24; use the builtin ${builtin}.`,
      source: NUMPY_124,
      ...(alias === 'unicode' ? {} : { catalogId: `numpy-alias-np.${alias}` })
    },
    trigger: new RegExp(`module 'numpy' has no attribute '${alias}'`),
    qualified: `numpy.${alias}`,
    replacement: builtin
  });
});

/**
 * [removed name, replacement, version, catalog id, source]: plain renames of a numpy name that
 * the mined knowledge base does not state (the others, NumPy 2's expired attributes like
 * `np.NaN` and `np.float_`, are the attribute family's: src/core/rules/families/).
 */
const renames: [string, string, string, string | undefined, string][] = [
  ['NAN', '{alias}.nan', '2.0', undefined, NUMPY_2_MIGRATION],
  ['NINF', '-{alias}.inf', '2.0', 'numpy-NINF-removed', NUMPY_2_MIGRATION],
  ['product', '{alias}.prod', '2.0', 'numpy-product-cumproduct', NUMPY_2_MIGRATION],
  ['cumproduct', '{alias}.cumprod', '2.0', 'numpy-product-cumproduct', NUMPY_2_MIGRATION],
  ['rank', '{alias}.ndim', '1.18', 'numpy-rank', notes('1.18')],
  ['bool8', '{alias}.bool_', '2.0', 'numpy-zero-suffix-aliases', NUMPY_2_NOTES],
  ['int0', '{alias}.intp', '2.0', 'numpy-zero-suffix-aliases', NUMPY_2_NOTES],
  ['uint0', '{alias}.uintp', '2.0', 'numpy-zero-suffix-aliases', NUMPY_2_NOTES],
  ['object0', '{alias}.object_', '2.0', 'numpy-zero-suffix-aliases', NUMPY_2_NOTES],
  ['str0', '{alias}.str_', '2.0', 'numpy-zero-suffix-aliases', NUMPY_2_NOTES],
  ['bytes0', '{alias}.bytes_', '2.0', 'numpy-zero-suffix-aliases', NUMPY_2_NOTES],
  ['void0', '{alias}.void', '2.0', 'numpy-zero-suffix-aliases', NUMPY_2_NOTES]
];

const renamedNames: IRule[] = renames.map(([name, replacement, version, catalogId, source]) =>
  renamedName({
    id: `numpy-${name}-removed`,
    fact: {
      library: 'numpy',
      version,
      message: `np.${name} was removed in NumPy ${version}; use ${replacement.replace('{alias}', 'np')}.`,
      source,
      catalogId
    },
    // NumPy 2 explains most removals itself; others give the plain AttributeError.
    trigger: new RegExp(`\`np\\.${name}\` was removed in the NumPy 2\\.0 release|module 'numpy' has no attribute '${name}'`),
    qualified: `numpy.${name}`,
    replacement
  })
);

/** `np.in1d(a, b)` -> `np.isin(a, b).ravel()` (in1d always flattened; isin keeps the shape of `a`). */
const in1d = customRule({
  id: 'numpy-in1d-removed',
  category: 'removed-api',
  fact: { library: 'numpy', version: '2.4', message: 'np.in1d was removed in NumPy 2.4; use np.isin(a, b).ravel().', source: notes('2.4'), catalogId: 'numpy-in1d' },
  trigger: /module 'numpy' has no attribute 'in1d'/,
  static: true,
  fix: ({ source }) =>
    numpyCalls(source, 'in1d').flatMap(call => {
      const module = moduleOf(source, call);
      return module ? [replace(source.callee(call)!, `${module}.isin`), insertAt(call.to, '.ravel()')] : [];
    })
});

/** `np.asfarray(x)` -> `np.asarray(x, dtype=float)` (asfarray always converted to float). */
const asfarray = customRule({
  id: 'numpy-asfarray-removed',
  category: 'removed-api',
  fact: { library: 'numpy', version: '2.0', message: 'np.asfarray was removed in NumPy 2.0; use np.asarray(x, dtype=float).', source: NUMPY_2_MIGRATION, catalogId: 'numpy-asfarray-removed' },
  trigger: /`np\.asfarray` was removed in the NumPy 2\.0 release/,
  static: true,
  fix: ({ source }) =>
    numpyCalls(source, 'asfarray').flatMap(call => {
      const module = moduleOf(source, call);
      const args = source.callArguments(call);
      if (!module || args.length === 0 || args.some(arg => arg.star)) {
        return [];
      }
      const edits = [replace(source.callee(call)!, `${module}.asarray`)];
      if (args.length === 1) {
        edits.push(appendArgument(source, call, 'dtype=float'));
      }
      return edits;
    })
});

/** `np.asscalar(a)` -> `a.item()`. */
const asscalar = customRule({
  id: 'numpy-asscalar',
  category: 'removed-api',
  fact: { library: 'numpy', version: '1.23', message: 'np.asscalar was removed in NumPy 1.23; use a.item().', source: notes('1.23'), catalogId: 'numpy-asscalar' },
  trigger: /module 'numpy' has no attribute 'asscalar'/,
  static: true,
  fix: ({ source }) =>
    numpyCalls(source, 'asscalar').flatMap(call => {
      const args = source.callArguments(call);
      if (args.length !== 1 || args[0].name || args[0].star) {
        return [];
      }
      const value = args[0].value;
      const simple = ['VariableName', 'MemberExpression', 'CallExpression', 'ParenthesizedExpression'].includes(value.name);
      const text = source.textOf(value);
      return [replace(call, `${simple ? text : `(${text})`}.item()`)];
    })
});

/** `np.msort(a)` -> `np.sort(a, axis=0)`. */
const msort = customRule({
  id: 'numpy-msort',
  category: 'removed-api',
  fact: { library: 'numpy', version: '2.0', message: 'np.msort was removed in NumPy 2.0; use np.sort(a, axis=0).', source: NUMPY_2_NOTES, catalogId: 'numpy-msort' },
  trigger: /module 'numpy' has no attribute 'msort'/,
  static: true,
  fix: ({ source }) =>
    numpyCalls(source, 'msort').flatMap(call => {
      const module = moduleOf(source, call);
      const args = source.callArguments(call);
      return module && args.length === 1 && !args[0].name && !args[0].star
        ? [replace(source.callee(call)!, `${module}.sort`), appendArgument(source, call, 'axis=0')]
        : [];
    })
});

/**
 * `np.array(x, copy=False)` -> `np.asarray(x)`: copy=False means "never
 * copy" in NumPy 2 and raises when a copy is needed; asarray copies only
 * then, which is what copy=False did in 1.x.
 */
const copyFalse = customRule({
  id: 'numpy-copy-false',
  category: 'behavior-change',
  fact: {
    library: 'numpy',
    version: '2.0',
    message: 'NumPy 2.0 made np.array(x, copy=False) raise when a copy is needed; use np.asarray(x).',
    source: NUMPY_2_MIGRATION,
    catalogId: 'numpy-copy-false'
  },
  trigger: /Unable to avoid copy while creating an array as requested/,
  static: true,
  fix: ({ source }) =>
    numpyCalls(source, 'array').flatMap(call => {
      const module = moduleOf(source, call);
      const args = source.callArguments(call);
      const copy = args.find(arg => arg.name === 'copy');
      const allowed = ['copy', 'dtype', 'order'];
      const positional = args.filter(arg => !arg.name);
      if (!module || !copy || source.textOf(copy.value) !== 'False' || args.some(arg => arg.star) || positional.length > 2 || args.some(arg => arg.name && !allowed.includes(arg.name))) {
        return [];
      }
      const kept = args.filter(arg => arg.name !== 'copy').map(arg => source.textOf(arg.node));
      return [replace(call, `${module}.asarray(${kept.join(', ')})`)];
    })
});

/** `np.array([[1, 2], [3]])` -> `np.array([[1, 2], [3]], dtype=object)` on the failing line. */
const raggedArray = customRule({
  id: 'numpy-ragged-array',
  category: 'behavior-change',
  fact: {
    library: 'numpy',
    version: '1.24',
    message: 'Since NumPy 1.24 np.array of ragged nested sequences raises; pass dtype=object to keep the old object array.',
    source: NUMPY_124,
    catalogId: 'numpy-ragged-array'
  },
  trigger: /inhomogeneous shape/,
  static: false,
  fix: ({ source, error }) =>
    onCulpritLines(
      source,
      error,
      numpyCalls(source, 'array', 'asarray').filter(call => {
        const args = source.callArguments(call);
        return args.length === 1 && !args[0].name && !args[0].star;
      })
    ).map(call => appendArgument(source, call, 'dtype=object'))
});

/** `arr.tostring()` -> `arr.tobytes()`. */
const tostring = customRule({
  id: 'numpy-tostring',
  category: 'removed-api',
  fact: { library: 'numpy', version: '2.3', message: 'ndarray.tostring was removed in NumPy 2.3; use tobytes().', source: notes('2.3'), catalogId: 'numpy-tostring' },
  trigger: /'numpy\.ndarray' object has no attribute 'tostring'/,
  // ElementTree and others have tostring() too: only the error proves an array.
  static: false,
  fix: ({ source, error }) =>
    onCulpritLines(source, error, source.methodCalls('tostring'))
      .filter(call => source.callArguments(call).length === 0)
      .map(call => replace(source.callee(call)!.lastChild!, 'tobytes'))
});

/** `arr.ptp()` -> `np.ptp(arr)`. */
const ptp = customRule({
  id: 'numpy-ndarray-ptp-newbyteorder',
  category: 'removed-api',
  fact: { library: 'numpy', version: '2.0', message: 'ndarray.ptp was removed in NumPy 2.0; use np.ptp(arr).', source: NUMPY_2_MIGRATION, catalogId: 'numpy-ndarray-ptp-newbyteorder' },
  trigger: /'numpy\.ndarray' object has no attribute 'ptp'/,
  static: false,
  fix: ({ source, error }) => {
    const calls = onCulpritLines(source, error, source.methodCalls('ptp'));
    if (calls.length === 0) {
      return [];
    }
    const numpy = importedName(source, 'numpy', 'np');
    return [
      ...numpy.edits,
      ...calls.map(call => {
        const object = source.textOf(source.callee(call)!.firstChild!);
        const args = source.callArguments(call).map(arg => source.textOf(arg.node));
        return replace(call, `${numpy.name}.ptp(${[object, ...args].join(', ')})`);
      })
    ];
  }
});

const percentileInterpolation = renamedKeyword({
  id: 'numpy-percentile-interpolation',
  fact: {
    library: 'numpy',
    version: '2.4',
    message: "The interpolation= keyword of np.percentile/np.quantile was removed in NumPy 2.4; use method=.",
    source: notes('2.4'),
    catalogId: 'numpy-percentile-interpolation'
  },
  trigger: /unexpected keyword argument 'interpolation'/,
  calls: calleeIn('numpy', ['percentile', 'quantile', 'nanpercentile', 'nanquantile']),
  from: 'interpolation',
  to: 'method'
});

const reshapeNewshape = renamedKeyword({
  id: 'numpy-reshape-newshape',
  fact: {
    library: 'numpy',
    version: '2.4',
    message: 'The newshape= keyword of np.reshape was removed in NumPy 2.4; use shape= (or pass it positionally).',
    source: notes('2.4'),
    catalogId: 'numpy-reshape-newshape'
  },
  trigger: /reshape\(\) got an unexpected keyword argument 'newshape'/,
  calls: calleeIn('numpy', ['reshape']),
  from: 'newshape',
  to: 'shape'
});

// ---------------------------------------------------------------------------------------------
// Array shapes: size-1 arrays as scalars, 1-D inputs to estimators
// ---------------------------------------------------------------------------------------------

/** A number literal, possibly negated (`3`, `-0.5`). */
function isNumberLiteral(source: PythonSource, node: SyntaxNode): boolean {
  return node.name === 'Number' || (node.name === 'UnaryExpression' && /^[-+]\s*[\d.]/.test(source.textOf(node)) && node.lastChild?.name === 'Number');
}

/** Matplotlib calls whose leading arguments are one position each (`text(x, y, s)`, `arrow(x, y, dx, dy)`). */
const SCALAR_POSITIONS: Record<string, number> = { text: 2, arrow: 4, axvline: 1, axhline: 1, annotate: 0 };

/**
 * `float(a)` with `a` of shape (1,) -> `float(np.asarray(a).item())`: NumPy 2.4
 * (deprecated since 1.25) converts only 0-d arrays to Python scalars. On the
 * failing line when the traceback names one; when the conversion happens
 * inside Matplotlib (a text or arrow position drawn later), the positions of
 * the cell's text/arrow/axvline/axhline/annotate calls become scalars.
 */
const arrayToScalar = customRule({
  id: 'numpy-array-to-scalar',
  category: 'behavior-change',
  fact: {
    library: 'numpy',
    version: '2.4',
    message: 'NumPy 2.4 (deprecated since 1.25) converts only 0-d arrays to Python scalars: float()/int() of a one-element array like predict(x)[0] raises; take the element with .item().',
    source: notes('2.4'),
    catalogId: 'numpy-array-to-scalar'
  },
  trigger: /only 0-dimensional arrays can be converted to Python scalars/,
  static: false,
  fix: ({ source, error }) => {
    const numpy = importedName(source, 'numpy', 'np');
    const lines = culpritLines(error);
    const conversions = lines
      ? onCulpritLines(
          source,
          error,
          source.findAll('CallExpression').filter(call => {
            const callee = source.callee(call);
            const args = source.callArguments(call);
            return (
              callee?.name === 'VariableName' &&
              /^(float|int|complex)$/.test(source.textOf(callee)) &&
              args.length === 1 &&
              !args[0].name &&
              !args[0].star &&
              !isNumberLiteral(source, args[0].value) &&
              args[0].value.name !== 'String' &&
              !/\.item\(\)$/.test(source.textOf(args[0].value))
            );
          })
        )
      : [];
    const edits: IEdit[] = conversions.map(call => {
      const value = source.callArguments(call)[0].value;
      return replace(value, `${numpy.name}.asarray(${source.textOf(value)}).item()`);
    });
    const traceback = (error?.traceback ?? []).join('\n');
    if (edits.length === 0 && /matplotlib/.test(traceback)) {
      // Drawn later (at show/savefig): every position given to the cell's text-like calls.
      for (const call of source.findAll('CallExpression')) {
        const callee = source.callee(call);
        const name = callee?.name === 'MemberExpression' ? source.textOf(callee.lastChild!) : '';
        if (!(name in SCALAR_POSITIONS) || source.callArguments(call).some(arg => arg.star)) {
          continue;
        }
        const args = source.callArguments(call);
        const positions: SyntaxNode[] = [];
        if (name === 'annotate') {
          for (const arg of args.filter(a => a.name === 'xy' || a.name === 'xytext' || (!a.name && args.indexOf(a) > 0 && args.indexOf(a) < 3))) {
            if (arg.value.name === 'TupleExpression' || arg.value.name === 'ArrayExpression') {
              positions.push(...childExpressions(arg.value));
            }
          }
        } else {
          const keywords = name === 'axvline' ? ['x'] : name === 'axhline' ? ['y'] : name === 'text' ? ['x', 'y'] : ['x', 'y', 'dx', 'dy'];
          args.forEach((arg, index) => {
            if ((!arg.name && index < SCALAR_POSITIONS[name]) || (arg.name && keywords.includes(arg.name))) {
              positions.push(arg.value);
            }
          });
        }
        for (const position of positions) {
          if (!isNumberLiteral(source, position) && !/\.item\(\)$/.test(source.textOf(position))) {
            edits.push(replace(position, `${numpy.name}.ravel(${source.textOf(position)})[0]`));
          }
        }
      }
    }
    return edits.length > 0 ? [...numpy.edits, ...edits] : [];
  }
});

/** The element expressions of a tuple or list literal. */
function childExpressions(node: SyntaxNode): SyntaxNode[] {
  const items: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (!/^[[\](),]$/.test(child.name)) {
      items.push(child);
    }
  }
  return items;
}

const ESTIMATOR_INPUT_METHODS = ['predict', 'predict_proba', 'predict_log_proba', 'decision_function', 'transform', 'score_samples', 'kneighbors'];

/**
 * `model.predict(5)` -> `model.predict([[5]])`, `model.predict([1, 2])` ->
 * `model.predict([[1, 2]])`, `model.predict(x)` -> `model.predict(np.atleast_2d(x))`:
 * scikit-learn up to 0.18 read a scalar or 1-D X as one sample (with a
 * deprecation warning since 0.17); 0.19 refuses it. Only on the failing line.
 */
const estimatorInput2d = customRule({
  id: 'sklearn-1d-input-as-sample',
  category: 'signature-change',
  fact: {
    library: 'scikit-learn',
    version: '0.19',
    message: 'Since scikit-learn 0.19 predict/transform refuse a scalar or 1-D X (0.17-0.18 read it as one sample, with a deprecation warning); pass a 2-D array, one row per sample.',
    source: 'https://scikit-learn.org/stable/whats_new/v0.17.html'
  },
  trigger: /Expected 2D array, got (scalar|1D) array instead/,
  static: false,
  fix: ({ source, error }) => {
    const calls = onCulpritLines(
      source,
      error,
      ESTIMATOR_INPUT_METHODS.flatMap(method => source.methodCalls(method))
    ).filter(call => {
      const args = source.callArguments(call);
      const positional = args.filter(arg => !arg.name && !arg.star);
      return positional.length === 1 && args.every(arg => !arg.star) && args.indexOf(positional[0]) === 0;
    });
    if (calls.length === 0) {
      return [];
    }
    const numpy = importedName(source, 'numpy', 'np');
    let usesNumpy = false;
    const edits: IEdit[] = [];
    for (const call of calls) {
      const value = source.callArguments(call)[0].value;
      if (isNumberLiteral(source, value)) {
        edits.push(replace(value, `[[${source.textOf(value)}]]`));
      } else if (value.name === 'ArrayExpression' && !childExpressions(value).some(item => /^(ArrayExpression|TupleExpression)$/.test(item.name))) {
        edits.push(replace(value, `[${source.textOf(value)}]`));
      } else if (value.name !== 'ArrayExpression' && !/atleast_2d|reshape/.test(source.textOf(value))) {
        usesNumpy = true;
        edits.push(replace(value, `${numpy.name}.atleast_2d(${source.textOf(value)})`));
      }
    }
    return usesNumpy ? [...numpy.edits, ...edits] : edits;
  }
});

export const numpyRules: IRule[] = [
  ...builtinAliases,
  ...renamedNames,
  in1d,
  asfarray,
  asscalar,
  msort,
  copyFalse,
  raggedArray,
  tostring,
  ptp,
  percentileInterpolation,
  reshapeNewshape,
  arrayToScalar,
  estimatorInput2d
];
