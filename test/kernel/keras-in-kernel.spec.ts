/**
 * The Keras / TensorFlow rules, and the GPU rules of Keras and PyTorch, end
 * to end in the real kernel of the project venv (TensorFlow 2.21, Keras 3.15,
 * scikeras 0.13, torch 2.13 CPU build: requirements-kernel.txt): the Keras
 * 1/2, TF1 and GPU-only code fails, the error picks the rule, the rewrite runs
 * and prints what the old code meant to print.
 *
 * One kernel for every case (importing TensorFlow takes seconds); tiny
 * models, one epoch. The TF1 case runs last: disable_v2_behavior() changes
 * the kernel's TensorFlow for good.
 */
import { kernelCases } from '../helpers/rulecases';
import type { IFailingCase } from '../helpers/rulecases';

const KERAS =
  'import numpy as np\n' +
  'import keras\n' +
  'from keras.models import Sequential\n' +
  'from keras.layers import Dense, Input\n' +
  "X = np.random.RandomState(0).rand(32, 4).astype('float32')\n" +
  "y = (X.sum(axis=1) > 2).astype('int32')\n";
const MODEL =
  KERAS +
  "model = Sequential([Input((4,)), Dense(1, activation='sigmoid')])\n" +
  "model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])\n";

const cases: IFailingCase[] = [
  {
    ruleId: 'keras-optimizer-lr',
    setup: KERAS,
    old: 'from keras.optimizers import Adam\nopt = Adam(lr=0.01)\nprint(round(float(opt.learning_rate), 4))\n',
    prints: '0.01'
  },
  {
    ruleId: 'keras-optimizer-lr',
    setup: 'import tensorflow as tf\n',
    old: 'opt = tf.keras.optimizers.SGD(lr=0.01, momentum=0.9, decay=1e-6)\nprint(type(opt).__name__, opt.momentum)\n',
    prints: 'SGD 0.9'
  },
  {
    ruleId: 'keras-fit_generator',
    setup: MODEL + 'def batches():\n    while True:\n        yield X, y\n',
    old: "model.fit_generator(batches(), steps_per_epoch=2, epochs=1, verbose=0, workers=2)\nprint('fitted')\n",
    prints: 'fitted'
  },
  { ruleId: 'keras-predict_classes', setup: MODEL, old: 'classes = model.predict_classes(X, verbose=0)\nprint(classes.shape, classes.dtype)\n', prints: '(32, 1) int32' },
  { ruleId: 'keras-predict_proba', setup: MODEL, old: 'p = model.predict_proba(X, verbose=0)\nprint(p.shape)\n', prints: '(32, 1)' },
  { ruleId: 'keras-nb_epoch', setup: MODEL, old: "h = model.fit(X, y, nb_epoch=1, verbose=0)\nprint(len(h.history['loss']))\n", prints: '1' },
  {
    ruleId: 'keras-history-acc-key',
    setup: MODEL + 'history = model.fit(X, y, epochs=1, validation_split=0.25, verbose=0)\n',
    old: "print(len(history.history['acc']), len(history.history['val_acc']))\n",
    prints: '1 1'
  },
  {
    ruleId: 'keras-savedmodel-save',
    setup: MODEL + 'import os, tempfile\nos.chdir(tempfile.mkdtemp())\n',
    old: "model.save('my_model')\nprint(os.path.exists('my_model.keras'))\n",
    prints: 'True'
  },
  {
    ruleId: 'keras-conv-keras1-args',
    setup: KERAS,
    old: "from keras.layers import Convolution2D\nlayer = Convolution2D(4, 3, 3, border_mode='same', init='glorot_uniform')\nprint(layer.padding, layer.kernel_size)\n",
    prints: 'same (3, 3)'
  },
  {
    ruleId: 'keras-merge-layer',
    setup: KERAS,
    old: "from keras.layers import merge\na = Input((2,))\nb = Input((3,))\nm = merge([a, b], mode='concat', concat_axis=-1)\nprint(tuple(m.shape))\n",
    prints: '(None, 5)'
  },
  {
    ruleId: 'keras-legacy-submodules',
    old: 'from keras.layers.core import Dense, Dropout\nfrom keras.engine.topology import Input\nprint(Dense(2).units, Dropout(0.5).rate)\n',
    prints: '2 0.5'
  },
  {
    ruleId: 'keras-np_utils',
    old: 'from keras.utils import np_utils\nprint(np_utils.to_categorical([0, 2]).shape)\n',
    prints: '(2, 3)'
  },
  {
    ruleId: 'keras-wrappers-scikit_learn',
    setup:
      KERAS +
      "def build(units=4):\n    m = Sequential([Input((4,)), Dense(units, activation='relu'), Dense(1, activation='sigmoid')])\n" +
      "    m.compile(optimizer='adam', loss='binary_crossentropy')\n    return m\n",
    old: 'from keras.wrappers.scikit_learn import KerasClassifier\nclf = KerasClassifier(build_fn=build, units=3, epochs=1, verbose=0)\nclf.fit(X, y)\nprint(clf.predict(X).shape)\n',
    prints: '(32,)'
  },
  // GPU-only code on this CPU machine (hardware.ts)
  { ruleId: 'hardware-torch-cuda', setup: 'import torch\n', old: "x = torch.ones(3, device='cuda')\nprint(x.sum().item())\n", prints: '3.0' },
  {
    ruleId: 'hardware-keras-multi_gpu_model',
    setup: MODEL,
    old: 'from keras.utils import multi_gpu_model\nparallel = multi_gpu_model(model, gpus=2)\nprint(parallel.predict(X, verbose=0).shape)\n',
    prints: '(32, 1)'
  },
  {
    ruleId: 'hardware-keras-cudnn-layers',
    setup: KERAS,
    old: 'from keras.layers import CuDNNLSTM\nlayer = CuDNNLSTM(4, return_sequences=True)\nprint(layer.units)\n',
    prints: '4'
  },
  // Last: see the file comment.
  {
    ruleId: 'tf1-session-placeholder',
    old:
      'import tensorflow as tf\nx = tf.placeholder(tf.float32, shape=[None, 2])\ntotal = tf.reduce_sum(x)\n' +
      'with tf.Session() as sess:\n    print(sess.run(total, feed_dict={x: [[1.0, 2.0]]}))\n',
    prints: '3.0'
  }
];

describe('keras and tensorflow rules in the real kernel', () => {
  const { failsThenRuns } = kernelCases();

  describe('Keras 1/2 and TF1 code fails, the error picks the rule, the rewrite runs', () => {
    it.each(cases.map(c => [c.ruleId, c]))('%s', async (_, testCase) => {
      await failsThenRuns(testCase as IFailingCase);
    });
  });
});
