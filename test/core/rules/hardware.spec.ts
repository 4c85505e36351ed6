import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';
import { PythonSource } from '../../../src/core/python/syntax';

/** The libraries' own error texts; test/kernel/keras-in-kernel.spec.ts raises some of them in a real kernel. */
const engine = new RuleEngine(allRules, allFamilies);
const error = (ename: string, evalue: string) => ({ ename, evalue, traceback: [] });

/** [rule id, ename, evalue, before, after] */
const cases: [string, string, string, string, string][] = [
  [
    'hardware-torch-cuda',
    'AssertionError',
    'Torch not compiled with CUDA enabled',
    "import torch\nmodel = Net().cuda()\nx = torch.zeros(3, device='cuda')\ny = x.to('cuda:0')\ndev = torch.device('cuda')\nt = torch.cuda.FloatTensor(2)\n",
    "import torch\nmodel = Net().cpu()\nx = torch.zeros(3, device='cpu')\ny = x.to('cpu')\ndev = torch.device('cpu')\nt = torch.FloatTensor(2)\n"
  ],
  [
    'hardware-torch-cuda',
    'RuntimeError',
    'Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx',
    'inputs, labels = inputs.cuda(0), labels.cuda(non_blocking=True)\n',
    'inputs, labels = inputs.cpu(), labels.cpu()\n'
  ],
  [
    'hardware-torch-load-map_location',
    'RuntimeError',
    "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.",
    "import torch\nstate = torch.load('weights.pth')\n",
    "import torch\nstate = torch.load('weights.pth', map_location='cpu')\n"
  ],
  [
    'hardware-lightgbm-gpu',
    'LightGBMError',
    'No OpenCL device found',
    "import lightgbm as lgb\nclf = lgb.LGBMClassifier(device='gpu', n_estimators=200)\n",
    "import lightgbm as lgb\nclf = lgb.LGBMClassifier(device='cpu', n_estimators=200)\n"
  ],
  [
    'hardware-lightgbm-gpu',
    'LightGBMError',
    'CUDA Tree Learner was not enabled in this build.\nPlease recompile with CMake option -DUSE_CUDA=1 (NVIDIA GPUs) or -DUSE_ROCM=1 (AMD GPUs)',
    "import lightgbm as lgb\nparams = {'objective': 'binary', 'device_type': 'cuda'}\nbst = lgb.train(params, dtrain)\n",
    "import lightgbm as lgb\nparams = {'objective': 'binary', 'device_type': 'cpu'}\nbst = lgb.train(params, dtrain)\n"
  ],
  [
    'hardware-keras-multi_gpu_model',
    'ImportError',
    "cannot import name 'multi_gpu_model' from 'keras.utils'",
    'from keras.utils import multi_gpu_model, plot_model\nparallel_model = multi_gpu_model(model, gpus=2)\n',
    'from keras.utils import plot_model\nparallel_model = model\n'
  ],
  [
    'hardware-keras-cudnn-layers',
    'ImportError',
    "cannot import name 'CuDNNLSTM' from 'keras.layers'",
    'from keras.layers import Dense, CuDNNLSTM\nmodel.add(CuDNNLSTM(64, return_sequences=True))\n',
    'from keras.layers import Dense, LSTM\nmodel.add(LSTM(64, return_sequences=True))\n'
  ],
  [
    'hardware-tpu-strategy',
    'ValueError',
    'Please provide a TPU Name to connect to.',
    'import tensorflow as tf\ntpu = tf.distribute.cluster_resolver.TPUClusterResolver()\ntf.config.experimental_connect_to_cluster(tpu)\ntf.tpu.experimental.initialize_tpu_system(tpu)\nstrategy = tf.distribute.experimental.TPUStrategy(tpu)\n',
    'import tensorflow as tf\ntpu = None\npass  # no TPU here: tf.config.experimental_connect_to_cluster(tpu)\npass  # no TPU here: tf.tpu.experimental.initialize_tpu_system(tpu)\nstrategy = tf.distribute.get_strategy()\n'
  ]
];

describe('hardware fallback rules', () => {
  it.each(cases)('%s fixes %s: %s', (id, ename, evalue, before, after) => {
    const proposal = engine.propose(before, error(ename, evalue));
    expect(proposal?.rules[0].id).toBe(id);
    expect(proposal?.source).toBe(after);
  });

  it('lists GPU-only code in the pre-flight scan', () => {
    const findings = engine.scan("model = model.cuda()\nclf = LGBMClassifier(device='gpu')\n");
    expect(findings.filter(f => f.rule.id.startsWith('hardware-')).map(f => [f.rule.id, f.line])).toEqual([
      ['hardware-torch-cuda', 1],
      ['hardware-lightgbm-gpu', 2]
    ]);
  });

  /** [rule id, source that must be left alone] */
  it.each([
    ['hardware-torch-cuda', "device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')\nmodel.to(device)\n"],
    ['hardware-torch-cuda', "x = x.to('cpu')\n"],
    ['hardware-torch-load-map_location', "state = torch.load('w.pth', map_location=device)\n"],
    ['hardware-lightgbm-gpu', "cfg = {'device': 'gpu'}\n"],
    [
      'hardware-tpu-strategy',
      'try:\n    tpu = tf.distribute.cluster_resolver.TPUClusterResolver()\n    strategy = tf.distribute.TPUStrategy(tpu)\nexcept ValueError:\n    strategy = tf.distribute.get_strategy()\n'
    ]
  ])('%s leaves other shapes alone: %j', (id, code) => {
    expect(engine.get(id)!.fix({ source: new PythonSource(code) })).toEqual([]);
  });

  it('marks every hardware rule with the hardware category', () => {
    expect(engine.rules.filter(r => r.id.startsWith('hardware-')).map(r => r.category)).toEqual(Array(6).fill('hardware'));
  });
});
