/**
 * Keras 1/2 and TensorFlow 1 idioms under Keras 3 / TensorFlow >= 2.16.
 * TensorFlow is not needed to check these: they work on the code's shape.
 * `import keras` itself is left alone: Keras 3 is the `keras` package and
 * tf.keras alike, so moving imports between them fixes nothing.
 */
import { customRule } from './builders';
import { importedName, rewriteFromImports } from '../python/imports';
import { keywordArgument, removeArgument } from '../python/calls';
import { insertAt, replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import type { PythonSource } from '../python/syntax';
import type { IFact, IRule } from './types';

const MIGRATING_3 = 'https://keras.io/guides/migrating_to_keras_3/';
const KERAS_2_0 = 'https://github.com/keras-team/keras/releases/tag/2.0.0';

function fact(catalogId: string, version: string, message: string, source: string): IFact {
  return { library: 'keras/tensorflow', version, message, source, catalogId };
}

const KERAS_MODULE = /^(keras|tensorflow\.keras|tensorflow\.python\.keras|tf_keras)(\.|$)/;

/** A keras name: qualified through a keras import, or (with an error to confirm it) an unresolved bare name. */
function isKeras(qualified: string, confirmed: boolean): boolean {
  if (KERAS_MODULE.test(qualified) || /^tensorflow\.keras/.test(qualified)) {
    return true;
  }
  return confirmed && !qualified.includes('.');
}

/** `module.sub` prefixes keras may be imported under: `keras.` and `tensorflow.keras.`. */
function kerasModules(suffix: string): string[] {
  return ['keras', 'tensorflow.keras', 'tensorflow.python.keras'].map(root => `${root}.${suffix}`);
}

/** The module prefix of a callee (`keras.optimizers` for `keras.optimizers.SGD`, through imports). */
function kerasRoot(source: PythonSource): { prefix: string; edits: IEdit[] } {
  for (const [local, target] of source.imports) {
    if (target === 'keras' || target === 'tensorflow.keras') {
      return { prefix: local, edits: [] };
    }
  }
  for (const [local, target] of source.imports) {
    if (target === 'tensorflow') {
      return { prefix: `${local}.keras`, edits: [] };
    }
  }
  const keras = importedName(source, 'keras', 'keras');
  return { prefix: keras.name, edits: keras.edits };
}

// ---------------------------------------------------------------- optimizers

const OPTIMIZERS = ['Adam', 'SGD', 'RMSprop', 'Adagrad', 'Adadelta', 'Adamax', 'Nadam', 'Ftrl', 'AdamW'];

/**
 * `Adam(lr=0.001)` -> `Adam(learning_rate=0.001)`; a `decay=d` becomes the
 * schedule Keras 2 applied (lr / (1 + d * iterations)).
 */
const optimizerLr = customRule({
  id: 'keras-optimizer-lr',
  category: 'signature-change',
  fact: fact('keras-optimizer-lr', 'Keras 3.0', 'Keras 3.0 optimizers no longer accept lr= or decay=: use learning_rate= (with an InverseTimeDecay schedule for decay).', 'https://github.com/keras-team/keras/blob/master/keras/src/optimizers/base_optimizer.py'),
  trigger: /Argument\(s\) not recognized: \{.*'(lr|decay)'/,
  static: true,
  fix: ({ source, error }) => {
    const edits: IEdit[] = [];
    const confirmed = !!error;
    let root: { prefix: string; edits: IEdit[] } | undefined;
    for (const call of source.callsTo((qualified, dotted) => OPTIMIZERS.includes(dotted.split('.').pop()!) && isKeras(qualified, confirmed))) {
      const lr = keywordArgument(source, call, 'lr');
      const decay = keywordArgument(source, call, 'decay');
      if (!lr && !decay) {
        continue;
      }
      const rate = lr ? source.textOf(lr.value) : undefined;
      const decayText = decay ? source.textOf(decay.value) : undefined;
      if (decay && /^0(\.0*)?$/.test(decayText!)) {
        edits.push(removeArgument(source, call, decay.node));
      } else if (decay) {
        root ??= kerasRoot(source);
        const schedule = `${root.prefix}.optimizers.schedules.InverseTimeDecay(${rate ?? '0.01'}, decay_steps=1, decay_rate=${decayText})`;
        if (lr) {
          edits.push(replace(lr.node, `learning_rate=${schedule}`), removeArgument(source, call, decay.node));
        } else {
          // Without lr= the optimizer's own default applied: only SGD's (0.01) is the schedule default used here.
          if (source.dottedName(source.callee(call))!.split('.').pop() !== 'SGD') {
            return [];
          }
          edits.push(replace(decay.node, `learning_rate=${schedule}`));
        }
        continue;
      }
      if (lr) {
        edits.push(replace(lr.node, `learning_rate=${rate}`));
      }
    }
    return root && edits.length ? [...edits, ...root.edits] : edits;
  }
});

// ---------------------------------------------------------------- model methods

const GENERATOR_METHODS: Record<string, string> = { fit_generator: 'fit', evaluate_generator: 'evaluate', predict_generator: 'predict' };
const NOT_IN_KERAS_3_FIT = ['workers', 'use_multiprocessing', 'max_queue_size'];

const fitGenerator = customRule({
  id: 'keras-fit_generator',
  category: 'removed-api',
  fact: fact('keras-fit_generator', 'Keras 3.0', 'Keras 3.0 removed fit_generator/evaluate_generator/predict_generator: fit/evaluate/predict take generators (workers= and use_multiprocessing= moved to keras.utils.PyDataset).', MIGRATING_3),
  trigger: /has no attribute '(fit|evaluate|predict)_generator'/,
  static: true,
  fix: ({ source }) =>
    Object.entries(GENERATOR_METHODS).flatMap(([method, to]) =>
      source.methodCalls(method).flatMap(call => [
        replace(source.callee(call)!.lastChild!, to),
        ...source
          .callArguments(call)
          .filter(arg => arg.name && NOT_IN_KERAS_3_FIT.includes(arg.name))
          .map(arg => removeArgument(source, call, arg.node))
      ])
    )
});

/** `model.predict_classes(X)` -> what it computed: argmax for several outputs, > 0.5 for one. */
const predictClasses = customRule({
  id: 'keras-predict_classes',
  category: 'removed-api',
  fact: fact('keras-predict_classes', 'TF 2.6 / Keras 2.6', 'Sequential.predict_classes was removed in Keras 2.6 (TF 2.6); take the argmax of predict() (or predict() > 0.5 for a single sigmoid output).', 'https://github.com/keras-team/keras/releases/tag/v2.6.0'),
  trigger: /has no attribute 'predict_classes'/,
  static: true,
  fix: ({ source }) =>
    source.methodCalls('predict_classes').map(call => {
      const model = source.textOf(source.callee(call)!.firstChild!);
      const args = source.textOf(call.getChild('ArgList')!);
      // Exactly Keras 2's implementation, so sigmoid models keep their 0/1 column.
      return replace(call, `(lambda p: p.argmax(axis=-1) if p.shape[-1] > 1 else (p > 0.5).astype('int32'))(${model}.predict${args})`);
    })
});

const KERAS_MODEL_BUILDERS = /^(Sequential|Model|load_model|clone_model)$/;

/** `model.predict_proba(X)` -> `model.predict(X)`, only on objects that are Keras models (scikit-learn has predict_proba). */
const predictProba = customRule({
  id: 'keras-predict_proba',
  category: 'removed-api',
  fact: fact('keras-predict_proba', 'TF 2.6 / Keras 2.6', 'Sequential.predict_proba was removed in Keras 2.6 (TF 2.6); predict() returns the probabilities.', 'https://github.com/keras-team/keras/releases/tag/v2.6.0'),
  trigger: /'(Sequential|Functional|Model)' object has no attribute 'predict_proba'/,
  static: false,
  fix: ({ source, error }) => {
    const kerasModels = new Set<string>();
    const otherModels = new Set<string>();
    for (const assign of source.findAll('AssignStatement')) {
      const target = assign.firstChild;
      const value = assign.lastChild;
      if (target?.name !== 'VariableName' || value?.name !== 'CallExpression') {
        continue;
      }
      const callee = source.dottedName(source.callee(value))?.split('.').pop() ?? '';
      (KERAS_MODEL_BUILDERS.test(callee) ? kerasModels : otherModels).add(source.textOf(target));
    }
    return source.methodCalls('predict_proba').flatMap(call => {
      const object = source.callee(call)!.firstChild!;
      const name = source.textOf(object);
      const keras = kerasModels.has(name) || (!!error && kerasModels.size === 0 && !otherModels.has(name));
      return keras ? [replace(source.callee(call)!.lastChild!, 'predict')] : [];
    });
  }
});

const nbEpoch = customRule({
  id: 'keras-nb_epoch',
  category: 'signature-change',
  fact: fact('keras-nb_epoch', 'Keras 2.0', 'Keras 2.0 renamed fit(nb_epoch=) to epochs= (the alias is gone from Keras 3).', KERAS_2_0),
  trigger: /unexpected keyword argument 'nb_epoch'|Unrecognized keyword arguments.*nb_epoch/,
  static: true,
  fix: ({ source }) =>
    ['fit', 'fit_generator'].flatMap(method =>
      source.methodCalls(method).flatMap(call => {
        const arg = keywordArgument(source, call, 'nb_epoch');
        return arg && !keywordArgument(source, call, 'epochs') ? [replace(arg.node, `epochs=${source.textOf(arg.value)}`)] : [];
      })
    )
});

/** `history.history['acc']` -> `['accuracy']` (the key follows metrics=['accuracy'] since Keras 2.3). */
const historyAcc = customRule({
  id: 'keras-history-acc-key',
  category: 'behavior-change',
  fact: fact('keras-history-acc-key', 'Keras 2.3 / tf.keras 2.x', "Since Keras 2.3 the History keys follow the metric's name: metrics=['accuracy'] records 'accuracy' and 'val_accuracy', not 'acc'.", 'https://github.com/keras-team/keras/releases/tag/2.3.0'),
  trigger: /^KeyError: '(val_)?acc'/,
  static: false,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    for (const member of source.findAll('MemberExpression')) {
      const object = member.firstChild;
      const key = object?.nextSibling?.name === '[' ? object.nextSibling.nextSibling : null;
      if (!object || key?.name !== 'String' || !/(^|\.)history$/.test(source.textOf(object))) {
        continue;
      }
      const match = /^(['"])(val_)?acc\1$/.exec(source.textOf(key));
      if (match) {
        edits.push(replace(key, `${match[1]}${match[2] ?? ''}accuracy${match[1]}`));
      }
    }
    return edits;
  }
});

/** `model.save('my_model')` (a SavedModel directory) -> `model.save('my_model.keras')`. */
const savedModelSave = customRule({
  id: 'keras-savedmodel-save',
  category: 'behavior-change',
  fact: fact('keras-savedmodel-save', 'Keras 3.0', "Keras 3.0 model.save() only writes .keras (or .h5) files; a path without extension, the old SavedModel directory, needs '.keras' (or model.export() for serving).", MIGRATING_3),
  trigger: /Invalid filepath extension for saving/,
  static: false,
  fix: ({ source, error }) => {
    const received = /Received: filepath=(.*?)\.?$/.exec(error?.evalue ?? '')?.[1];
    return source.methodCalls('save').flatMap(call => {
      const [first] = source.callArguments(call);
      const match = first && !first.name && first.value.name === 'String' ? /^([rRbBuU]?)(['"])(.*)\2$/.exec(source.textOf(first.value)) : null;
      const path = match?.[3] ?? '';
      // The error names the path; without it, only a path with no extension (or .tf) was a SavedModel.
      const savedModel = received !== undefined ? received === path : !/\.\w+$/.test(path.split('/').pop() ?? '') || /\.tf$/.test(path);
      if (!match || /\.(keras|h5|hdf5)$/.test(path) || !savedModel) {
        return [];
      }
      return [replace(first.value, `${match[1]}${match[2]}${match[3].replace(/\/$/, '')}.keras${match[2]}`)];
    });
  }
});

// ---------------------------------------------------------------- layers

const KERAS1_KEYWORDS: Record<string, string> = {
  border_mode: 'padding',
  subsample: 'strides',
  init: 'kernel_initializer',
  W_regularizer: 'kernel_regularizer',
  b_regularizer: 'bias_regularizer',
  W_constraint: 'kernel_constraint',
  b_constraint: 'bias_constraint',
  output_dim: 'units',
  nb_filter: 'filters',
  filter_length: 'kernel_size',
  pool_length: 'pool_size',
  subsample_length: 'strides',
  dim_ordering: 'data_format'
};
const CONV_2D = /^(Convolution2D|Conv2D|SeparableConv2D|Conv2DTranspose|Deconvolution2D)$/;
const KERAS_LAYER = /^(Dense|Convolution[123]D|Conv[123]D|SeparableConv2D|Conv2DTranspose|Deconvolution2D|MaxPooling[123]D|AveragePooling[123]D|ZeroPadding[123]D|LSTM|GRU|SimpleRNN|Embedding|TimeDistributed|UpSampling[123]D|Cropping[123]D|LocallyConnected[12]D|AtrousConvolution2D)$/;

/** Keras 1 layer arguments: border_mode -> padding, Convolution2D(32, 3, 3) -> Conv2D(32, (3, 3)), ... */
const keras1Args = customRule({
  id: 'keras-conv-keras1-args',
  category: 'signature-change',
  fact: fact('keras-conv-keras1-args', 'Keras 2.0', 'Keras 2.0 renamed the Keras 1 layer arguments (border_mode -> padding, subsample -> strides, init -> kernel_initializer, output_dim -> units, nb_row, nb_col -> kernel_size) and Keras 3 dropped the conversions.', KERAS_2_0),
  trigger: /Unrecognized keyword arguments|unexpected keyword argument '(border_mode|subsample|init|W_regularizer|b_regularizer|output_dim|nb_filter|dim_ordering|filter_length|pool_length)'/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    for (const call of source.callsTo((qualified, dotted) => KERAS_LAYER.test(dotted.split('.').pop()!) && isKeras(qualified, true))) {
      const name = source.dottedName(source.callee(call))!.split('.').pop()!;
      const args = source.callArguments(call);
      for (const arg of args) {
        const to = arg.name ? KERAS1_KEYWORDS[arg.name] : undefined;
        if (!to || args.some(other => other.name === to)) {
          continue;
        }
        let value = source.textOf(arg.value);
        if (arg.name === 'dim_ordering') {
          value = { "'th'": "'channels_first'", '"th"': '"channels_first"', "'tf'": "'channels_last'", '"tf"': '"channels_last"' }[value] ?? value;
        }
        edits.push(replace(arg.node, `${to}=${value}`));
      }
      // Convolution2D(filters, nb_row, nb_col): the Keras 1 kernel size was two positional ints.
      const positional = args.filter(arg => !arg.name && !arg.star);
      if (CONV_2D.test(name) && positional.length === 3) {
        edits.push(replace({ from: positional[1].node.from, to: positional[2].node.to }, `(${source.textOf(positional[1].value)}, ${source.textOf(positional[2].value)})`));
      }
    }
    return edits;
  }
});

const MERGE_MODES: Record<string, string> = { concat: 'concatenate', sum: 'add', mul: 'multiply', ave: 'average', max: 'maximum' };

/** `merge([a, b], mode='concat', concat_axis=-1)` -> `concatenate([a, b], axis=-1)`. */
const mergeLayer = customRule({
  id: 'keras-merge-layer',
  category: 'removed-api',
  fact: fact('keras-merge-layer', 'Keras 2.x / Keras 3', "Keras 2.0 replaced the functional merge(mode=...) with concatenate/add/multiply/average/maximum (Keras 3 has no merge at all).", KERAS_2_0),
  trigger: /cannot import name 'merge' from|has no attribute 'merge'/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    const used = new Set<string>();
    for (const call of source.callsTo((qualified, dotted) => dotted.split('.').pop() === 'merge' && kerasModules('layers.merge').concat(kerasModules('layers.merge.merge')).includes(qualified))) {
      const args = source.callArguments(call);
      const mode = keywordArgument(source, call, 'mode');
      const modeText = mode ? /^(['"])(\w+)\1$/.exec(source.textOf(mode.value))?.[2] : 'sum';
      const fn = modeText ? MERGE_MODES[modeText] : undefined;
      if (!fn || args.some(arg => arg.name && !['mode', 'concat_axis', 'name'].includes(arg.name))) {
        return [];
      }
      used.add(fn);
      const callee = source.callee(call)!;
      edits.push(callee.name === 'MemberExpression' ? replace(callee.lastChild!, fn) : replace(callee, fn));
      if (mode) {
        edits.push(removeArgument(source, call, mode.node));
      }
      const axis = keywordArgument(source, call, 'concat_axis');
      if (axis) {
        edits.push(replace(axis.node, `axis=${source.textOf(axis.value)}`));
      }
    }
    if (used.size === 0) {
      return [];
    }
    edits.push(
      ...rewriteFromImports(
        source,
        module => kerasModules('layers').includes(module),
        (name, alias, module) => (name === 'merge' && !alias ? { module, part: [...used].sort().join(', ') } : undefined)
      )
    );
    return edits;
  }
});

// ---------------------------------------------------------------- modules

/** Keras 1/2 submodules whose contents live in keras.layers / keras.models today. */
const LEGACY_SUBMODULES: Record<string, string> = {
  'layers.core': 'layers',
  'layers.convolutional': 'layers',
  'layers.pooling': 'layers',
  'layers.recurrent': 'layers',
  'layers.normalization': 'layers',
  'layers.embeddings': 'layers',
  'layers.merge': 'layers',
  'layers.advanced_activations': 'layers',
  'layers.wrappers': 'layers',
  'layers.noise': 'layers',
  'layers.local': 'layers',
  'layers.convolutional_recurrent': 'layers',
  'layers.cudnn_recurrent': 'layers',
  'engine.topology': 'layers',
  'engine.base_layer': 'layers',
  'engine.input_layer': 'layers',
  'engine.training': 'models',
  'engine.sequential': 'models',
  'engine': 'layers'
};
/** Names of the engine modules that belong to keras.models rather than keras.layers. */
const MODEL_NAMES = new Set(['Model', 'Sequential']);

const legacySubmodules = customRule({
  id: 'keras-legacy-submodules',
  category: 'removed-api',
  fact: fact('keras-legacy-submodules', 'Keras 3.0', 'Keras 3.0 removed the internal submodules (keras.layers.core, keras.layers.convolutional, keras.engine.topology, ...); import from keras.layers / keras.models.', MIGRATING_3),
  trigger: /No module named '(tensorflow\.)?keras\.(layers\.\w+|engine)/,
  static: true,
  fix: ({ source }) =>
    rewriteFromImports(
      source,
      module => moduleSplit(module) !== undefined,
      (name, alias, module) => {
        const [root, sub] = moduleSplit(module)!;
        const target = MODEL_NAMES.has(name) ? 'models' : LEGACY_SUBMODULES[sub];
        return { module: `${root}.${target}`, part: alias ? `${name} as ${alias}` : name };
      }
    )
});

function moduleSplit(module: string): [string, string] | undefined {
  const match = /^(keras|tensorflow\.keras)\.(.+)$/.exec(module);
  return match && match[2] in LEGACY_SUBMODULES ? [match[1], match[2]] : undefined;
}

/** `from keras.utils import np_utils` -> `from keras import utils as np_utils`; `keras.utils.np_utils.to_categorical` -> `keras.utils.to_categorical`. */
const npUtils = customRule({
  id: 'keras-np_utils',
  category: 'removed-api',
  fact: fact('keras-np_utils', 'Keras 3.0 (approx.)', 'keras.utils.np_utils is gone from Keras 3.0 (approximately); to_categorical lives in keras.utils.', MIGRATING_3),
  trigger: /np_utils/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    for (const statement of source.findAll('ImportStatement')) {
      const text = source.textOf(statement);
      let match = /^from\s+((?:tensorflow\.)?keras)\.utils\s+import\s+np_utils(\s+as\s+\w+)?\s*$/.exec(text);
      if (match) {
        edits.push(replace(statement, `from ${match[1]} import utils as ${match[2]?.trim().split(/\s+/).pop() ?? 'np_utils'}`));
        continue;
      }
      match = /^from\s+((?:tensorflow\.)?keras)\.utils\.np_utils\s+import\s+([\s\S]+)$/.exec(text);
      if (match) {
        edits.push(replace(statement, `from ${match[1]}.utils import ${match[2]}`));
        continue;
      }
      match = /^import\s+((?:tensorflow\.)?keras)\.utils\.np_utils\s+as\s+(\w+)\s*$/.exec(text);
      if (match) {
        edits.push(replace(statement, `import ${match[1]}.utils as ${match[2]}`));
      }
    }
    for (const member of source.memberAccesses('np_utils')) {
      if (/^(tensorflow\.)?keras\.utils\.np_utils$/.test(source.qualifiedName(member) ?? '')) {
        edits.push({ from: member.firstChild!.to, to: member.to, insert: '' });
      }
    }
    return edits;
  }
});

/** The scikit-learn wrapper's own parameters; others are build-function arguments (model__). */
const SCIKERAS_PARAMS = new Set([
  'model', 'build_fn', 'warm_start', 'random_state', 'optimizer', 'loss', 'metrics', 'batch_size', 'validation_batch_size',
  'verbose', 'callbacks', 'validation_split', 'shuffle', 'run_eagerly', 'epochs', 'class_weight'
]);

/** keras.wrappers.scikit_learn -> scikeras.wrappers, build_fn= -> model=, build arguments -> model__x=. */
const wrappers = customRule({
  id: 'keras-wrappers-scikit_learn',
  category: 'removed-api',
  fact: fact('keras-wrappers-scikit_learn', 'Keras 2.12 / TF 2.12 (approx.)', 'keras.wrappers.scikit_learn was removed around Keras/TF 2.12; use the scikeras package (KerasClassifier(model=build_fn, model__units=...)).', 'https://adriangb.com/scikeras/stable/migration.html'),
  trigger: /No module named '(tensorflow\.)?keras\.wrappers(\.scikit_learn)?'|has no attribute 'wrappers'/,
  static: true,
  fix: ({ source }) => {
    const edits = rewriteFromImports(
      source,
      module => /^(tensorflow\.)?keras\.wrappers\.scikit_learn$/.test(module),
      (name, alias) => ({ module: 'scikeras.wrappers', part: alias ? `${name} as ${alias}` : name })
    );
    if (edits.length === 0) {
      return [];
    }
    for (const call of source.callsTo(qualified => /^(tensorflow\.)?keras\.wrappers\.scikit_learn\.Keras(Classifier|Regressor)$/.test(qualified))) {
      for (const arg of source.callArguments(call)) {
        if (arg.name === 'build_fn') {
          edits.push(replace(arg.node, `model=${source.textOf(arg.value)}`));
        } else if (arg.name && !SCIKERAS_PARAMS.has(arg.name)) {
          edits.push(replace(arg.node, `model__${arg.name}=${source.textOf(arg.value)}`));
        }
      }
    }
    return edits;
  }
});

// ---------------------------------------------------------------- TensorFlow 1

const TF1_NAMES = new Set([
  'placeholder', 'Session', 'InteractiveSession', 'global_variables_initializer', 'local_variables_initializer',
  'get_variable', 'variable_scope', 'random_normal', 'truncated_normal', 'random_uniform', 'reset_default_graph',
  'get_default_graph', 'set_random_seed', 'train.AdamOptimizer', 'train.GradientDescentOptimizer', 'train.Saver',
  'train.MomentumOptimizer', 'train.RMSPropOptimizer', 'layers.dense', 'nn.rnn_cell', 'losses.softmax_cross_entropy',
  'log', 'to_float'
]);

function tf1Uses(source: PythonSource): boolean {
  return source.findAll('MemberExpression').some(member => {
    const qualified = source.qualifiedName(member) ?? '';
    return qualified.startsWith('tensorflow.') && TF1_NAMES.has(qualified.slice('tensorflow.'.length));
  });
}

/** `import tensorflow as tf` -> `import tensorflow.compat.v1 as tf` + `tf.disable_v2_behavior()` when the cell is TF1 graph code. */
const tf1Compat = customRule({
  id: 'tf1-session-placeholder',
  category: 'removed-api',
  fact: fact('tf1-session-placeholder', 'TF 2.0', 'TensorFlow 2.0 removed the TF1 graph API (tf.placeholder, tf.Session, tf.global_variables_initializer...); tensorflow.compat.v1 with disable_v2_behavior() runs it.', 'https://www.tensorflow.org/guide/migrate'),
  trigger: /module 'tensorflow' has no attribute '(placeholder|Session|InteractiveSession|global_variables_initializer|get_variable|variable_scope|random_normal|truncated_normal|reset_default_graph|set_random_seed|train)'|module 'tensorflow\._api\.v2\.train' has no attribute/,
  static: true,
  fix: ({ source }) => {
    if (!tf1Uses(source) || source.findAll('ImportStatement').some(s => /tensorflow\.compat\.v1/.test(source.textOf(s)))) {
      return [];
    }
    for (const statement of source.findAll('ImportStatement')) {
      const match = /^import\s+tensorflow(\s+as\s+(\w+))?\s*$/.exec(source.textOf(statement));
      if (match) {
        const alias = match[2] ?? 'tensorflow';
        const indent = source.indentAt(statement.from);
        return [replace(statement, `import tensorflow.compat.v1 as ${alias}\n${indent}${alias}.disable_v2_behavior()`)];
      }
    }
    const alias = [...source.imports].find(([, target]) => target === 'tensorflow')?.[0];
    return alias ? [insertAt(0, `import tensorflow.compat.v1 as ${alias}\n${alias}.disable_v2_behavior()\n`)] : [];
  }
});

export const kerasRules: IRule[] = [
  optimizerLr,
  fitGenerator,
  predictClasses,
  predictProba,
  nbEpoch,
  historyAcc,
  savedModelSave,
  keras1Args,
  mergeLayer,
  legacySubmodules,
  npUtils,
  wrappers,
  tf1Compat
];
