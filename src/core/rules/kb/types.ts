/**
 * The mined API-change knowledge base: facts the libraries themselves state
 * (deprecation warnings and helpers, shipped rename tables, the difference
 * between two releases' public API), validated against today's stack.
 *
 * Produced by tools/kb/ (Python, run by hand), committed as data in
 * src/core/rules/kb/facts.json, read by the general rule families.
 */

/** What changed. Names are fully qualified dotted paths as the user imports them. */
export type KbKind =
  /** `import old` / `from old import x` fails: the module moved (`new` is the module) or is gone. */
  | 'module-moved'
  /** `from module import name` fails: the name lives elsewhere now (`new` is its full path). */
  | 'name-moved'
  /** A module attribute, class, function, method or property renamed (`new` is its full path). */
  | 'attribute-renamed'
  /** Removed with no mechanical replacement: advice only (`message` says what to do). */
  | 'attribute-removed'
  /** A keyword argument of `old` (a callable) renamed from `param` to `newParam`. */
  | 'keyword-renamed'
  /** A keyword argument of `old` removed (`message` says what replaces it, if anything). */
  | 'keyword-removed'
  /** Parameters of `old` after `param` became keyword-only. */
  | 'positional-to-keyword'
  /** An option key (pandas/matplotlib rcParams) renamed `param` -> `newParam`, or removed. */
  | 'option-renamed'
  | 'option-removed'
  /** A value of keyword `param` of `old` renamed `value` -> `newValue` (criterion='mse'). */
  | 'value-renamed';

/** How the fact was found. */
export type KbOrigin = 'warning' | 'helper' | 'api-diff' | 'table' | 'catalog';

export interface IKbFact {
  /** Stable: `<library>:<kind>:<old>[:<param>[:<value>]]`. */
  id: string;
  /** PyPI distribution name: pandas, numpy, scikit-learn, scipy, matplotlib, seaborn, statsmodels, ipython, xgboost, lightgbm, keras, tensorflow. */
  library: string;
  kind: KbKind;
  /**
   * Fully qualified path of what the old code used: a module (`sklearn.cross_validation`),
   * a name (`pandas.DataFrame.as_matrix`, `numpy.float`), or for keyword/value/positional
   * kinds the callable (`pandas.read_csv`, `sklearn.ensemble.RandomForestRegressor`).
   * For option kinds: the setter's module (`pandas`, `matplotlib`).
   */
  old: string;
  /** Fully qualified replacement, when there is one. */
  new?: string;
  /** Keyword or option key for the keyword/option/value kinds. */
  param?: string;
  newParam?: string;
  /** For value-renamed: the old and new literal values (as Python source, e.g. `'mse'`). */
  value?: string;
  newValue?: string;
  /** First release that warned, and first release without the old API (PEP 440 strings). */
  deprecatedIn?: string;
  removedIn?: string;
  /** The library's own words (warning text, docstring note), trimmed. */
  message?: string;
  /** Where it was read: `<library> <release> <file>:<line>`, or a URL for catalog facts. */
  source: string;
  origin: KbOrigin;
  /**
   * True when introspection in today's venv confirmed the replacement (it imports, the
   * attribute exists, the keyword is in the signature) and the old one is gone or warns.
   * Only validated facts are applied as rewrites; the others are shown as advice.
   */
  validated: boolean;
}

/** The committed file: a version, when and against what it was mined, and the facts. */
export interface IKbFile {
  /** Schema version of this file; bump on an incompatible change. */
  schema: 1;
  /** ISO date of the mining run. */
  minedAt: string;
  /** `library==version` of today's stack the facts were validated against. */
  validatedAgainst: string[];
  facts: IKbFact[];
}
