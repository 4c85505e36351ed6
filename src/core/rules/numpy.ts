/** NumPy 1.20-2.0 removals: type aliases, constants, functions. */
import { renamedName } from './builders';
import type { IRule } from './types';

const NUMPY_2_MIGRATION = 'https://numpy.org/devdocs/numpy_2_0_migration_guide.html';
const NUMPY_124_ALIASES = 'https://numpy.org/doc/stable/release/1.24.0-notes.html#expired-deprecations';

/** `np.float` and friends: deprecated in 1.20, removed in 1.24. */
const builtinAliases: IRule[] = ['float', 'int', 'bool', 'object', 'str', 'complex', 'long', 'unicode'].map(alias => {
  const builtin = { long: 'int', unicode: 'str' }[alias] ?? alias;
  return renamedName({
    id: `numpy-alias-${alias}`,
    fact: {
      library: 'numpy',
      version: '1.24',
      message: `np.${alias} was removed in NumPy 1.24; use the builtin ${builtin}.`,
      source: NUMPY_124_ALIASES,
      catalogId: `numpy-alias-${alias}`
    },
    trigger: new RegExp(`module 'numpy' has no attribute '${alias}'`),
    qualified: `numpy.${alias}`,
    replacement: builtin
  });
});

/** NumPy 2.0 removed constants and scalar aliases. */
const numpy2Renames: [string, string, string][] = [
  ['NaN', '{alias}.nan', 'np.NaN'],
  ['NAN', '{alias}.nan', 'np.NAN'],
  ['Inf', '{alias}.inf', 'np.Inf'],
  ['Infinity', '{alias}.inf', 'np.Infinity'],
  ['infty', '{alias}.inf', 'np.infty'],
  ['PINF', '{alias}.inf', 'np.PINF'],
  ['NINF', '-{alias}.inf', 'np.NINF'],
  ['float_', '{alias}.float64', 'np.float_'],
  ['complex_', '{alias}.complex128', 'np.complex_'],
  ['string_', '{alias}.bytes_', 'np.string_'],
  ['unicode_', '{alias}.str_', 'np.unicode_'],
  ['product', '{alias}.prod', 'np.product'],
  ['cumproduct', '{alias}.cumprod', 'np.cumproduct'],
  ['sometrue', '{alias}.any', 'np.sometrue'],
  ['alltrue', '{alias}.all', 'np.alltrue'],
  ['in1d', '{alias}.isin', 'np.in1d'],
  ['row_stack', '{alias}.vstack', 'np.row_stack'],
  ['trapz', '{alias}.trapezoid', 'np.trapz'],
  ['asfarray', '{alias}.asarray', 'np.asfarray']
];

const numpy2: IRule[] = numpy2Renames.map(([name, replacement, shown]) =>
  renamedName({
    id: `numpy-${name.replace(/_$/, '_')}-removed`,
    fact: {
      library: 'numpy',
      version: '2.0',
      message: `${shown} was removed in NumPy 2.0; use ${replacement.replace('{alias}', 'np')}.`,
      source: NUMPY_2_MIGRATION
    },
    trigger: new RegExp(`\`?${name.replace(/_/g, '_')}\`? was removed in the NumPy 2\\.0 release|module 'numpy' has no attribute '${name}'`),
    qualified: `numpy.${name}`,
    replacement
  })
);

export const numpyRules: IRule[] = [...builtinAliases, ...numpy2];
