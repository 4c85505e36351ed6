/**
 * PyTorch changes that break old notebooks on a CPU machine too (the GPU
 * fallbacks are in hardware.ts).
 */
import { culpritLines, onCulpritLines } from './culprit';
import { customRule } from './builders';
import { appendArgument } from '../python/calls';
import type { IRule } from './types';

/**
 * `torch.load(path)` -> `torch.load(path, weights_only=False)` when the
 * error says the file holds more than weights: a whole pickled module
 * (`torch.save(net, ...)`), a checkpoint with numpy values or optimizer
 * objects. The error itself names this as the way to load a file one trusts;
 * only the loads the traceback points at are changed, so loads of plain
 * state dicts keep the safe default.
 */
const torchLoadWeightsOnly = customRule({
  id: 'torch-load-weights_only',
  category: 'behavior-change',
  fact: {
    library: 'torch',
    version: '2.6',
    message:
      'PyTorch 2.6 changed the default of torch.load to weights_only=True, which refuses pickled modules and other objects; a checkpoint saved by the notebook itself loads with weights_only=False.',
    source: 'https://pytorch.org/docs/stable/notes/serialization.html#weights-only'
  },
  trigger: /Weights only load failed/,
  static: false,
  fix: ({ source, error }) => {
    const loads = source.callsTo(qualified => qualified === 'torch.load');
    // Without a line in the traceback, only a cell with a single load is sure to hold the failing one.
    const failing = culpritLines(error) ? onCulpritLines(source, error, loads) : loads.length === 1 ? loads : [];
    return failing.flatMap(call => {
      const args = source.callArguments(call);
      if (args.length === 0 || args.some(arg => arg.name === 'weights_only' || arg.star === '**')) {
        return [];
      }
      return [appendArgument(source, call, 'weights_only=False')];
    });
  }
});

export const torchRules: IRule[] = [torchLoadWeightsOnly];
