import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';
import { PythonSource } from '../../../src/core/python/syntax';

/**
 * The rules on source, with the error texts of Keras 3 / TF 2.16 and later;
 * test/kernel/keras-in-kernel.spec.ts runs them in a kernel with TensorFlow.
 */
const engine = new RuleEngine(allRules, allFamilies);
const error = (ename: string, evalue: string) => ({ ename, evalue, traceback: [] });

/** [rule id, ename, evalue, before, after] */
const cases: [string, string, string, string, string][] = [
  [
    'keras-optimizer-lr',
    'ValueError',
    "Argument(s) not recognized: {'lr': 0.001}",
    'from keras.optimizers import Adam\nmodel.compile(optimizer=Adam(lr=0.001), loss="mse")\n',
    'from keras.optimizers import Adam\nmodel.compile(optimizer=Adam(learning_rate=0.001), loss="mse")\n'
  ],
  [
    'keras-optimizer-lr',
    'ValueError',
    "Argument(s) not recognized: {'lr': 0.01, 'decay': 1e-06}",
    'import tensorflow as tf\nopt = tf.keras.optimizers.SGD(lr=0.01, momentum=0.9, decay=1e-6)\n',
    'import tensorflow as tf\nopt = tf.keras.optimizers.SGD(learning_rate=tf.keras.optimizers.schedules.InverseTimeDecay(0.01, decay_steps=1, decay_rate=1e-6), momentum=0.9)\n'
  ],
  [
    'keras-fit_generator',
    'AttributeError',
    "'Sequential' object has no attribute 'fit_generator'",
    'model.fit_generator(gen, steps_per_epoch=100, epochs=10, workers=4, use_multiprocessing=True)\nscore = model.evaluate_generator(val_gen)\n',
    'model.fit(gen, steps_per_epoch=100, epochs=10)\nscore = model.evaluate(val_gen)\n'
  ],
  [
    'keras-predict_classes',
    'AttributeError',
    "'Sequential' object has no attribute 'predict_classes'",
    'y_pred = model.predict_classes(X_test)\n',
    "y_pred = (lambda p: p.argmax(axis=-1) if p.shape[-1] > 1 else (p > 0.5).astype('int32'))(model.predict(X_test))\n"
  ],
  [
    'keras-predict_proba',
    'AttributeError',
    "'Sequential' object has no attribute 'predict_proba'",
    'nn = Sequential()\nclf = RandomForestClassifier()\np1 = nn.predict_proba(X)\np2 = clf.predict_proba(X)\n',
    'nn = Sequential()\nclf = RandomForestClassifier()\np1 = nn.predict(X)\np2 = clf.predict_proba(X)\n'
  ],
  [
    'keras-nb_epoch',
    'TypeError',
    "TensorFlowTrainer.fit() got an unexpected keyword argument 'nb_epoch'",
    'model.fit(X, y, nb_epoch=10, batch_size=32)\n',
    'model.fit(X, y, epochs=10, batch_size=32)\n'
  ],
  [
    'keras-history-acc-key',
    'KeyError',
    "'acc'",
    "plt.plot(history.history['acc'])\nplt.plot(history.history['val_acc'])\n",
    "plt.plot(history.history['accuracy'])\nplt.plot(history.history['val_accuracy'])\n"
  ],
  [
    'keras-savedmodel-save',
    'ValueError',
    'Invalid filepath extension for saving. Please add either a `.keras` extension for the native Keras format (recommended) or a `.h5` extension. Use `model.export(filepath)` if you want to export a SavedModel for use with TFLite/TFServing/etc. Received: filepath=my_model.',
    "model.save('my_model')\n",
    "model.save('my_model.keras')\n"
  ],
  [
    'keras-conv-keras1-args',
    'ValueError',
    "Unrecognized keyword arguments passed to Conv2D: {'border_mode': 'same'}",
    "from keras.layers import Convolution2D, Dense\nmodel.add(Convolution2D(32, 3, 3, border_mode='same', subsample=(2, 2), init='he_normal', dim_ordering='th'))\nmodel.add(Dense(output_dim=10))\n",
    "from keras.layers import Convolution2D, Dense\nmodel.add(Convolution2D(32, (3, 3), padding='same', strides=(2, 2), kernel_initializer='he_normal', data_format='channels_first'))\nmodel.add(Dense(units=10))\n"
  ],
  [
    'keras-merge-layer',
    'ImportError',
    "cannot import name 'merge' from 'keras.layers' (/venv/keras/layers/__init__.py)",
    "from keras.layers import Input, merge\nx = merge([a, b], mode='concat', concat_axis=-1)\n",
    'from keras.layers import Input, concatenate\nx = concatenate([a, b], axis=-1)\n'
  ],
  [
    'keras-legacy-submodules',
    'ModuleNotFoundError',
    "No module named 'keras.layers.core'",
    'from keras.layers.core import Dense, Dropout\nfrom keras.engine.topology import Layer\nfrom keras.engine.training import Model\n',
    'from keras.layers import Dense, Dropout\nfrom keras.layers import Layer\nfrom keras.models import Model\n'
  ],
  [
    'keras-np_utils',
    'ImportError',
    "cannot import name 'np_utils' from 'keras.utils' (/venv/keras/utils/__init__.py)",
    'from keras.utils import np_utils\ny = np_utils.to_categorical(y, 10)\n',
    'from keras import utils as np_utils\ny = np_utils.to_categorical(y, 10)\n'
  ],
  [
    'keras-np_utils',
    'ModuleNotFoundError',
    "No module named 'keras.utils.np_utils'",
    'from keras.utils.np_utils import to_categorical\n',
    'from keras.utils import to_categorical\n'
  ],
  [
    'keras-wrappers-scikit_learn',
    'ModuleNotFoundError',
    "No module named 'keras.wrappers'",
    'from keras.wrappers.scikit_learn import KerasClassifier\nclf = KerasClassifier(build_fn=create_model, epochs=10, batch_size=32, units=64, verbose=0)\n',
    'from scikeras.wrappers import KerasClassifier\nclf = KerasClassifier(model=create_model, epochs=10, batch_size=32, model__units=64, verbose=0)\n'
  ],
  [
    // Keras 3.15 has a keras.wrappers of its own (SKLearnClassifier), without scikit_learn.
    'keras-wrappers-scikit_learn',
    'ModuleNotFoundError',
    "No module named 'keras.wrappers.scikit_learn'",
    'from keras.wrappers.scikit_learn import KerasRegressor\nreg = KerasRegressor(build_fn=build)\n',
    'from scikeras.wrappers import KerasRegressor\nreg = KerasRegressor(model=build)\n'
  ],
  [
    'tf1-session-placeholder',
    'AttributeError',
    "module 'tensorflow' has no attribute 'placeholder'",
    'import tensorflow as tf\nx = tf.placeholder(tf.float32, [None, 784])\nsess = tf.Session()\n',
    'import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\nx = tf.placeholder(tf.float32, [None, 784])\nsess = tf.Session()\n'
  ]
];

describe('Keras / TensorFlow rules', () => {
  it.each(cases)('%s fixes %s: %s', (id, ename, evalue, before, after) => {
    const proposal = engine.propose(before, error(ename, evalue));
    expect(proposal?.rules[0].id).toBe(id);
    expect(proposal?.source).toBe(after);
  });

  it('rewrites a TF1 cell whose tensorflow import is in an earlier cell', () => {
    const proposal = engine.propose(
      'sess = tf.Session()\nsess.run(tf.global_variables_initializer())\n',
      error('AttributeError', "module 'tensorflow' has no attribute 'Session'"),
      new Map([['tf', 'tensorflow']])
    );
    expect(proposal?.source).toBe(
      'import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\nsess = tf.Session()\nsess.run(tf.global_variables_initializer())\n'
    );
  });

  it('lists Keras 1/2 shapes in the pre-flight scan', () => {
    const findings = engine.scan(
      'from keras.layers.core import Dense\nfrom keras.optimizers import SGD\nopt = SGD(lr=0.1)\nmodel.fit_generator(gen, nb_epoch=5)\n'
    );
    expect(findings.filter(f => /^(keras|tf1)-/.test(f.rule.id)).map(f => [f.rule.id, f.line])).toEqual([
      ['keras-optimizer-lr', 3],
      ['keras-fit_generator', 4],
      ['keras-nb_epoch', 4],
      ['keras-legacy-submodules', 1]
    ]);
  });

  /** [rule id, source that must be left alone] */
  it.each([
    ['keras-optimizer-lr', 'import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.01)\n'],
    ['keras-optimizer-lr', 'from torch.optim import Adam\nopt = Adam(params, lr=1e-3)\n'],
    ['keras-optimizer-lr', 'opt = Adam(lr=1e-3)\n'],
    ['keras-predict_proba', 'clf = LogisticRegression()\np = clf.predict_proba(X)\n'],
    ['keras-savedmodel-save', "img.save('out.png')\nmodel.save('model.h5')\n"],
    ['keras-history-acc-key', "scores['acc']\n"],
    ['keras-conv-keras1-args', "Conv2D(32, (3, 3), padding='same')\n"],
    ['tf1-session-placeholder', 'import tensorflow as tf\nx = tf.constant(1)\n']
  ])('%s leaves other shapes alone: %j', (id, code) => {
    expect(engine.get(id)!.fix({ source: new PythonSource(code) })).toEqual([]);
  });

  it('gives every rule its catalog id and a one-sentence fact', () => {
    for (const rule of engine.rules.filter(r => r.fact.library === 'keras/tensorflow' && (r.id.startsWith('keras-') || r.id.startsWith('tf1-')))) {
      expect([rule.id, rule.fact.catalogId, /^(Keras|TensorFlow|Sequential|Since|keras)/.test(rule.fact.message)]).toEqual([rule.id, rule.id, true]);
    }
  });
});
