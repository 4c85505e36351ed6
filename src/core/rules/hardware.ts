/**
 * Hardware fallbacks: code written for a GPU or TPU machine, run where there
 * is none. Each rewrite keeps the computation and moves it to the CPU.
 * Conditional device choices (`'cuda' if torch.cuda.is_available() else
 * 'cpu'`) already work everywhere and are left alone.
 */
import type { SyntaxNode } from '@lezer/common';
import { customRule } from './builders';
import { rewriteFromImports } from '../python/imports';
import { insertAt, replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import type { PythonSource } from '../python/syntax';
import { isLgbmConstructor } from './lightgbm';
import type { IRule } from './types';

const CUDA_STRING = /^([rRbBuU]?)(['"])cuda(:\d+)?\2$/;

/** x.cuda() -> x.cpu(); torch.device('cuda') / .to('cuda') / device='cuda' -> 'cpu'; torch.cuda.FloatTensor -> torch.FloatTensor. */
const torchCuda = customRule({
  id: 'hardware-torch-cuda',
  category: 'hardware',
  fact: {
    library: 'torch',
    version: 'any',
    message: "PyTorch needs a CUDA GPU and a CUDA build for .cuda() and device='cuda'; on a CPU-only machine the same code runs with .cpu() / device='cpu'.",
    source: 'https://pytorch.org/docs/stable/notes/cuda.html'
  },
  trigger: /Torch not compiled with CUDA enabled|Found no NVIDIA driver on your system|No CUDA GPUs are available|no CUDA-capable device is detected|CUDA driver initialization failed/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    for (const call of source.methodCalls('cuda')) {
      const args = source.callArguments(call);
      if (args.some(arg => arg.name && arg.name !== 'device' && arg.name !== 'non_blocking')) {
        continue;
      }
      const argList = call.getChild('ArgList')!;
      edits.push(replace(source.callee(call)!.lastChild!, 'cpu'), replace(argList, '()'));
    }
    const cpu = (node: SyntaxNode) => {
      const match = CUDA_STRING.exec(source.textOf(node));
      return match ? [replace(node, `${match[1]}${match[2]}cpu${match[2]}`)] : [];
    };
    for (const call of source.findAll('CallExpression')) {
      const callee = source.callee(call);
      const qualified = source.qualifiedName(callee) ?? '';
      const args = source.callArguments(call);
      const method = callee?.name === 'MemberExpression' ? source.textOf(callee.lastChild!) : undefined;
      if ((qualified === 'torch.device' || method === 'to') && args[0] && !args[0].name && args[0].value.name === 'String') {
        edits.push(...cpu(args[0].value));
      }
      for (const arg of args) {
        if (arg.name === 'device' && arg.value.name === 'String') {
          edits.push(...cpu(arg.value));
        }
      }
      if (qualified === 'torch.set_default_tensor_type' && args[0]?.value.name === 'String') {
        const text = source.textOf(args[0].value);
        if (text.includes('torch.cuda.')) {
          edits.push(replace(args[0].value, text.replace('torch.cuda.', 'torch.')));
        }
      }
    }
    for (const member of source.findAll('MemberExpression')) {
      const qualified = source.qualifiedName(member) ?? '';
      const match = /^torch\.cuda\.(Float|Double|Half|Long|Int|Short|Byte|Bool|Char)Tensor$/.exec(qualified);
      if (match && member.firstChild?.name === 'MemberExpression') {
        // torch.cuda.FloatTensor -> torch.FloatTensor: drop the `.cuda` link of the chain.
        const inner = member.firstChild;
        edits.push({ from: inner.firstChild!.to, to: inner.to, insert: '' });
      }
    }
    return edits;
  }
});

/** torch.load(f) of a checkpoint saved on a GPU -> map_location='cpu'. */
const torchLoad = customRule({
  id: 'hardware-torch-load-map_location',
  category: 'hardware',
  fact: {
    library: 'torch',
    version: 'any',
    message: "torch.load of a checkpoint saved on a GPU needs map_location='cpu' on a machine without CUDA.",
    source: 'https://pytorch.org/docs/stable/generated/torch.load.html'
  },
  trigger: /Attempting to deserialize object on a CUDA device but torch\.cuda\.is_available\(\) is False/,
  static: false,
  fix: ({ source }) =>
    source
      .callsTo(qualified => qualified === 'torch.load')
      .filter(call => !source.callArguments(call).some(arg => arg.name === 'map_location' || arg.star))
      .flatMap(call => {
        const args = source.callArguments(call);
        if (args.length !== 1) {
          return [];
        }
        return [insertAt(args[0].node.to, ", map_location='cpu'")];
      })
});

/** Dictionaries passed as params to lightgbm.train / lightgbm.cv (directly or through a name). */
function lgbParamDicts(source: PythonSource): SyntaxNode[] {
  const dicts: SyntaxNode[] = [];
  for (const call of source.callsTo(qualified => qualified === 'lightgbm.train' || qualified === 'lightgbm.cv')) {
    const first = source.callArguments(call)[0];
    if (!first || first.name) {
      continue;
    }
    if (first.value.name === 'DictionaryExpression') {
      dicts.push(first.value);
    } else if (first.value.name === 'VariableName') {
      for (const assign of source.findAll('AssignStatement')) {
        if (source.textOf(assign.firstChild!) === source.textOf(first.value) && assign.lastChild?.name === 'DictionaryExpression') {
          dicts.push(assign.lastChild);
        }
      }
    }
  }
  return dicts;
}

const GPU_VALUE = /^(['"])(gpu|cuda)\1$/;

/** LightGBM device='gpu' / device_type='cuda' -> 'cpu'. */
const lightgbmGpu = customRule({
  id: 'hardware-lightgbm-gpu',
  category: 'hardware',
  fact: {
    library: 'lightgbm',
    version: '4.0.0',
    message: "LightGBM's device='gpu'/'cuda' needs a GPU build and an OpenCL/CUDA device; the pip wheel on a CPU machine trains with device='cpu'.",
    source: 'https://lightgbm.readthedocs.io/en/stable/GPU-Tutorial.html'
  },
  trigger: /No OpenCL device found|GPU Tree Learner was not enabled in this build|CUDA Tree Learner was not enabled in this build/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    const cpu = (node: SyntaxNode) => {
      const quote = source.textOf(node)[0];
      edits.push(replace(node, `${quote}cpu${quote}`));
    };
    for (const call of source.findAll('CallExpression')) {
      if (!isLgbmConstructor(source, call)) {
        continue;
      }
      for (const arg of source.callArguments(call)) {
        if ((arg.name === 'device' || arg.name === 'device_type') && GPU_VALUE.test(source.textOf(arg.value))) {
          cpu(arg.value);
        }
      }
    }
    for (const dict of lgbParamDicts(source)) {
      for (let key = dict.firstChild; key; key = key.nextSibling) {
        const value = key.nextSibling?.name === ':' ? key.nextSibling.nextSibling : null;
        if (key.name === 'String' && /^(['"])(device|device_type)\1$/.test(source.textOf(key)) && value && GPU_VALUE.test(source.textOf(value))) {
          cpu(value);
        }
      }
    }
    return edits;
  }
});

/** `parallel = multi_gpu_model(model, gpus=2)` -> `parallel = model`. */
const multiGpuModel = customRule({
  id: 'hardware-keras-multi_gpu_model',
  category: 'hardware',
  fact: {
    library: 'keras/tensorflow',
    version: 'TF 2.4',
    message: 'keras.utils.multi_gpu_model was removed in TensorFlow 2.4 (use tf.distribute.MirroredStrategy); on one device the model itself does the same work.',
    source: 'https://github.com/tensorflow/tensorflow/releases/tag/v2.4.0'
  },
  trigger: /cannot import name 'multi_gpu_model'|has no attribute 'multi_gpu_model'/,
  static: true,
  fix: ({ source }) => {
    const calls = source.callsTo((qualified, dotted) => dotted.split('.').pop() === 'multi_gpu_model' && /(^|\.)utils(\.training_utils|\.multi_gpu_utils)?\.multi_gpu_model$|^multi_gpu_model$/.test(qualified));
    const edits: IEdit[] = [];
    for (const call of calls) {
      const model = source.callArguments(call).find(arg => !arg.name || arg.name === 'model');
      if (!model) {
        return [];
      }
      edits.push(replace(call, source.textOf(model.value)));
    }
    edits.push(
      ...rewriteFromImports(
        source,
        module => /^(tensorflow\.)?keras\.utils(\.training_utils|\.multi_gpu_utils)?$/.test(module),
        name => (name === 'multi_gpu_model' ? null : undefined)
      )
    );
    return edits;
  }
});

/** CuDNNLSTM / CuDNNGRU -> LSTM / GRU (which use cuDNN by themselves when a GPU is there). */
const cudnnLayers = customRule({
  id: 'hardware-keras-cudnn-layers',
  category: 'hardware',
  fact: {
    library: 'keras/tensorflow',
    version: 'TF 2.0',
    message: 'TensorFlow 2.0 dropped the GPU-only CuDNNLSTM/CuDNNGRU layers: LSTM and GRU (defaults) use cuDNN when a GPU is there and run on the CPU otherwise.',
    source: 'https://www.tensorflow.org/guide/keras/working_with_rnns#performance_optimization_and_cudnn_kernels'
  },
  trigger: /cannot import name 'CuDNN(LSTM|GRU)'|has no attribute 'CuDNN(LSTM|GRU)'/,
  static: true,
  fix: ({ source }) => {
    const renames: Record<string, string> = { CuDNNLSTM: 'LSTM', CuDNNGRU: 'GRU' };
    const aliased = new Set<string>();
    const edits = rewriteFromImports(
      source,
      module => /^(tensorflow\.)?keras\.layers(\.cudnn_recurrent)?$/.test(module),
      (name, alias, module) => {
        if (!(name in renames)) {
          return undefined;
        }
        if (alias) {
          aliased.add(alias);
        }
        return { module: module.replace(/\.cudnn_recurrent$/, ''), part: alias ? `${renames[name]} as ${alias}` : renames[name] };
      }
    );
    for (const node of source.findAll('VariableName', 'MemberExpression')) {
      if (node.parent?.name === 'ImportStatement') {
        continue;
      }
      const qualified = source.qualifiedName(node) ?? '';
      const match = /^(tensorflow\.)?keras\.(layers\.)?(cudnn_recurrent\.)?(CuDNNLSTM|CuDNNGRU)$/.exec(qualified);
      if (!match || aliased.has(source.textOf(node))) {
        continue;
      }
      edits.push(node.name === 'MemberExpression' ? replace(node.lastChild!, renames[match[4]]) : replace(node, renames[match[4]]));
    }
    return edits;
  }
});

/** Statements inside a `try:` body already have a fallback (the usual Kaggle TPU boilerplate). */
function guarded(node: SyntaxNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.name === 'Body' && parent.parent?.name === 'TryStatement' && parent.prevSibling?.name === 'try') {
      return true;
    }
  }
  return false;
}

/**
 * Unguarded TPU set-up -> the default strategy: the resolver becomes None,
 * connecting/initializing is commented out, TPUStrategy(...) becomes
 * tf.distribute.get_strategy().
 */
const tpuStrategy = customRule({
  id: 'hardware-tpu-strategy',
  category: 'hardware',
  fact: {
    library: 'keras/tensorflow',
    version: 'any',
    message: 'TPUClusterResolver and TPUStrategy need a TPU; without one, tf.distribute.get_strategy() (the default strategy) runs the same model code on the CPU/GPU.',
    source: 'https://www.tensorflow.org/guide/tpu'
  },
  trigger: /Please provide a TPU Name to connect to|Could not find any TPU|TPUClusterResolver|No TPU/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    for (const call of source.findAll('CallExpression')) {
      const dotted = source.dottedName(source.callee(call)) ?? '';
      const name = dotted.split('.').pop();
      if (guarded(call) || !['TPUClusterResolver', 'experimental_connect_to_cluster', 'initialize_tpu_system', 'TPUStrategy'].includes(name ?? '')) {
        continue;
      }
      if (name === 'TPUStrategy') {
        const head = dotted.split('.')[0];
        const tf = source.imports.get(head) === 'tensorflow' ? head : 'tf';
        edits.push(replace(call, `${tf}.distribute.get_strategy()`));
        continue;
      }
      const statement = source.statementOf(call);
      if (name === 'TPUClusterResolver' && statement.name === 'AssignStatement' && statement.lastChild?.from === call.from) {
        edits.push(replace(call, 'None'));
      } else if (statement.name === 'ExpressionStatement' && statement.firstChild?.from === call.from && statement.firstChild.to === statement.to) {
        edits.push(replace(statement, `pass  # no TPU here: ${source.textOf(statement)}`));
      }
    }
    return edits;
  }
});

export const hardwareRules: IRule[] = [torchCuda, torchLoad, lightgbmGpu, multiGpuModel, cudnnLayers, tpuStrategy];
