/**
 * Names a notebook uses without importing them: its author's kernel had the
 * import from a cell run earlier, deleted, or run out of order. Only the
 * conventional aliases and the submodules of packages are recognised, where
 * the name alone says what to import.
 */
import { applyEdits } from '../python/edit';
import { insertAtTop } from '../python/imports';
import { PythonSource } from '../python/syntax';

/** Conventional aliases: the name says the module. */
const ALIASES: Record<string, string> = {
  np: 'import numpy as np',
  pd: 'import pandas as pd',
  plt: 'import matplotlib.pyplot as plt',
  mpl: 'import matplotlib as mpl',
  sns: 'import seaborn as sns',
  sm: 'import statsmodels.api as sm',
  smf: 'import statsmodels.formula.api as smf',
  xgb: 'import xgboost as xgb',
  lgb: 'import lightgbm as lgb'
};

/** Submodules that notebooks use as `pkg.sub` names after `from pkg import sub`. */
const SUBMODULES: Record<string, string[]> = {
  sklearn: [
    'cluster',
    'datasets',
    'decomposition',
    'ensemble',
    'feature_selection',
    'impute',
    'linear_model',
    'manifold',
    'metrics',
    'model_selection',
    'naive_bayes',
    'neighbors',
    'neural_network',
    'pipeline',
    'preprocessing',
    'svm',
    'tree'
  ],
  scipy: ['cluster', 'fft', 'integrate', 'interpolate', 'linalg', 'ndimage', 'optimize', 'signal', 'sparse', 'spatial', 'special', 'stats']
};

export interface IImportFix {
  source: string;
  reason: string;
}

/** The import a NameError for `name` asks for, added first in `text` (after `from __future__` imports); null when the name says nothing. */
export function fixMissingImport(text: string, name: string, imported: ReadonlyMap<string, string>): IImportFix | null {
  let statement = ALIASES[name];
  if (!statement) {
    // A submodule of a package the notebook already uses: `neighbors` beside `from sklearn.neighbors import ...`.
    const packages = new Set([...imported.values()].map(target => target.split('.')[0]));
    const owner = Object.keys(SUBMODULES).find(pkg => packages.has(pkg) && SUBMODULES[pkg].includes(name));
    statement = owner ? `from ${owner} import ${name}` : '';
  }
  const source = new PythonSource(text);
  if (!statement || source.imports.has(name)) {
    return null;
  }
  return {
    source: applyEdits(text, [insertAtTop(source, `${statement}\n`)]),
    reason: `${name} is used but never imported in the notebook (its author's kernel had it from elsewhere): ${statement}.`
  };
}
