/** scikit-learn 0.19-1.9 removals, renames and signature changes. */
import type { SyntaxNode } from '@lezer/common';
import { appendArgument, calleeNamed, callsMatching, keywordArgument, removeArgument } from '../python/calls';
import { customRule, movedModule, renamedKeyword, renamedKeywordValue, renamedMethod } from './builders';
import { helperDefinition, importedFrom, importedName, rewriteFromImports } from '../python/imports';
import type { CallFilter } from '../python/calls';
import { replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import type { PythonSource } from '../python/syntax';
import type { IFact, IRule, IRuleError } from './types';
import { oldSplitter } from './protocols/splitters';

const WHATS_NEW = (version: string) => `https://scikit-learn.org/stable/whats_new/v${version}.html`;

function fact(catalogId: string, version: string, message: string, source = WHATS_NEW(version)): IFact {
  return { library: 'scikit-learn', version, message, source, catalogId };
}

/** The class or function a TypeError/ValueError message names (`KFold.__init__()`, `f1_score()`). */
function namedInError(error: IRuleError | undefined): string | undefined {
  const match = /\b(\w+)(?:\.__init__)?\(\) (?:takes|got)/.exec(error?.evalue ?? '') ??
    /parameter of (\w+) must be/.exec(error?.evalue ?? '');
  return match?.[1];
}

/** A callee from scikit-learn, or a bare name the error itself names. */
function sklearnCallee(names: string[], error?: IRuleError): CallFilter {
  const named = namedInError(error);
  return (qualified, dotted) => {
    const last = dotted.split('.').pop()!;
    if (!names.includes(last)) {
      return false;
    }
    return qualified.startsWith('sklearn.') || (named === last && !qualified.includes('.'));
  };
}

function unquote(text: string): string | undefined {
  const match = /^[rRuU]?(['"])(.*)\1$/.exec(text);
  return match ? match[2] : undefined;
}

// ---------------------------------------------------------------- modules

const gridSearch = movedModule({
  id: 'sklearn-grid_search-module',
  fact: fact('sklearn-grid_search-module', '0.20', 'sklearn.grid_search was removed in scikit-learn 0.20; GridSearchCV and friends live in sklearn.model_selection.'),
  trigger: /No module named 'sklearn\.grid_search'/,
  module: 'sklearn.grid_search',
  to: 'sklearn.model_selection'
});

const learningCurve = movedModule({
  id: 'sklearn-learning_curve-module',
  fact: fact('sklearn-learning_curve-module', '0.20', 'sklearn.learning_curve was removed in scikit-learn 0.20; learning_curve and validation_curve live in sklearn.model_selection.'),
  trigger: /No module named 'sklearn\.learning_curve'/,
  module: 'sklearn.learning_curve',
  to: 'sklearn.model_selection'
});

/** `from sklearn.externals import joblib` -> `import joblib` (same for six). */
function externals(name: 'joblib' | 'six', catalogId: string, message: string): IRule {
  const moved = movedModule({ id: catalogId, fact: {} as IFact, module: `sklearn.externals.${name}`, to: name });
  return customRule({
    id: catalogId,
    category: 'removed-api',
    fact: fact(catalogId, '0.23', message),
    trigger: new RegExp(`cannot import name '${name}' from 'sklearn\\.externals'|No module named 'sklearn\\.externals\\.${name}'`),
    static: true,
    fix: ({ source }) => {
      const edits: IEdit[] = moved.fix({ source });
      for (const statement of source.findAll('ImportStatement')) {
        const text = source.textOf(statement);
        const match = /^from\s+sklearn\.externals\s+import\s+([\s\S]+)$/.exec(text);
        if (!match) {
          continue;
        }
        const parts = match[1].replace(/[()\\\n]/g, ' ').split(',').map(part => part.trim()).filter(Boolean);
        const ours = parts.filter(part => part.split(/\s+/)[0] === name);
        if (ours.length === 0) {
          continue;
        }
        const rest = parts.filter(part => part.split(/\s+/)[0] !== name);
        const lines = [...ours.map(part => `import ${part}`), ...(rest.length ? [`from sklearn.externals import ${rest.join(', ')}`] : [])];
        edits.push(replace(statement, lines.join('\n' + source.indentAt(statement.from))));
      }
      return edits;
    }
  });
}

const externalsJoblib = externals(
  'joblib',
  'sklearn-externals-joblib',
  'sklearn.externals.joblib was removed in scikit-learn 0.23; import joblib directly.'
);
const externalsSix = externals(
  'six',
  'sklearn-externals-six',
  'sklearn.externals.six was removed in scikit-learn 0.23; import six directly (or drop the Python 2 compatibility code).'
);

/** `from sklearn.lda import LDA` -> `from sklearn.discriminant_analysis import LinearDiscriminantAnalysis as LDA`. */
const ldaQda = customRule({
  id: 'sklearn-lda-qda-modules',
  category: 'removed-api',
  fact: fact('sklearn-lda-qda-modules', '0.19', 'sklearn.lda and sklearn.qda were removed in scikit-learn 0.19; use sklearn.discriminant_analysis (LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis).'),
  trigger: /No module named 'sklearn\.(lda|qda)'/,
  static: true,
  fix: ({ source }) =>
    rewriteFromImports(
      source,
      module => module === 'sklearn.lda' || module === 'sklearn.qda',
      (name, alias) => {
        const full = { LDA: 'LinearDiscriminantAnalysis', QDA: 'QuadraticDiscriminantAnalysis' }[name];
        return full ? { module: 'sklearn.discriminant_analysis', part: `${full} as ${alias ?? name}` } : undefined;
      }
    )
});

/** Private module paths removed in 0.24 -> their public package. */
const PRIVATE_MODULES: Record<string, string> = {
  'sklearn.ensemble.forest': 'sklearn.ensemble',
  'sklearn.ensemble.gradient_boosting': 'sklearn.ensemble',
  'sklearn.ensemble.weight_boosting': 'sklearn.ensemble',
  'sklearn.ensemble.bagging': 'sklearn.ensemble',
  'sklearn.ensemble.voting': 'sklearn.ensemble',
  'sklearn.ensemble.iforest': 'sklearn.ensemble',
  'sklearn.tree.tree': 'sklearn.tree',
  'sklearn.tree.export': 'sklearn.tree',
  'sklearn.metrics.scorer': 'sklearn.metrics',
  'sklearn.metrics.classification': 'sklearn.metrics',
  'sklearn.metrics.regression': 'sklearn.metrics',
  'sklearn.metrics.ranking': 'sklearn.metrics',
  'sklearn.linear_model.logistic': 'sklearn.linear_model',
  'sklearn.linear_model.base': 'sklearn.linear_model',
  'sklearn.linear_model.ridge': 'sklearn.linear_model',
  'sklearn.linear_model.coordinate_descent': 'sklearn.linear_model',
  'sklearn.linear_model.stochastic_gradient': 'sklearn.linear_model',
  'sklearn.svm.classes': 'sklearn.svm',
  'sklearn.neighbors.classification': 'sklearn.neighbors',
  'sklearn.neighbors.regression': 'sklearn.neighbors',
  'sklearn.neighbors.base': 'sklearn.neighbors',
  'sklearn.preprocessing.data': 'sklearn.preprocessing',
  'sklearn.preprocessing.label': 'sklearn.preprocessing',
  'sklearn.cluster.k_means_': 'sklearn.cluster',
  'sklearn.decomposition.pca': 'sklearn.decomposition',
  'sklearn.naive_bayes.naive_bayes': 'sklearn.naive_bayes',
  'sklearn.feature_selection.univariate_selection': 'sklearn.feature_selection',
  'sklearn.datasets.samples_generator': 'sklearn.datasets',
  'sklearn.datasets.base': 'sklearn.datasets'
};

const privateModules = customRule({
  id: 'sklearn-private-module-paths',
  category: 'removed-api',
  fact: fact('sklearn-private-module-paths', '0.24', 'scikit-learn 0.24 removed the old private module paths (sklearn.ensemble.forest, sklearn.metrics.scorer, ...); import from the public package.'),
  trigger: new RegExp(
    `No module named '(${Object.keys(PRIVATE_MODULES)
      .map(module => module.replace(/\./g, '\\.'))
      .join('|')})'`
  ),
  static: true,
  fix: ({ source }) =>
    rewriteFromImports(
      source,
      module => module in PRIVATE_MODULES,
      (_name, _alias, module) => ({ module: PRIVATE_MODULES[module], part: `${_name}${_alias ? ` as ${_alias}` : ''}` })
    )
});

// ---------------------------------------------------------------- renamed classes

/** One name of a removed API and its successor. */
interface IRename {
  name: string;
  /** Module the successor is imported from. */
  to: string;
  toName: string;
  /** How a use is spelled, from the local name of the successor (`X.from_estimator`); default the name itself. */
  use?: (local: string) => string;
  /**
   * Rewrites each call's arguments; null when a call cannot be rewritten
   * safely (then the rule does nothing).
   */
  args?: (source: PythonSource, call: SyntaxNode) => IEdit[] | null;
}

/**
 * Names moved and renamed: the `from` import, bare uses of the imported name
 * and `module.Old` uses (which import the successor).
 */
function renamedNames(options: { id: string; fact: IFact; trigger: RegExp; from: string; renames: IRename[] }): IRule {
  return customRule({
    id: options.id,
    category: 'removed-api',
    fact: options.fact,
    trigger: options.trigger,
    static: true,
    fix: ({ source }) => {
      const byName = new Map(options.renames.map(rename => [rename.name, rename]));
      const edits: IEdit[] = [];
      /** Aliases kept by the import (`SimpleImputer as Imputer`): their uses stay as they are. */
      const keptAliases = new Set<string>();
      edits.push(
        ...rewriteFromImports(
          source,
          module => module === options.from,
          (name, alias) => {
            const rename = byName.get(name);
            if (!rename) {
              return undefined;
            }
            if (alias && !rename.use) {
              keptAliases.add(alias);
              return { module: rename.to, part: `${rename.toName} as ${alias}` };
            }
            return { module: rename.to, part: rename.toName };
          }
        )
      );
      const imports = new Map<string, { name: string; edits: IEdit[] }>();
      for (const node of source.findAll('VariableName', 'MemberExpression')) {
        if (node.parent?.name === 'ImportStatement') {
          continue;
        }
        const qualified = source.qualifiedName(node) ?? '';
        const rename = qualified.startsWith(options.from + '.') ? byName.get(qualified.slice(options.from.length + 1)) : undefined;
        if (!rename) {
          continue;
        }
        const call = node.parent?.name === 'CallExpression' && node.parent.firstChild?.from === node.from ? node.parent : null;
        if (call && rename.args) {
          const argEdits = rename.args(source, call);
          if (argEdits === null) {
            return [];
          }
          edits.push(...argEdits);
        }
        const dotted = source.dottedName(node)!;
        if (keptAliases.has(dotted)) {
          continue;
        }
        let local = rename.toName;
        if (node.name === 'MemberExpression' && rename.to === options.from) {
          local = `${dotted.split('.').slice(0, -1).join('.')}.${rename.toName}`;
        } else if (node.name === 'MemberExpression') {
          const imported = imports.get(rename.toName) ?? importedFrom(source, rename.to, rename.toName);
          imports.set(rename.toName, imported);
          local = imported.name;
        }
        edits.push(replace(node, rename.use ? rename.use(local) : local));
      }
      return [...edits, ...[...imports.values()].flatMap(imported => imported.edits)];
    }
  });
}

/** Turn the positional arguments of a call into keywords (names by position); null when one has no name. */
function positionalToKeywords(source: PythonSource, call: SyntaxNode, names: (string | undefined)[], keep = 0): IEdit[] | null {
  const edits: IEdit[] = [];
  const positional = source.callArguments(call).filter(arg => !arg.name && !arg.star);
  for (let index = keep; index < positional.length; index++) {
    const name = names[index];
    if (!name) {
      return null;
    }
    edits.push(replace(positional[index].node, `${name}=${source.textOf(positional[index].value)}`));
  }
  return edits;
}

const IMPUTER_ARGS = ['missing_values', 'strategy', 'axis', 'verbose', 'copy'];

const imputer = renamedNames({
  id: 'sklearn-Imputer',
  fact: fact('sklearn-Imputer', '0.22', "sklearn.preprocessing.Imputer was removed in scikit-learn 0.22; use sklearn.impute.SimpleImputer (missing_values=np.nan, no axis)."),
  trigger: /cannot import name 'Imputer'|has no attribute 'Imputer'/,
  from: 'sklearn.preprocessing',
  renames: [{ name: 'Imputer', to: 'sklearn.impute', toName: 'SimpleImputer', args: imputerArgs }]
});

/** Imputer's arguments for SimpleImputer: 'NaN' -> np.nan, axis=0 and verbose dropped, axis=1 refused. */
function imputerArgs(source: PythonSource, call: SyntaxNode): IEdit[] | null {
    let position = 0;
    const out: IEdit[] = [];
    for (const arg of source.callArguments(call)) {
      if (arg.star) {
        return null;
      }
      const name = arg.name ?? IMPUTER_ARGS[position++];
      if (!name) {
        return null;
      }
      const value = source.textOf(arg.value);
      if (name === 'axis') {
        if (value !== '0') {
          return null; // axis=1 imputed along rows: SimpleImputer cannot.
        }
        out.push(removeArgument(source, call, arg.node));
      } else if (name === 'verbose') {
        out.push(removeArgument(source, call, arg.node));
      } else if (name === 'missing_values' && unquote(value)?.toLowerCase() === 'nan') {
        const numpy = importedName(source, 'numpy', 'np');
        out.push(replace(arg.node, `missing_values=${numpy.name}.nan`), ...numpy.edits);
      } else if (!arg.name) {
        out.push(replace(arg.node, `${name}=${value}`));
      }
    }
    return out;
}

const randomizedPca = renamedNames({
  id: 'sklearn-RandomizedPCA',
  fact: fact('sklearn-RandomizedPCA', '0.20', "RandomizedPCA was removed in scikit-learn 0.20; use PCA(svd_solver='randomized')."),
  trigger: /cannot import name 'RandomizedPCA'|has no attribute 'RandomizedPCA'/,
  from: 'sklearn.decomposition',
  renames: [{ name: 'RandomizedPCA', to: 'sklearn.decomposition', toName: 'PCA', args: (source, call) => {
    const args = source.callArguments(call);
    const edits = positionalToKeywords(source, call, [undefined, 'copy', 'iterated_power', 'whiten', 'random_state'], 1);
    if (edits === null || args.some(arg => arg.star || arg.name === 'svd_solver')) {
      return edits;
    }
    return [...edits, appendArgument(source, call, "svd_solver='randomized'")];
  } }]
});

/** GMM -> GaussianMixture keeping GMM's defaults (covariance_type='diag'); other arguments are not safe to carry. */
const gmm = renamedNames({
  id: 'sklearn-mixture-GMM',
  fact: fact('sklearn-mixture-GMM', '0.20', "sklearn.mixture.GMM was removed in scikit-learn 0.20; use GaussianMixture (covariance_type='diag' keeps GMM's default, n_iter became max_iter)."),
  trigger: /cannot import name 'GMM'|has no attribute 'GMM'/,
  from: 'sklearn.mixture',
  renames: [{ name: 'GMM', to: 'sklearn.mixture', toName: 'GaussianMixture', args: (source, call) => {
    const args = source.callArguments(call);
    const edits = positionalToKeywords(source, call, [undefined, 'covariance_type', 'random_state'], 1);
    if (edits === null) {
      return null;
    }
    const allowed = ['n_components', 'covariance_type', 'random_state', 'n_iter', 'n_init', 'tol', 'verbose'];
    if (args.some(arg => arg.star || (arg.name && !allowed.includes(arg.name)))) {
      return null;
    }
    for (const arg of args) {
      if (arg.name === 'n_iter') {
        edits.push(replace(arg.node, `max_iter=${source.textOf(arg.value)}`));
      }
    }
    const positional = args.filter(arg => !arg.name);
    if (!args.some(arg => arg.name === 'covariance_type') && positional.length < 2) {
      edits.push(appendArgument(source, call, "covariance_type='diag'"));
    }
    return edits;
  } }]
});

/** CategoricalEncoder (0.20 dev only) -> OneHotEncoder / OrdinalEncoder by its `encoding`. */
const categoricalEncoder = customRule({
  id: 'sklearn-CategoricalEncoder',
  category: 'removed-api',
  fact: fact('sklearn-CategoricalEncoder', '0.20', "sklearn.preprocessing.CategoricalEncoder never shipped in a scikit-learn release (0.20 split it into OneHotEncoder and OrdinalEncoder)."),
  trigger: /cannot import name 'CategoricalEncoder'/,
  static: true,
  fix: ({ source }) => {
    const targets = new Set<string>();
    const edits: IEdit[] = [];
    for (const call of source.callsTo(qualified => qualified === 'sklearn.preprocessing.CategoricalEncoder')) {
      const callee = source.callee(call)!;
      if (callee.name !== 'VariableName') {
        return [];
      }
      const encoding = keywordArgument(source, call, 'encoding');
      const value = encoding ? unquote(source.textOf(encoding.value)) ?? null : 'onehot';
      if (source.callArguments(call).some(arg => !arg.name) || value === null) {
        return [];
      }
      const target = value === 'ordinal' ? 'OrdinalEncoder' : 'OneHotEncoder';
      targets.add(target);
      edits.push(replace(callee, target));
      if (encoding) {
        edits.push(
          value === 'onehot-dense' ? replace(encoding.node, 'sparse_output=False') : removeArgument(source, call, encoding.node)
        );
      }
    }
    edits.push(
      ...rewriteFromImports(
        source,
        module => module === 'sklearn.preprocessing',
        (name, alias) => (name === 'CategoricalEncoder' && !alias ? { module: 'sklearn.preprocessing', part: [...targets].join(', ') || 'OneHotEncoder' } : undefined)
      )
    );
    return edits;
  }
});

// ---------------------------------------------------------------- keywords

const oneHotSparse = renamedKeyword({
  id: 'sklearn-OneHotEncoder-sparse',
  fact: fact('sklearn-OneHotEncoder-sparse', '1.4', "OneHotEncoder's sparse= was renamed sparse_output= in scikit-learn 1.2 and removed in 1.4.", WHATS_NEW('1.2')),
  trigger: /unexpected keyword argument 'sparse'/,
  calls: calleeNamed('OneHotEncoder'),
  from: 'sparse',
  to: 'sparse_output'
});

/**
 * `OneHotEncoder(categorical_features=cols)` -> `ColumnTransformer([('onehot',
 * OneHotEncoder(), cols)], remainder='passthrough')`: encoded columns first,
 * the others after, as legacy mode did. Refused when n_values= is explicit or
 * the encoder's legacy attributes are read.
 */
const oneHotCategorical = customRule({
  id: 'sklearn-OneHotEncoder-categorical_features',
  category: 'signature-change',
  fact: fact('sklearn-OneHotEncoder-categorical_features', '0.22', "OneHotEncoder(categorical_features=...) was removed in scikit-learn 0.22; wrap the encoder in a ColumnTransformer over those columns.", 'https://github.com/scikit-learn/scikit-learn/commit/9ee164baa3c0de6678ff0ca61afe75a7e7d586ff'),
  trigger: /unexpected keyword argument '(categorical_features|n_values)'/,
  static: true,
  fix: ({ source }) => {
    if (source.memberAccesses('feature_indices_').length || source.memberAccesses('active_features_').length || source.memberAccesses('n_values_').length) {
      return [];
    }
    const edits: IEdit[] = [];
    let transformer: { name: string; edits: IEdit[] } | undefined;
    for (const call of callsMatching(source, calleeNamed('OneHotEncoder'))) {
      const args = source.callArguments(call);
      const features = args.find(arg => arg.name === 'categorical_features');
      if (!features) {
        continue;
      }
      const nValues = args.find(arg => arg.name === 'n_values');
      if ((nValues && unquote(source.textOf(nValues.value)) !== 'auto') || args.some(arg => !arg.name)) {
        return [];
      }
      const kept = args
        .filter(arg => arg !== features && arg !== nValues)
        .map(arg => (arg.name === 'sparse' ? `sparse_output=${source.textOf(arg.value)}` : source.textOf(arg.node)));
      const encoder = `${source.textOf(source.callee(call)!)}(${kept.join(', ')})`;
      const columns = source.textOf(features.value);
      if (unquote(columns) === 'all') {
        edits.push(replace(call, encoder));
        continue;
      }
      transformer ??= importedFrom(source, 'sklearn.compose', 'ColumnTransformer');
      edits.push(replace(call, `${transformer.name}([('onehot', ${encoder}, ${columns})], remainder='passthrough')`));
    }
    return transformer ? [...edits, ...transformer.edits] : edits;
  }
});

const getFeatureNames = renamedMethod({
  id: 'sklearn-get_feature_names',
  fact: fact('sklearn-get_feature_names', '1.2', 'get_feature_names() was removed in scikit-learn 1.2; use get_feature_names_out() (it returns an array, not a list).'),
  trigger: /has no attribute 'get_feature_names'/,
  method: 'get_feature_names',
  to: 'get_feature_names_out',
  static: false
});

const TREE_ESTIMATORS = /^(RandomForest|ExtraTrees|DecisionTree|ExtraTree|GradientBoosting)(Classifier|Regressor)$/;

/** What 'auto' meant: sqrt for classifiers, all features for regressors. */
function autoMeaning(name: string): string | undefined {
  const match = TREE_ESTIMATORS.exec(name);
  return match ? (match[2] === 'Classifier' ? "'sqrt'" : '1.0') : undefined;
}

const maxFeaturesAuto = customRule({
  id: 'sklearn-max_features-auto',
  category: 'signature-change',
  fact: fact('sklearn-max_features-auto', '1.3', "max_features='auto' was removed from scikit-learn's tree ensembles in 1.3; it meant 'sqrt' for classifiers and 1.0 (all features) for regressors."),
  trigger: /The 'max_features' parameter of \w+ must be|Got 'auto' instead/,
  static: true,
  fix: ({ source, error }) => {
    const edits: IEdit[] = [];
    const kinds = new Set<string>();
    for (const call of source.findAll('CallExpression')) {
      const name = source.dottedName(source.callee(call))?.split('.').pop() ?? '';
      const meaning = autoMeaning(name);
      if (!meaning) {
        continue;
      }
      kinds.add(meaning);
      const arg = keywordArgument(source, call, 'max_features');
      if (arg && unquote(source.textOf(arg.value)) === 'auto') {
        edits.push(replace(arg.value, meaning));
      }
    }
    // Parameter grids: {'max_features': ['auto', 'sqrt']}, {'rf__max_features': [...]}.
    const named = namedInError(error);
    const meaning = (named && autoMeaning(named)) ?? (kinds.size === 1 ? [...kinds][0] : undefined);
    if (!meaning) {
      return edits;
    }
    for (const dict of source.findAll('DictionaryExpression')) {
      for (let key = dict.firstChild; key; key = key.nextSibling) {
        if (key.name !== 'String' || !/^(\w+__)?max_features$/.test(unquote(source.textOf(key)) ?? '')) {
          continue;
        }
        let value = key.nextSibling;
        while (value && value.name === ':') {
          value = value.nextSibling;
        }
        if (!value) {
          continue;
        }
        const items = value.name === 'ArrayExpression' || value.name === 'TupleExpression' ? childrenOf(value) : [value];
        const present = new Set(items.map(item => source.textOf(item).replace(/"/g, "'")));
        for (const item of items) {
          if (item.name === 'String' && unquote(source.textOf(item)) === 'auto') {
            if (present.has(meaning) && items.length > 1) {
              edits.push(removeListItem(source, items, item));
            } else {
              edits.push(replace(item, meaning));
            }
          }
        }
      }
    }
    return edits;
  }
});

/** The expression children of a list/tuple node. */
function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const items: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (!['[', ']', '(', ')', ','].includes(child.name) && child.name !== 'Comment') {
      items.push(child);
    }
  }
  return items;
}

function removeListItem(source: PythonSource, items: SyntaxNode[], item: SyntaxNode): IEdit {
  const index = items.findIndex(other => other.from === item.from);
  if (index > 0) {
    return { from: items[index - 1].to, to: item.to, insert: '' };
  }
  return { from: item.from, to: items[1].from, insert: '' };
}

/**
 * Parameters that were positional before scikit-learn 1.0, in their old
 * order, and how many leading ones stay positional today.
 */
const KEYWORD_ONLY: Record<string, { names: (string | undefined)[]; keep: number }> = {
  KFold: { names: ['n_splits', 'shuffle', 'random_state'], keep: 1 },
  StratifiedKFold: { names: ['n_splits', 'shuffle', 'random_state'], keep: 1 },
  ShuffleSplit: { names: ['n_splits', 'test_size', 'train_size', 'random_state'], keep: 1 },
  StratifiedShuffleSplit: { names: ['n_splits', 'test_size', 'train_size', 'random_state'], keep: 1 },
  GroupShuffleSplit: { names: ['n_splits', 'test_size', 'train_size', 'random_state'], keep: 1 },
  RepeatedKFold: { names: ['n_splits', 'n_repeats', 'random_state'], keep: 0 },
  RepeatedStratifiedKFold: { names: ['n_splits', 'n_repeats', 'random_state'], keep: 0 },
  GridSearchCV: { names: ['estimator', 'param_grid', 'scoring'], keep: 2 },
  RandomizedSearchCV: { names: ['estimator', 'param_distributions', 'n_iter', 'scoring'], keep: 2 },
  cross_val_score: { names: ['estimator', 'X', 'y', 'groups', 'scoring', 'cv'], keep: 3 },
  cross_validate: { names: ['estimator', 'X', 'y', 'groups', 'scoring', 'cv'], keep: 3 },
  cross_val_predict: { names: ['estimator', 'X', 'y', 'groups', 'cv'], keep: 3 },
  learning_curve: { names: ['estimator', 'X', 'y', 'groups', 'train_sizes', 'cv', 'scoring'], keep: 3 },
  validation_curve: { names: ['estimator', 'X', 'y', 'param_name', 'param_range', 'groups', 'cv', 'scoring'], keep: 3 },
  ElasticNet: { names: ['alpha', 'l1_ratio', 'fit_intercept'], keep: 1 },
  Lasso: { names: ['alpha', 'fit_intercept'], keep: 1 },
  Ridge: { names: ['alpha', 'fit_intercept'], keep: 1 },
  RidgeClassifier: { names: ['alpha', 'fit_intercept'], keep: 1 },
  LogisticRegression: { names: ['penalty', 'dual', 'tol', 'C', 'fit_intercept'], keep: 1 },
  SGDClassifier: { names: ['loss', 'penalty', 'alpha', 'l1_ratio', 'fit_intercept'], keep: 1 },
  RFE: { names: ['estimator', 'n_features_to_select', 'step'], keep: 1 },
  RFECV: { names: ['estimator', 'step'], keep: 1 },
  SelectKBest: { names: ['score_func', 'k'], keep: 1 },
  SelectPercentile: { names: ['score_func', 'percentile'], keep: 1 },
  SelectFromModel: { names: ['estimator', 'threshold', 'prefit'], keep: 1 },
  PolynomialFeatures: { names: ['degree', 'interaction_only', 'include_bias'], keep: 1 },
  MinMaxScaler: { names: ['feature_range', 'copy'], keep: 1 },
  StandardScaler: { names: ['copy', 'with_mean', 'with_std'], keep: 0 },
  RobustScaler: { names: ['with_centering', 'with_scaling', 'quantile_range', 'copy'], keep: 0 },
  Normalizer: { names: ['norm', 'copy'], keep: 1 },
  Binarizer: { names: ['threshold', 'copy'], keep: 0 },
  SVC: { names: ['C', 'kernel', 'degree', 'gamma', 'coef0'], keep: 0 },
  SVR: { names: ['kernel', 'degree', 'gamma', 'coef0', 'tol', 'C', 'epsilon'], keep: 0 },
  NuSVC: { names: ['nu', 'kernel', 'degree', 'gamma'], keep: 0 },
  LinearSVC: { names: ['penalty', 'loss', 'dual', 'tol', 'C'], keep: 2 },
  KMeans: { names: ['n_clusters', 'init', 'n_init', 'max_iter', 'tol'], keep: 1 },
  MiniBatchKMeans: { names: ['n_clusters', 'init', 'max_iter', 'batch_size'], keep: 1 },
  DBSCAN: { names: ['eps', 'min_samples', 'metric'], keep: 1 },
  AgglomerativeClustering: { names: ['n_clusters', 'metric', 'memory', 'connectivity', 'compute_full_tree', 'linkage'], keep: 1 },
  PCA: { names: ['n_components', 'copy', 'whiten', 'svd_solver'], keep: 1 },
  TruncatedSVD: { names: ['n_components', 'algorithm', 'n_iter'], keep: 1 },
  NMF: { names: ['n_components', 'init', 'solver', 'beta_loss', 'tol', 'max_iter'], keep: 1 },
  RandomForestClassifier: { names: ['n_estimators', 'criterion', 'max_depth', 'min_samples_split', 'min_samples_leaf'], keep: 1 },
  RandomForestRegressor: { names: ['n_estimators', 'criterion', 'max_depth', 'min_samples_split', 'min_samples_leaf'], keep: 1 },
  ExtraTreesClassifier: { names: ['n_estimators', 'criterion', 'max_depth', 'min_samples_split', 'min_samples_leaf'], keep: 1 },
  ExtraTreesRegressor: { names: ['n_estimators', 'criterion', 'max_depth', 'min_samples_split', 'min_samples_leaf'], keep: 1 },
  GradientBoostingClassifier: { names: ['loss', 'learning_rate', 'n_estimators', 'subsample', 'criterion'], keep: 0 },
  GradientBoostingRegressor: { names: ['loss', 'learning_rate', 'n_estimators', 'subsample', 'criterion'], keep: 0 },
  AdaBoostClassifier: { names: ['estimator', 'n_estimators', 'learning_rate'], keep: 1 },
  BaggingClassifier: { names: ['estimator', 'n_estimators', 'max_samples', 'max_features'], keep: 2 },
  DecisionTreeClassifier: { names: ['criterion', 'splitter', 'max_depth', 'min_samples_split'], keep: 0 },
  DecisionTreeRegressor: { names: ['criterion', 'splitter', 'max_depth', 'min_samples_split'], keep: 0 },
  KNeighborsClassifier: { names: ['n_neighbors', 'weights', 'algorithm', 'leaf_size', 'p', 'metric'], keep: 1 },
  KNeighborsRegressor: { names: ['n_neighbors', 'weights', 'algorithm', 'leaf_size', 'p', 'metric'], keep: 1 },
  TSNE: { names: ['n_components', 'perplexity', 'early_exaggeration', 'learning_rate'], keep: 1 },
  MLPClassifier: { names: ['hidden_layer_sizes', 'activation', 'solver', 'alpha'], keep: 2 },
  // MLPRegressor gained a leading `loss` parameter: its old positional arguments all need names.
  MLPRegressor: { names: ['hidden_layer_sizes', 'activation', 'solver', 'alpha'], keep: 0 },
  f1_score: { names: ['y_true', 'y_pred', 'labels', 'pos_label', 'average'], keep: 2 },
  precision_score: { names: ['y_true', 'y_pred', 'labels', 'pos_label', 'average'], keep: 2 },
  recall_score: { names: ['y_true', 'y_pred', 'labels', 'pos_label', 'average'], keep: 2 },
  confusion_matrix: { names: ['y_true', 'y_pred', 'labels', 'sample_weight'], keep: 2 },
  classification_report: { names: ['y_true', 'y_pred', 'labels', 'target_names', 'sample_weight', 'digits'], keep: 2 },
  roc_auc_score: { names: ['y_true', 'y_score', 'average', 'sample_weight', 'max_fpr'], keep: 2 },
  accuracy_score: { names: ['y_true', 'y_pred', 'normalize', 'sample_weight'], keep: 2 },
  mean_squared_error: { names: ['y_true', 'y_pred', 'sample_weight', 'multioutput'], keep: 2 },
  // Functions made keyword-only in 0.23-1.x (old order as before; names checked with inspect in 1.9.1).
  binarize: { names: ['X', 'threshold', 'copy'], keep: 1 },
  normalize: { names: ['X', 'norm', 'axis', 'copy', 'return_norm'], keep: 2 },
  scale: { names: ['X', 'axis', 'with_mean', 'with_std', 'copy'], keep: 1 },
  minmax_scale: { names: ['X', 'feature_range', 'axis', 'copy'], keep: 2 },
  maxabs_scale: { names: ['X', 'axis', 'copy'], keep: 1 },
  robust_scale: { names: ['X', 'axis', 'with_centering', 'with_scaling', 'quantile_range', 'copy'], keep: 1 },
  label_binarize: { names: ['y', 'classes', 'neg_label', 'pos_label', 'sparse_output'], keep: 1 },
  roc_curve: { names: ['y_true', 'y_score', 'pos_label', 'sample_weight', 'drop_intermediate'], keep: 2 },
  precision_recall_curve: { names: ['y_true', 'y_score', 'pos_label', 'sample_weight'], keep: 2 },
  // pos_label was inserted before sample_weight in 0.22: only the third argument is unambiguous.
  average_precision_score: { names: ['y_true', 'y_score', 'average'], keep: 2 },
  fbeta_score: { names: ['y_true', 'y_pred', 'beta', 'labels', 'pos_label', 'average'], keep: 2 },
  precision_recall_fscore_support: { names: ['y_true', 'y_pred', 'beta', 'labels', 'pos_label', 'average'], keep: 2 },
  jaccard_score: { names: ['y_true', 'y_pred', 'labels', 'pos_label', 'average', 'sample_weight'], keep: 2 },
  cohen_kappa_score: { names: ['y1', 'y2', 'labels', 'weights', 'sample_weight'], keep: 2 },
  zero_one_loss: { names: ['y_true', 'y_pred', 'normalize', 'sample_weight'], keep: 2 },
  balanced_accuracy_score: { names: ['y_true', 'y_pred', 'sample_weight', 'adjusted'], keep: 2 },
  matthews_corrcoef: { names: ['y_true', 'y_pred', 'sample_weight'], keep: 2 },
  r2_score: { names: ['y_true', 'y_pred', 'sample_weight', 'multioutput'], keep: 2 },
  explained_variance_score: { names: ['y_true', 'y_pred', 'sample_weight', 'multioutput'], keep: 2 },
  mean_absolute_error: { names: ['y_true', 'y_pred', 'sample_weight', 'multioutput'], keep: 2 },
  mean_squared_log_error: { names: ['y_true', 'y_pred', 'sample_weight', 'multioutput'], keep: 2 },
  silhouette_score: { names: ['X', 'labels', 'metric', 'sample_size', 'random_state'], keep: 2 },
  silhouette_samples: { names: ['X', 'labels', 'metric'], keep: 2 },
  adjusted_mutual_info_score: { names: ['labels_true', 'labels_pred', 'average_method'], keep: 2 },
  normalized_mutual_info_score: { names: ['labels_true', 'labels_pred', 'average_method'], keep: 2 },
  v_measure_score: { names: ['labels_true', 'labels_pred', 'beta'], keep: 2 },
  euclidean_distances: { names: ['X', 'Y', 'Y_norm_squared', 'squared', 'X_norm_squared'], keep: 2 },
  pairwise_distances: { names: ['X', 'Y', 'metric', 'n_jobs'], keep: 3 },
  pairwise_kernels: { names: ['X', 'Y', 'metric', 'filter_params', 'n_jobs'], keep: 3 },
  make_scorer: { names: ['score_func', 'greater_is_better'], keep: 1 },
  make_classification: { names: ['n_samples', 'n_features', 'n_informative', 'n_redundant', 'n_repeated', 'n_classes', 'n_clusters_per_class'], keep: 2 },
  make_blobs: { names: ['n_samples', 'n_features', 'centers', 'cluster_std', 'center_box', 'shuffle', 'random_state'], keep: 2 },
  load_iris: { names: ['return_X_y'], keep: 0 },
  load_breast_cancer: { names: ['return_X_y'], keep: 0 },
  load_wine: { names: ['return_X_y'], keep: 0 },
  load_diabetes: { names: ['return_X_y'], keep: 0 },
  load_digits: { names: ['n_class', 'return_X_y'], keep: 0 },
  // Estimators: force_alpha (1.2) and l1_ratios were added later, after the old positional ones.
  MultinomialNB: { names: ['alpha', 'fit_prior', 'class_prior'], keep: 0 },
  BernoulliNB: { names: ['alpha', 'binarize', 'fit_prior', 'class_prior'], keep: 0 },
  GaussianNB: { names: ['priors', 'var_smoothing'], keep: 0 },
  LogisticRegressionCV: { names: ['Cs', 'fit_intercept', 'cv', 'dual', 'penalty'], keep: 0 },
  LinearRegression: { names: ['fit_intercept'], keep: 0 },
  IsolationForest: { names: ['n_estimators', 'max_samples', 'contamination', 'max_features', 'bootstrap', 'n_jobs'], keep: 0 },
  AdaBoostRegressor: { names: ['estimator', 'n_estimators', 'learning_rate', 'loss', 'random_state'], keep: 1 },
  Perceptron: { names: ['penalty', 'alpha', 'fit_intercept', 'max_iter'], keep: 0 }
};

const keywordOnlyArgs = customRule({
  id: 'sklearn-keyword-only-args',
  category: 'signature-change',
  fact: fact('sklearn-keyword-only-args', '1.0', 'scikit-learn 1.0 made most estimator and function parameters keyword-only: KFold(5, True, 42) became KFold(5, shuffle=True, random_state=42).'),
  // Functions behind validate_params say only "too many positional arguments".
  trigger: /\w+(\.__init__)?\(\) takes (from \d+ to )?\d+ positional arguments? but \d+ (were|was) given|^TypeError: too many positional arguments/,
  static: true,
  fix: ({ source, error }) => {
    const edits: IEdit[] = [];
    for (const call of callsMatching(source, sklearnCallee(Object.keys(KEYWORD_ONLY), error))) {
      const { names, keep } = KEYWORD_ONLY[source.dottedName(source.callee(call))!.split('.').pop()!];
      const positional = source.callArguments(call).filter(arg => !arg.name && !arg.star);
      if (positional.length <= keep || source.callArguments(call).some(arg => arg.star === '*') || oldSplitter(source, call)) {
        continue;
      }
      const converted = positionalToKeywords(source, call, names, keep);
      if (converted) {
        edits.push(...converted);
      }
    }
    return edits;
  }
});

const LINEAR_MODELS = [
  'LinearRegression', 'Ridge', 'RidgeCV', 'RidgeClassifier', 'RidgeClassifierCV', 'Lasso', 'LassoCV', 'ElasticNet',
  'ElasticNetCV', 'Lars', 'LarsCV', 'LassoLars', 'LassoLarsCV', 'LassoLarsIC', 'OrthogonalMatchingPursuit',
  'OrthogonalMatchingPursuitCV', 'BayesianRidge', 'ARDRegression', 'MultiTaskLasso', 'MultiTaskElasticNet'
];

/** Models whose normalize=True the `_normalized` helper reproduces (the CV variants normalized each fold: refused). */
const NORMALIZED_MODELS = [
  'Ridge', 'RidgeClassifier', 'Lasso', 'ElasticNet', 'Lars', 'LassoLars', 'OrthogonalMatchingPursuit', 'BayesianRidge',
  'ARDRegression', 'MultiTaskLasso', 'MultiTaskElasticNet'
];

/**
 * What normalize=True did before 1.2 (linear_model._base._preprocess_data):
 * X centered on its (weighted) mean, each column divided by its L2 norm,
 * the model fitted there, coef_ and intercept_ given back in X's units;
 * ignored when fit_intercept=False.
 */
const NORMALIZED_HELPER = `def _normalized(estimator):
    """estimator with scikit-learn < 1.2's normalize=True (X centered, columns scaled to unit L2 norm, coef_ in X's units)."""
    import numpy

    class Normalized(estimator):
        def fit(self, X, y, sample_weight=None):
            if not self.fit_intercept:
                return super().fit(X, y, sample_weight=sample_weight)
            values = numpy.asarray(X, dtype=float)
            offset = numpy.average(values, axis=0, weights=sample_weight)
            scale = numpy.sqrt(((values - offset) ** 2).sum(axis=0))
            scale[scale == 0] = 1.0
            scaled = (X - offset) / scale if hasattr(X, 'columns') else (values - offset) / scale
            super().fit(scaled, y, sample_weight=sample_weight)
            self.coef_ = self.coef_ / scale
            self.intercept_ = self.intercept_ - numpy.dot(self.coef_, offset)
            return self

    Normalized.__name__ = Normalized.__qualname__ = estimator.__name__
    return Normalized
`;

/**
 * normalize=False is the old default: dropped anywhere. normalize=True is
 * dropped where it never changed the fit (LinearRegression, fit_intercept=False)
 * and reproduced by the `_normalized` helper for penalized models.
 */
const normalizeParam = customRule({
  id: 'sklearn-normalize-param',
  category: 'signature-change',
  fact: fact('sklearn-normalize-param', '1.2', "normalize= was removed from scikit-learn linear models in 1.2; normalize=False and LinearRegression's normalize=True are dropped, a penalized model's normalize=True is kept by a helper that scales X as before."),
  trigger: /unexpected keyword argument 'normalize'/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    for (const call of callsMatching(source, calleeNamed(...LINEAR_MODELS))) {
      const arg = keywordArgument(source, call, 'normalize');
      if (!arg) {
        continue;
      }
      const name = source.dottedName(source.callee(call))!.split('.').pop()!;
      const value = source.textOf(arg.value);
      const intercept = keywordArgument(source, call, 'fit_intercept');
      if (value === 'False' || (value === 'True' && (name === 'LinearRegression' || (intercept && source.textOf(intercept.value) === 'False')))) {
        edits.push(removeArgument(source, call, arg.node));
      } else if (value === 'True' && NORMALIZED_MODELS.includes(name) && !source.callArguments(call).some(other => other.star)) {
        const callee = source.callee(call)!;
        edits.push(replace(callee, `_normalized(${source.textOf(callee)})`), removeArgument(source, call, arg.node));
      }
    }
    return edits.length && edits.some(edit => edit.insert.startsWith('_normalized(')) ? [...edits, ...helperDefinition(source, '_normalized', NORMALIZED_HELPER)] : edits;
  }
});

/** Splitters whose random_state only mattered with shuffle=True. */
const SHUFFLING_SPLITTERS = ['KFold', 'StratifiedKFold', 'GroupKFold', 'StratifiedGroupKFold'];

/** `KFold(n_splits=10, random_state=7)` -> `KFold(n_splits=10)`: the seed never did anything without shuffle. */
const splitterRandomState = customRule({
  id: 'sklearn-kfold-random_state-without-shuffle',
  category: 'behavior-change',
  fact: {
    library: 'scikit-learn',
    version: '0.24',
    message: 'KFold/StratifiedKFold(random_state=...) without shuffle=True raises a ValueError since scikit-learn 0.24; before, the seed was ignored, so dropping it keeps the same folds.',
    source: WHATS_NEW('0.24')
  },
  trigger: /Setting a random_state has no effect since shuffle is False/,
  static: false,
  fix: ({ source, error }) =>
    callsMatching(source, sklearnCallee(SHUFFLING_SPLITTERS, error)).flatMap(call => {
      const args = source.callArguments(call);
      const seed = args.find(arg => arg.name === 'random_state');
      const shuffle = args.find(arg => arg.name === 'shuffle');
      const positional = args.filter(arg => !arg.name && !arg.star);
      if (!seed || args.some(arg => arg.star) || positional.length > 1 || (shuffle && source.textOf(shuffle.value) !== 'False')) {
        return [];
      }
      return [removeArgument(source, call, seed.node)];
    })
});

/** A float literal with an integral value (`1e5`, `100.0`) as an int literal; undefined otherwise. */
function integralFloat(text: string): string | undefined {
  if (!/^[\d_]*\.?[\d_]*(e[+-]?\d+)?$/i.test(text) || !/[.eE]/.test(text)) {
    return undefined;
  }
  const value = Number(text.replace(/_/g, ''));
  return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
}

/**
 * `Lasso(max_iter=1e5)` -> `Lasso(max_iter=100000)`: parameter validation
 * (1.2) rejects floats where an int is declared; before, an integral float
 * was used as that int. Only the parameter the error names, in calls to the
 * estimator it names (and `{'max_iter': [1e4, 1e5]}` grids).
 */
const intParamFloat = customRule({
  id: 'sklearn-int-param-float',
  category: 'signature-change',
  fact: {
    library: 'scikit-learn',
    version: '1.2',
    message: "scikit-learn 1.2 validates estimator parameters: an int parameter given as a float (max_iter=1e5) raises InvalidParameterError; the same whole number written as an int is what the old code meant.",
    source: WHATS_NEW('1.2')
  },
  trigger: /The '\w+' parameter of \w+ must be an int\b[^]*Got [\d.e+]+ instead/,
  static: false,
  fix: ({ source, error }) => {
    const match = /The '(\w+)' parameter of (\w+) must be an int/.exec(error?.evalue ?? '');
    if (!match) {
      return [];
    }
    const [, parameter, owner] = match;
    const edits: IEdit[] = [];
    // `_normalized(Lasso)(max_iter=1e5)` (sklearn-normalize-param's rewrite) constructs a Lasso too.
    const wrapped = source.findAll('CallExpression').filter(call => {
      const callee = source.callee(call);
      const [inner] = callee?.name === 'CallExpression' && source.dottedName(source.callee(callee)) === '_normalized' ? source.callArguments(callee) : [];
      return !!inner && source.dottedName(inner.value)?.split('.').pop() === owner;
    });
    for (const call of [...callsMatching(source, sklearnCallee([owner], error)), ...wrapped]) {
      const arg = keywordArgument(source, call, parameter);
      const int = arg && arg.value.name === 'Number' ? integralFloat(source.textOf(arg.value)) : undefined;
      if (int) {
        edits.push(replace(arg!.value, int));
      }
    }
    for (const dict of source.findAll('DictionaryExpression')) {
      for (let key = dict.firstChild; key; key = key.nextSibling) {
        if (key.name !== 'String' || !new RegExp(`^(\\w+__)?${parameter}$`).test(unquote(source.textOf(key)) ?? '')) {
          continue;
        }
        let value = key.nextSibling;
        while (value && value.name === ':') {
          value = value.nextSibling;
        }
        const items = value && (value.name === 'ArrayExpression' || value.name === 'TupleExpression') ? childrenOf(value) : value ? [value] : [];
        for (const item of items) {
          const int = item.name === 'Number' ? integralFloat(source.textOf(item)) : undefined;
          if (int) {
            edits.push(replace(item, int));
          }
        }
      }
    }
    return edits;
  }
});

const baseEstimator = renamedKeyword({
  id: 'sklearn-base_estimator',
  fact: fact('sklearn-base_estimator', '1.4', 'base_estimator= was renamed estimator= in scikit-learn 1.2 and removed in 1.4 (AdaBoost, Bagging, CalibratedClassifierCV).'),
  trigger: /unexpected keyword argument 'base_estimator'/,
  calls: calleeNamed('AdaBoostClassifier', 'AdaBoostRegressor', 'BaggingClassifier', 'BaggingRegressor', 'CalibratedClassifierCV'),
  from: 'base_estimator',
  to: 'estimator'
});

/**
 * multi_class= is gone (1.8 per the catalog's deprecation plan; absent in
 * 1.9.1): 'multinomial'/'auto' are today's behaviour, 'ovr' is
 * OneVsRestClassifier around the model.
 */
const multiClass = customRule({
  id: 'sklearn-logreg-multi_class',
  category: 'signature-change',
  fact: fact('sklearn-logreg-multi_class', '1.8', "LogisticRegression(multi_class=) was deprecated in scikit-learn 1.5 and removed (planned for 1.8, gone in 1.9.1): drop 'multinomial', wrap the model in OneVsRestClassifier for 'ovr'.", WHATS_NEW('1.5')),
  trigger: /unexpected keyword argument 'multi_class'/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    let ovr: { name: string; edits: IEdit[] } | undefined;
    for (const call of callsMatching(source, calleeNamed('LogisticRegression', 'LogisticRegressionCV'))) {
      const arg = keywordArgument(source, call, 'multi_class');
      if (!arg) {
        continue;
      }
      const value = unquote(source.textOf(arg.value));
      const solver = unquote(source.textOf(keywordArgument(source, call, 'solver')?.value ?? arg.value));
      if (value === 'multinomial' || (value === 'auto' && solver !== 'liblinear')) {
        edits.push(removeArgument(source, call, arg.node));
      } else if (value === 'ovr' && source.dottedName(source.callee(call))!.endsWith('LogisticRegression')) {
        ovr ??= importedFrom(source, 'sklearn.multiclass', 'OneVsRestClassifier');
        const removal = removeArgument(source, call, arg.node);
        const inner = source.text.slice(call.from, removal.from) + source.text.slice(removal.to, call.to);
        edits.push(replace(call, `${ovr.name}(${inner})`));
      }
    }
    return ovr && edits.length ? [...edits, ...ovr.edits] : edits;
  }
});

const affinity = renamedKeyword({
  id: 'sklearn-agglomerative-affinity',
  fact: fact('sklearn-agglomerative-affinity', '1.4', 'AgglomerativeClustering(affinity=) was renamed metric= in scikit-learn 1.2 and removed in 1.4.'),
  trigger: /unexpected keyword argument 'affinity'/,
  calls: calleeNamed('AgglomerativeClustering', 'FeatureAgglomeration'),
  from: 'affinity',
  to: 'metric'
});

/** n_iter=k -> max_iter=k, tol=None (tol=None keeps the fixed number of epochs). */
const sgdNIter = customRule({
  id: 'sklearn-sgd-n_iter',
  category: 'signature-change',
  fact: fact('sklearn-sgd-n_iter', '0.21', 'n_iter= was removed from SGDClassifier/SGDRegressor/Perceptron in scikit-learn 0.21; use max_iter= with tol=None to keep a fixed number of epochs.'),
  trigger: /unexpected keyword argument 'n_iter'/,
  static: true,
  fix: ({ source }) =>
    callsMatching(source, calleeNamed('SGDClassifier', 'SGDRegressor', 'Perceptron', 'PassiveAggressiveClassifier', 'PassiveAggressiveRegressor')).flatMap(call => {
      const arg = keywordArgument(source, call, 'n_iter');
      if (!arg) {
        return [];
      }
      const tol = keywordArgument(source, call, 'tol') ? '' : ', tol=None';
      return [replace(arg.node, `max_iter=${source.textOf(arg.value)}${tol}`)];
    })
});

const tsneNIter = renamedKeyword({
  id: 'sklearn-tsne-n_iter',
  fact: {
    ...fact('sklearn-tsne-defaults', '1.7', 'TSNE(n_iter=) was renamed max_iter= in scikit-learn 1.5 and the old name is gone since 1.7.', WHATS_NEW('1.5'))
  },
  trigger: /TSNE\.__init__\(\) got an unexpected keyword argument 'n_iter'/,
  calls: calleeNamed('TSNE'),
  from: 'n_iter',
  to: 'max_iter'
});

const lossLog = renamedKeywordValue({
  id: 'sklearn-loss-log',
  fact: fact('sklearn-loss-log', '1.3', "SGDClassifier(loss='log') was renamed loss='log_loss' in scikit-learn 1.1 and removed in 1.3."),
  trigger: /The 'loss' parameter of SGDClassifier must be|Got 'log' instead/,
  calls: calleeNamed('SGDClassifier'),
  keyword: 'loss',
  values: { log: "'log_loss'" }
});

const gbDeviance = renamedKeywordValue({
  id: 'sklearn-gb-loss-deviance',
  fact: fact('sklearn-gb-loss-deviance', '1.3', "GradientBoostingClassifier(loss='deviance') was renamed loss='log_loss' in scikit-learn 1.1 and removed in 1.3.", WHATS_NEW('1.1')),
  trigger: /Got 'deviance' instead/,
  calls: calleeNamed('GradientBoostingClassifier'),
  keyword: 'loss',
  values: { deviance: "'log_loss'" }
});

const criterionMse = customRule({
  id: 'sklearn-criterion-mse-mae',
  category: 'signature-change',
  fact: fact('sklearn-criterion-mse-mae', '1.2', "criterion='mse'/'mae' were renamed 'squared_error'/'absolute_error' in scikit-learn 1.0 and removed in 1.2.", WHATS_NEW('1.0')),
  trigger: /The 'criterion' parameter of \w+ must be|Got '(mse|mae)' instead/,
  static: true,
  fix: context => {
    const trees = renamedKeywordValue({
      id: 'trees',
      fact: {} as IFact,
      calls: calleeNamed('DecisionTreeRegressor', 'ExtraTreeRegressor', 'RandomForestRegressor', 'ExtraTreesRegressor'),
      keyword: 'criterion',
      values: { mse: "'squared_error'", mae: "'absolute_error'" }
    });
    // GradientBoosting 'mae' had no successor: only 'mse' is renamed there.
    const boosting = renamedKeywordValue({
      id: 'boosting',
      fact: {} as IFact,
      calls: calleeNamed('GradientBoostingRegressor', 'GradientBoostingClassifier'),
      keyword: 'criterion',
      values: { mse: "'squared_error'" }
    });
    return [...trees.fix(context), ...boosting.fix(context)];
  }
});

const kmeansAlgorithm = renamedKeywordValue({
  id: 'sklearn-kmeans-algorithm-full',
  fact: fact('sklearn-kmeans-algorithm-full', '1.3', "KMeans(algorithm='full') and 'auto' were deprecated in scikit-learn 1.1 and removed in 1.3; use algorithm='lloyd'.", WHATS_NEW('1.1')),
  trigger: /The 'algorithm' parameter of KMeans must be/,
  calls: calleeNamed('KMeans'),
  keyword: 'algorithm',
  values: { full: "'lloyd'", auto: "'lloyd'" }
});

/** mean_squared_error(y, p, squared=False) -> root_mean_squared_error(y, p); squared=True is dropped. */
const squaredFalse = customRule({
  id: 'sklearn-mse-squared-false',
  category: 'signature-change',
  fact: fact('sklearn-mse-squared-false', '1.6', 'mean_squared_error(squared=False) was removed in scikit-learn 1.6; use root_mean_squared_error.'),
  trigger: /unexpected keyword argument 'squared'/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    let imported: { name: string; edits: IEdit[] } | undefined;
    for (const call of callsMatching(source, calleeNamed('mean_squared_error', 'mean_squared_log_error'))) {
      const arg = keywordArgument(source, call, 'squared');
      if (!arg) {
        continue;
      }
      const value = source.textOf(arg.value);
      if (value === 'True') {
        edits.push(removeArgument(source, call, arg.node));
        continue;
      }
      if (value !== 'False') {
        continue;
      }
      const callee = source.callee(call)!;
      const name = source.dottedName(callee)!;
      const last = name.split('.').pop()!;
      const rooted = last === 'mean_squared_error' ? 'root_mean_squared_error' : 'root_mean_squared_log_error';
      if (callee.name === 'MemberExpression') {
        edits.push(replace(callee.lastChild!, rooted));
      } else {
        imported = importedFrom(source, 'sklearn.metrics', rooted);
        edits.push(replace(callee, imported.name), ...imported.edits);
      }
      edits.push(removeArgument(source, call, arg.node));
    }
    return edits;
  }
});

const fitParams = renamedKeyword({
  id: 'sklearn-fit_params-cross_validate',
  fact: fact('sklearn-fit_params-cross_validate', '1.6', 'fit_params= of cross_val_score/cross_validate/cross_val_predict was renamed params= in scikit-learn 1.4 and removed in 1.6.', WHATS_NEW('1.4')),
  trigger: /unexpected keyword argument 'fit_params'/,
  calls: calleeNamed('cross_val_score', 'cross_validate', 'cross_val_predict'),
  from: 'fit_params',
  to: 'params'
});

/** iid=False is today's behaviour; iid=True weighted folds by size and has no successor. */
const gridSearchIid = customRule({
  id: 'sklearn-gridsearch-iid',
  category: 'signature-change',
  fact: fact('sklearn-gridsearch-iid', '0.24', 'GridSearchCV/RandomizedSearchCV(iid=) was removed in scikit-learn 0.24; iid=False is the only behaviour left.'),
  trigger: /unexpected keyword argument 'iid'/,
  static: true,
  fix: ({ source }) =>
    callsMatching(source, calleeNamed('GridSearchCV', 'RandomizedSearchCV')).flatMap(call => {
      const arg = keywordArgument(source, call, 'iid');
      return arg && source.textOf(arg.value) === 'False' ? [removeArgument(source, call, arg.node)] : [];
    })
});

const adaboostAlgorithm = customRule({
  id: 'sklearn-adaboost-samme-r',
  category: 'signature-change',
  fact: fact('sklearn-adaboost-samme-r', '1.6', "AdaBoostClassifier's SAMME.R algorithm was removed in scikit-learn 1.6 and the algorithm= parameter itself is gone in 1.9; SAMME is the only algorithm (SAMME.R scores cannot be reproduced)."),
  trigger: /unexpected keyword argument 'algorithm'|SAMME\.R/,
  static: true,
  fix: ({ source }) =>
    callsMatching(source, calleeNamed('AdaBoostClassifier')).flatMap(call => {
      const arg = keywordArgument(source, call, 'algorithm');
      return arg ? [removeArgument(source, call, arg.node)] : [];
    })
});

const fromEstimator = (local: string) => `${local}.from_estimator`;

const plotConfusionMatrix = renamedNames({
  id: 'sklearn-plot_confusion_matrix',
  fact: fact('sklearn-plot_confusion_matrix', '1.2', 'sklearn.metrics.plot_confusion_matrix was removed in scikit-learn 1.2; use ConfusionMatrixDisplay.from_estimator.', 'https://scikit-learn.org/1.0/modules/generated/sklearn.metrics.plot_confusion_matrix.html'),
  trigger: /cannot import name 'plot_confusion_matrix'|has no attribute 'plot_confusion_matrix'/,
  from: 'sklearn.metrics',
  renames: [{ name: 'plot_confusion_matrix', to: 'sklearn.metrics', toName: 'ConfusionMatrixDisplay', use: fromEstimator }]
});

const plotRocCurve = renamedNames({
  id: 'sklearn-plot_roc_curve',
  fact: fact('sklearn-plot_roc_curve', '1.2', 'sklearn.metrics.plot_roc_curve and plot_precision_recall_curve were removed in scikit-learn 1.2; use RocCurveDisplay / PrecisionRecallDisplay.from_estimator.'),
  trigger: /cannot import name 'plot_(roc|precision_recall)_curve'|has no attribute 'plot_(roc|precision_recall)_curve'/,
  from: 'sklearn.metrics',
  renames: [
    { name: 'plot_roc_curve', to: 'sklearn.metrics', toName: 'RocCurveDisplay', use: fromEstimator },
    { name: 'plot_precision_recall_curve', to: 'sklearn.metrics', toName: 'PrecisionRecallDisplay', use: fromEstimator }
  ]
});

export const sklearnRules: IRule[] = [
  movedModule({
    id: 'sklearn-cross_validation-module',
    fact: fact('sklearn-cross_validation-module', '0.20', 'sklearn.cross_validation was removed in scikit-learn 0.20; its contents moved to sklearn.model_selection.'),
    trigger: /No module named 'sklearn\.cross_validation'/,
    module: 'sklearn.cross_validation',
    to: 'sklearn.model_selection'
  }),
  gridSearch,
  learningCurve,
  externalsJoblib,
  externalsSix,
  ldaQda,
  privateModules,
  imputer,
  randomizedPca,
  gmm,
  categoricalEncoder,
  oneHotSparse,
  oneHotCategorical,
  getFeatureNames,
  maxFeaturesAuto,
  keywordOnlyArgs,
  normalizeParam,
  splitterRandomState,
  intParamFloat,
  baseEstimator,
  multiClass,
  affinity,
  sgdNIter,
  tsneNIter,
  lossLog,
  gbDeviance,
  criterionMse,
  kmeansAlgorithm,
  squaredFalse,
  fitParams,
  gridSearchIid,
  adaboostAlgorithm,
  plotConfusionMatrix,
  plotRocCurve
];
