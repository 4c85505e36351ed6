/**
 * A small knowledge base in the committed schema, for the family specs: one
 * fact per kind and error shape, real API changes of today's stack, some
 * validated (they rewrite) and some not (they advise).
 */
import type { IKbFact, IKbFile } from '../../src/core/rules/kb/types';

type Fixture = Omit<IKbFact, 'id' | 'origin' | 'source'> & Partial<Pick<IKbFact, 'origin' | 'source'>>;

function fact(f: Fixture): IKbFact {
  const id = [f.library, f.kind, f.old, f.param, f.value].filter(part => part !== undefined).join(':');
  return { origin: 'warning', source: `${f.library} ${f.deprecatedIn ?? '0.0'}.0 fixture.py:1`, ...f, id };
}

export const FIXTURE_FACTS: IKbFact[] = [
  fact({ library: 'numpy', kind: 'attribute-renamed', old: 'numpy.product', new: 'numpy.prod', deprecatedIn: '1.25', removedIn: '2.0', message: '`product` is deprecated as of NumPy 1.25.0, and will be removed in NumPy 2.0. Please use `prod` instead.', validated: true }),
  fact({ library: 'numpy', kind: 'attribute-renamed', old: 'numpy.float', new: 'float', deprecatedIn: '1.20', removedIn: '1.24', message: '`np.float` is a deprecated alias for the builtin `float`. To silence this warning, use `float` by itself.', origin: 'table', validated: true }),
  fact({ library: 'numpy', kind: 'attribute-renamed', old: 'numpy.cumproduct', new: 'numpy.cumprod', deprecatedIn: '1.25', removedIn: '2.0', message: '`cumproduct` is deprecated as of NumPy 1.25.0. Please use `cumprod` instead.', validated: true }),
  fact({ library: 'pandas', kind: 'attribute-renamed', old: 'pandas.DataFrame.as_matrix', new: 'pandas.DataFrame.to_numpy', deprecatedIn: '0.23', removedIn: '1.0', message: 'Method .as_matrix will be removed in a future version. Use .values instead.', validated: true }),
  fact({ library: 'pandas', kind: 'attribute-renamed', old: 'pandas.scatter_matrix', new: 'pandas.plotting.scatter_matrix', deprecatedIn: '0.20', removedIn: '1.0', message: "'pandas.scatter_matrix' is deprecated, use 'pandas.plotting.scatter_matrix' instead", validated: true }),
  fact({ library: 'scipy', kind: 'name-moved', old: 'scipy.misc.logsumexp', new: 'scipy.special.logsumexp', deprecatedIn: '0.19', removedIn: '1.3', message: 'scipy.misc.logsumexp is deprecated; use scipy.special.logsumexp instead', validated: true }),
  fact({ library: 'pandas', kind: 'attribute-renamed', old: 'pandas.Series.valid', new: 'pandas.Series.dropna', deprecatedIn: '0.23', removedIn: '1.0', message: 'Method .valid will be removed in a future version. Use .dropna instead.', validated: false }),
  fact({ library: 'pandas', kind: 'attribute-removed', old: 'pandas.DataFrame.append', deprecatedIn: '1.4', removedIn: '2.0', message: 'The frame.append method is deprecated and will be removed from pandas in a future version. Use pandas.concat instead.', validated: true }),
  fact({ library: 'numpy', kind: 'keyword-renamed', old: 'numpy.percentile', param: 'interpolation', newParam: 'method', deprecatedIn: '1.22', message: 'the `interpolation=` argument to percentile was renamed to `method=`', validated: true }),
  fact({ library: 'scikit-learn', kind: 'keyword-renamed', old: 'sklearn.manifold.TSNE', param: 'n_iter', newParam: 'max_iter', deprecatedIn: '1.5', removedIn: '1.7', message: "'n_iter' was renamed to 'max_iter' in version 1.5 and will be removed in 1.7.", validated: true }),
  fact({ library: 'pandas', kind: 'keyword-renamed', old: 'pandas.DataFrame.to_csv', param: 'line_terminator', newParam: 'lineterminator', deprecatedIn: '1.5', removedIn: '2.0', message: "the 'line_terminator'' keyword is deprecated, use 'lineterminator' instead.", validated: true }),
  fact({ library: 'scikit-learn', kind: 'keyword-removed', old: 'sklearn.ensemble.RandomForestClassifier', param: 'min_impurity_split', deprecatedIn: '0.19', removedIn: '1.0', message: "The min_impurity_split parameter is deprecated. Its default value has changed from 1e-7 to 0 in version 0.23, and it will be removed in 1.0 (renaming of 0.25). Use the min_impurity_decrease parameter instead.", validated: true }),
  fact({ library: 'pandas', kind: 'keyword-removed', old: 'pandas.read_csv', param: 'squeeze', deprecatedIn: '1.4', removedIn: '2.0', message: "The squeeze argument has been deprecated and will be removed in a future version. Append .squeeze(\"columns\") to the call to squeeze.", validated: true }),
  fact({ library: 'scikit-learn', kind: 'keyword-removed', old: 'sklearn.linear_model.LogisticRegression', param: 'multi_class', deprecatedIn: '1.5', removedIn: '1.8', message: "'multi_class' was deprecated in version 1.5 and will be removed in 1.8. From then on, it will always use 'multinomial'. Leave it to its default value to avoid this warning. It has no effect with the lbfgs solver.", validated: true }),
  fact({ library: 'pandas', kind: 'positional-to-keyword', old: 'pandas.DataFrame.drop', param: 'labels', deprecatedIn: '1.3', removedIn: '2.0', message: "In a future version of pandas all arguments of DataFrame.drop except for the argument 'labels' will be keyword-only.", validated: true }),
  fact({ library: 'scikit-learn', kind: 'module-moved', old: 'sklearn.cross_validation', new: 'sklearn.model_selection', deprecatedIn: '0.18', removedIn: '0.20', message: 'This module was deprecated in version 0.18 in favor of the model_selection module into which all the refactored classes and functions are moved.', validated: true }),
  fact({ library: 'scikit-learn', kind: 'module-moved', old: 'sklearn.externals.joblib', new: 'joblib', deprecatedIn: '0.21', removedIn: '0.23', message: 'sklearn.externals.joblib is deprecated in 0.21 and will be removed in 0.23. Please import this functionality directly from joblib.', validated: true }),
  fact({ library: 'pandas', kind: 'option-renamed', old: 'pandas', param: 'display.line_width', newParam: 'display.width', deprecatedIn: '0.15', removedIn: '0.20', message: 'line_width has been deprecated, use display.width instead', validated: true }),
  fact({ library: 'pandas', kind: 'option-removed', old: 'pandas', param: 'display.height', deprecatedIn: '0.15', removedIn: '0.20', message: 'display.height has been deprecated, use display.max_rows instead', validated: true }),
  fact({ library: 'matplotlib', kind: 'option-renamed', old: 'matplotlib', param: 'mathtext.fallback_to_cm', newParam: 'mathtext.fallback', deprecatedIn: '3.3', removedIn: '3.5', message: 'Support for setting the rcParam mathtext.fallback_to_cm is deprecated; use mathtext.fallback instead.', validated: true }),
  fact({ library: 'matplotlib', kind: 'option-removed', old: 'matplotlib', param: 'axes.color_cycle', deprecatedIn: '1.5', removedIn: '2.0', message: 'axes.color_cycle is deprecated and replaced with axes.prop_cycle; please use the latter.', validated: true }),
  fact({ library: 'scikit-learn', kind: 'value-renamed', old: 'sklearn.tree.DecisionTreeRegressor', param: 'criterion', value: "'mse'", newValue: "'squared_error'", deprecatedIn: '1.0', removedIn: '1.2', message: "Criterion 'mse' was deprecated in v1.0 and will be removed in version 1.2. Use `criterion='squared_error'` which is equivalent.", validated: true })
];

export const FIXTURE_KB: IKbFile = {
  schema: 1,
  minedAt: '2026-12-02',
  validatedAgainst: ['pandas==3.1.1', 'numpy==2.4.6', 'scikit-learn==1.9.1', 'matplotlib==3.11.2', 'scipy==1.17'],
  facts: FIXTURE_FACTS
};
